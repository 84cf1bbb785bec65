/**
 * Candidate protocol v1 (docs/contracts.md): a candidate prints single-line JSON objects with an "sb"
 * key on stdout; splitbrain turns them into history events and stamps `t` on receipt. Pure.
 */

export type ProtocolEvent =
  | { type: "leader"; token?: string; group?: string; ct?: number }
  | { type: "follower"; group?: string; ct?: number }
  | { type: "conn"; state: string; ct?: number }
  | { type: "log"; msg: string; ct?: number };

export type ParsedLine =
  /** A protocol message, with a warning when it was accepted after a fix-up (a numeric token). */
  | { kind: "event"; event: ProtocolEvent; warning?: string }
  /** Ordinary output: goes to the node's log. */
  | { kind: "output" }
  /** Looked like a protocol line but is not valid: goes to the log with this warning. */
  | { kind: "malformed"; warning: string };

export const PROTOCOL_MESSAGES = ["leader", "follower", "conn", "log"] as const;

function optionalString(value: unknown, field: string): { ok: true; value: string | undefined } | { ok: false; problem: string } {
  if (value === undefined) return { ok: true, value: undefined };
  if (typeof value === "string") return { ok: true, value };
  return { ok: false, problem: `"${field}" must be a string` };
}

/** Classifies one line of a candidate's stdout. */
export function parseCandidateLine(line: string): ParsedLine {
  const text = line.trim();
  if (!text.startsWith("{") || !text.includes('"sb"')) return { kind: "output" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return { kind: "malformed", warning: `protocol line is not valid JSON (${(err as Error).message})` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value) || !("sb" in value)) return { kind: "output" };
  const msg = value as Record<string, unknown>;
  const sb = msg["sb"];
  const ct = typeof msg["ts"] === "number" && Number.isFinite(msg["ts"]) ? { ct: msg["ts"] } : {};
  const group = optionalString(msg["group"], "group");
  if (!group.ok) return { kind: "malformed", warning: `protocol line ${JSON.stringify(sb)}: ${group.problem}` };
  const groupField = group.value !== undefined ? { group: group.value } : {};
  switch (sb) {
    case "leader": {
      const token = msg["token"];
      if (typeof token === "number" && Number.isFinite(token)) {
        // Dropping a leader line would hide a leadership from the checkers: keep it, and warn.
        return {
          kind: "event",
          event: { type: "leader", token: String(token), ...groupField, ...ct },
          warning: `"token" should be a string; took ${token} as "${String(token)}"`,
        };
      }
      const t = optionalString(token, "token");
      if (!t.ok) return { kind: "malformed", warning: `protocol line "leader": ${t.problem}` };
      return { kind: "event", event: { type: "leader", ...(t.value !== undefined ? { token: t.value } : {}), ...groupField, ...ct } };
    }
    case "follower":
      return { kind: "event", event: { type: "follower", ...groupField, ...ct } };
    case "conn": {
      const state = msg["state"];
      if (typeof state !== "string" || state === "") return { kind: "malformed", warning: 'protocol line "conn" needs a string "state"' };
      return { kind: "event", event: { type: "conn", state, ...ct } };
    }
    case "log": {
      const m = msg["msg"];
      if (typeof m !== "string") return { kind: "malformed", warning: 'protocol line "log" needs a string "msg"' };
      return { kind: "event", event: { type: "log", msg: m, ...ct } };
    }
    default:
      return {
        kind: "malformed",
        warning: `unknown protocol message ${JSON.stringify(sb)} (protocol v1 knows ${PROTOCOL_MESSAGES.join(", ")})`,
      };
  }
}
