import type { FaultWindow, Interval } from "./timeline.js";
import type { Window } from "./types.js";

/** Sorts and merges windows into disjoint ones (touching windows join). Ignores empty ones. */
export function union(windows: readonly Window[]): Window[] {
  const sorted = windows.filter((w) => w.end > w.start).sort((a, b) => a.start - b.start);
  const out: Window[] = [];
  for (const w of sorted) {
    const last = out[out.length - 1];
    if (last !== undefined && w.start <= last.end) {
      if (w.end > last.end) last.end = w.end;
    } else out.push({ start: w.start, end: w.end });
  }
  return out;
}

/** The parts of [from, to) not covered by the disjoint, sorted `covered` windows. */
export function complement(covered: readonly Window[], from: number, to: number): Window[] {
  const out: Window[] = [];
  let at = from;
  for (const w of covered) {
    if (w.end <= at) continue;
    if (w.start >= to) break;
    if (w.start > at) out.push({ start: at, end: w.start });
    at = Math.max(at, w.end);
  }
  if (at < to) out.push({ start: at, end: to });
  return out;
}

/** Pieces where two disjoint sorted window lists overlap, in order. */
export function intersect(a: readonly Window[], b: readonly Window[]): Array<{ piece: Window; left: Window; right: Window }> {
  const out: Array<{ piece: Window; left: Window; right: Window }> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as Window;
    const y = b[j] as Window;
    const start = Math.max(x.start, y.start);
    const end = Math.min(x.end, y.end);
    if (end > start) out.push({ piece: { start, end }, left: x, right: y });
    if (x.end < y.end) i++;
    else j++;
  }
  return out;
}

/**
 * The leader-expected stretches of [0, end): the time not covered by any fault with
 * `expectLeader: false`. Adjacent stretches are one (a fault that expects a leader does not
 * restart the recovery clock).
 */
export function leaderExpectedStretches(faults: readonly FaultWindow[], end: number): Window[] {
  return complement(
    union(faults.filter((f) => !f.expectLeader)),
    0,
    end,
  );
}

/** Leaderless periods of a group in [0, end): when none of its intervals is open. */
export function leaderlessPeriods(intervals: readonly Interval[], end: number): Window[] {
  return complement(union(intervals), 0, end);
}
