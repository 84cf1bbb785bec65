import { describeIssues, WriteEventSchema, type WriteEvent } from "../history/events.js";
import type { Unstamped } from "../history/writer.js";

/** The decision lines the witness prints (main.ts): a `write` event without `t`, plus its `ts`. */
const DecisionLineSchema = WriteEventSchema.omit({ t: true });

/** What one line of the witness's stdout is. */
export type WitnessLine =
  | { kind: "decision"; event: Unstamped<WriteEvent> }
  | { kind: "output"; line: string }
  | { kind: "malformed"; warning: string };

/**
 * Reads one stdout line of the witness container (pure). A decision line becomes the `write`
 * event the harness stamps with `t` on receipt; the witness's own `ts` (epoch ms when it decided)
 * stays on the event as an extra field, which readers ignore. A blank line or one that is not a
 * JSON object is plain output; a JSON object that is not a valid decision is malformed.
 */
export function parseWitnessLine(line: string): WitnessLine {
  const text = line.trim();
  if (!text.startsWith("{")) return { kind: "output", line };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "output", line };
  }
  const parsed = DecisionLineSchema.safeParse(value);
  if (!parsed.success) return { kind: "malformed", warning: `not a witness decision: ${describeIssues(parsed.error)}` };
  const ts = (value as Record<string, unknown>)["ts"];
  const event = { ...parsed.data, ...(typeof ts === "number" && Number.isFinite(ts) ? { ts } : {}) } as Unstamped<WriteEvent>;
  return { kind: "decision", event };
}
