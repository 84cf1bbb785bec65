import type { ExecObserver } from "./kinds/exec.js";
import type { HttpObserver } from "./kinds/http.js";
import type { LogObserver } from "./kinds/log.js";

/**
 * What one probe found out about one candidate: it leads, it does not, or there was no answer
 * (timeout, refused, paused, cut off). Only a definite answer may end a leadership interval.
 */
export type Answer = { role: "leader" } | { role: "follower" } | { role: "unknown"; reason: string };

export const LEADER: Answer = { role: "leader" };
export const FOLLOWER: Answer = { role: "follower" };
export const unknown = (reason: string): Answer => ({ role: "unknown", reason });

const asList = (v: number | number[]): number[] => (Array.isArray(v) ? v : [v]);

/** The value at a JSON pointer (RFC 6901), or undefined when the path does not exist. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key)) return undefined;
      cur = cur[Number(key)];
    } else {
      if (!Object.hasOwn(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return cur;
}

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An HTTP answer: leader when the status (and the JSON pointer, if given) match. */
export function judgeHttp(spec: HttpObserver, status: number, body: string): Answer {
  const statusLeads = asList(spec.leader.status).includes(status);
  if (statusLeads && spec.leader.json !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      return unknown(`HTTP ${status} with a body that is not JSON`);
    }
    if (sameJson(atPointer(doc, spec.leader.json.pointer), spec.leader.json.equals)) return LEADER;
  } else if (statusLeads) {
    return LEADER;
  }
  if (spec.follower?.status === undefined || asList(spec.follower.status).includes(status)) return FOLLOWER;
  return unknown(`HTTP ${status} is neither a leader nor a follower answer`);
}

/**
 * An HTTP probe that got no reply: a refused connection is "not leader" when the observer says so
 * (`follower.refused`); everything else (timeout, reset, no route) is no answer.
 */
export function judgeHttpFailure(spec: HttpObserver, code: string): Answer {
  if (code === "ECONNREFUSED" && spec.follower?.refused === true) return FOLLOWER;
  return unknown(code);
}

export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr?: string;
}

/**
 * A command's answer: leader when every leader condition holds (stdout, match, exit code; exit
 * code 0 when none is given); follower when it exited 0 otherwise or with a follower exit code;
 * any other failure is no answer.
 */
export function judgeExec(spec: ExecObserver, outcome: ExecOutcome): Answer {
  const l = spec.leader;
  const out = outcome.stdout.trim();
  const codeOk = outcome.exitCode === (l.exitCode ?? 0);
  const stdoutOk = l.stdout === undefined || out === l.stdout;
  const matchOk = l.match === undefined || new RegExp(l.match).test(outcome.stdout);
  if (codeOk && stdoutOk && matchOk) return LEADER;
  if (outcome.exitCode === 0) return FOLLOWER;
  const f = spec.follower;
  const stderr = outcome.stderr ?? "";
  if (
    f !== undefined &&
    (f.exitCode === undefined || asList(f.exitCode).includes(outcome.exitCode)) &&
    (f.match === undefined || new RegExp(f.match).test(outcome.stdout)) &&
    (f.stderr === undefined || new RegExp(f.stderr).test(stderr))
  ) {
    return FOLLOWER;
  }
  const last = lastLine(out) || lastLine(stderr.trim());
  return unknown(`exit code ${outcome.exitCode}${last !== "" ? `: ${last.slice(0, 120)}` : ""}`);
}

function lastLine(text: string): string {
  return text.split("\n").at(-1)?.trim() ?? "";
}

/** A log line's answer, if it says anything: the follower pattern wins when both match. */
export function judgeLogLine(spec: LogObserver, line: string): Answer | undefined {
  if (new RegExp(spec.follower).test(line)) return FOLLOWER;
  if (new RegExp(spec.leader).test(line)) return LEADER;
  return undefined;
}

/**
 * The candidate a znode's data names: the owner pattern's first group (or whole match), else the
 * trimmed data itself. Undefined when the data names no candidate of this run.
 */
export function ownerOf(data: string, candidates: readonly string[], owner?: string): string | undefined {
  let id = data.trim();
  if (owner !== undefined) {
    const m = new RegExp(owner).exec(data);
    if (m === null) return undefined;
    id = m[1] ?? m[0];
  }
  return candidates.includes(id) ? id : undefined;
}

/** The lowest sequential child of an election path (the 10-digit suffix decides, not the prefix). */
export function lowestSequential(children: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestSeq = Infinity;
  for (const c of children) {
    const m = /(\d{10})$/.exec(c);
    if (m === null) continue;
    const seq = Number(m[1]);
    if (seq < bestSeq) {
      bestSeq = seq;
      best = c;
    }
  }
  return best;
}

/** ZooKeeper's answer for every candidate, given who it says leads (undefined: nobody). */
export function zkAnswers(candidates: readonly string[], leader: string | undefined): Map<string, Answer> {
  return new Map(candidates.map((c) => [c, c === leader ? LEADER : FOLLOWER]));
}
