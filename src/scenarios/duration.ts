import type { DurationSpec } from "./types.js";

/**
 * Milliseconds of a duration spec: a number is ms; "30s", "1500ms", "2m"; "3st" or
 * {sessionTimeouts: 3} are session timeouts. Throws with the reason on anything else.
 */
export function durationMs(spec: DurationSpec, sessionTimeoutMs: number): number {
  if (typeof spec === "number") {
    if (!Number.isFinite(spec) || spec < 0) throw new Error(`a duration must be >= 0 ms, got ${spec}`);
    return spec;
  }
  if (typeof spec === "object") {
    if (!Number.isFinite(spec.sessionTimeouts) || spec.sessionTimeouts < 0) throw new Error(`sessionTimeouts must be >= 0, got ${spec.sessionTimeouts}`);
    return spec.sessionTimeouts * sessionTimeoutMs;
  }
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|st)\s*$/.exec(spec);
  if (m === null) throw new Error(`"${spec}" is not a duration (use 1500ms, 30s, 2m, or 3st for 3 session timeouts)`);
  const n = Number(m[1]);
  switch (m[2]) {
    case "ms":
      return n;
    case "s":
      return n * 1000;
    case "m":
      return n * 60_000;
    default:
      return n * sessionTimeoutMs;
  }
}
