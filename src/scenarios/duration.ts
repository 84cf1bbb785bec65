import type { DurationSpec } from "./types.js";

/**
 * The longest duration splitbrain accepts anywhere (flags and scenario files): 7 days. Node's
 * timers hold at most 2^31-1 ms (about 24.8 days) and fire at once beyond it, and no chaos run
 * waits a week for one step (docs/scenarios.md, "Durations").
 */
export const MAX_DURATION_MS = 7 * 24 * 60 * 60 * 1000;

const UNITS = { ms: 1, s: 1000, m: 60_000 } as const;
type Unit = keyof typeof UNITS;

/** "7 days (604800000 ms)": how the maximum is spelled in errors. */
export const MAX_DURATION_TEXT = `7 days (${MAX_DURATION_MS} ms)`;

/**
 * Milliseconds of a duration written as text: a plain decimal number in `bareUnit`, or one with
 * a unit (`1500ms`, `30s`, `2m`). Hex, exponents, signs and other units are refused, and so
 * is anything above MAX_DURATION_MS. Throws an Error whose message says what is accepted.
 */
export function parseDurationText(text: string, bareUnit: Unit): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m)?\s*$/.exec(text);
  if (m === null) {
    throw new Error(`"${text}" is not a duration: give a number of ${bareUnit === "ms" ? "milliseconds" : "seconds"} or one with a unit, like 1500ms, 30s or 2m`);
  }
  return bounded(Number(m[1]) * UNITS[(m[2] as Unit | undefined) ?? bareUnit], `"${text}"`);
}

/** `ms` when it is at most MAX_DURATION_MS, else an Error naming what was given (text as it is, a number as ms) and the maximum. */
export function bounded(ms: number, given: string | number): number {
  if (!(ms <= MAX_DURATION_MS)) throw new Error(`${typeof given === "string" ? given : `${given} ms`} is longer than the maximum duration, ${MAX_DURATION_TEXT}`);
  return ms;
}

/**
 * Milliseconds of a duration spec: a number is ms; "30s", "1500ms", "2m"; "3st" or
 * {sessionTimeouts: 3} are session timeouts. At most MAX_DURATION_MS. Throws with the reason on
 * anything else.
 */
export function durationMs(spec: DurationSpec, sessionTimeoutMs: number): number {
  if (typeof spec === "number") {
    if (!Number.isFinite(spec) || spec < 0) throw new Error(`a duration must be >= 0 ms, got ${spec}`);
    return bounded(spec, spec);
  }
  if (typeof spec === "object") {
    if (!Number.isFinite(spec.sessionTimeouts) || spec.sessionTimeouts < 0) throw new Error(`sessionTimeouts must be >= 0, got ${spec.sessionTimeouts}`);
    return bounded(spec.sessionTimeouts * sessionTimeoutMs, `${spec.sessionTimeouts} session timeouts`);
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|st)\s*$/.exec(spec);
  if (m === null) throw new Error(`"${spec}" is not a duration (use 1500ms, 30s, 2m, or 3st for 3 session timeouts)`);
  const n = Number(m[1]);
  switch (m[2]) {
    case "ms":
      return bounded(n, `"${spec}"`);
    case "s":
      return bounded(n * 1000, `"${spec}"`);
    case "m":
      return bounded(n * 60_000, `"${spec}"`);
    default:
      return bounded(n * sessionTimeoutMs, `"${spec}"`);
  }
}
