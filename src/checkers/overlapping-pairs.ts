import type { Interval } from "./timeline.js";

/**
 * Calls `fn` for every pair of intervals of different nodes in one group's list (ordered by
 * start) that share more than `toleranceMs`: `first` is the interval that started first (or
 * earlier in the list, on a tie), `later` the other, and their common time is
 * [later.start, end). The sweep the overlap and fencing checkers share.
 */
export function forEachOverlap(
  list: readonly Interval[],
  toleranceMs: number,
  fn: (first: Interval, later: Interval, end: number, duration: number) => void,
): void {
  let active: Interval[] = [];
  for (const next of list) {
    active = active.filter((a) => a.end > next.start);
    for (const a of active) {
      if (a.node === next.node) continue;
      const end = Math.min(a.end, next.end);
      const duration = end - next.start;
      if (!(duration > toleranceMs)) continue;
      fn(a, next, end, duration);
    }
    active.push(next);
  }
}
