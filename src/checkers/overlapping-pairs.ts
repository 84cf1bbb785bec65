import { Fenwick, Heap } from "./sweep-structures.js";
import { compareTokens, tokenRanks } from "./tokens.js";
import type { Interval } from "./timeline.js";

/**
 * The overlapping pairs one interval (`later`) makes with the intervals before it in its lane:
 * how many share more than the tolerance with it, how many of those are fenced, and the longest
 * time it shares with an unfenced one.
 */
export interface LaterOverlaps {
  pairs: number;
  fenced: number;
  /** The longest common time with an unfenced earlier interval (0 when every pair is fenced). */
  longestUnfenced: number;
}

/** Calls `fn` for each pair of `later` with an earlier interval, in list order. */
export type EachPair = (fn: (first: Interval, end: number, duration: number, fenced: boolean) => void) => void;

/**
 * Whether the overlap of `first` (started first) and `later` (started later) is fenced: both
 * carry tokens and the later one's is strictly greater, so a store that checks tokens rejects
 * `first`.
 */
export function isFenced(first: Interval, later: Interval): boolean {
  if (first.token === undefined || later.token === undefined) return false;
  if (later.start === first.start) return false;
  return compareTokens(later.token, first.token) > 0;
}

/**
 * The sweep the overlap checker runs over one lane's intervals (ordered by start). A pair is two
 * intervals of different nodes that share more than `toleranceMs`: `first` is the one that
 * started first (or earlier in the list, on a tie), `later` the other, and their common time is
 * [later.start, min of the ends). For every interval that is the later one of some pair, `visit`
 * gets the counts and a function that lists its pairs.
 *
 * The counts cost O(log n) per interval, whatever the number of pairs: when 40,000 leaders lead
 * at once there are 800 million pairs, which are counted, not listed. Listing costs the number of
 * intervals still running, so a caller lists only what it reports in detail. (A node's intervals
 * in one lane never overlap each other: the timeline ends one before it starts the next, so an
 * interval that overlaps `later` is another node's.) With `fencing`, the fenced pairs are
 * counted by token rank; in the one case where tokens have no total order (decimal or hex
 * tokens mixed with others) every pair is listed to count them, as the contract's comparison
 * demands.
 */
export function sweepOverlaps(
  list: readonly Interval[],
  toleranceMs: number,
  fencing: boolean,
  visit: (later: Interval, counts: LaterOverlaps, eachPair: EachPair) => void,
): void {
  const tokens = fencing ? list.map((iv) => iv.token).filter((t) => t !== undefined) : [];
  const ranks = fencing ? tokenRanks(tokens) : new Map<string, number>();
  const ranked = new Fenwick(ranks?.size ?? 0);
  /** Intervals of earlier start times still running past the threshold, by end (soonest first). */
  const running = new Heap<Interval>((a, b) => a.end < b.end);
  /** Every interval before the current one, in list order; compacted when listed. */
  let before: Interval[] = [];
  let maxEnd = -Infinity;
  let maxEndNoToken = -Infinity;
  /** Intervals of the current start time seen so far, and the largest end among them. */
  let sameStart: Interval[] = [];
  let sameStartRunning = 0;
  let sameStartMaxEnd = -Infinity;
  let start = NaN;
  let threshold = -Infinity;

  const admit = (iv: Interval): void => {
    if (!(iv.end > threshold)) return; // ends before any later interval could share enough with it
    running.push(iv);
    if (iv.end > maxEnd) maxEnd = iv.end;
    const rank = iv.token === undefined ? undefined : ranks?.get(iv.token);
    if (rank === undefined) {
      if (iv.end > maxEndNoToken) maxEndNoToken = iv.end;
      return;
    }
    ranked.add(rank, 1);
    // Stored by reversed rank, so that "rank >= r" is a prefix.
    ranked.raise((ranks?.size ?? 0) - 1 - rank, iv.end);
  };

  const listPairs = (later: Interval, fn: Parameters<EachPair>[0]): void => {
    before = before.filter((a) => a.end > threshold);
    for (const a of before) {
      if (a.node === later.node) continue;
      const end = Math.min(a.end, later.end);
      const duration = end - later.start;
      if (!(duration > toleranceMs)) continue;
      fn(a, end, duration, fencing && isFenced(a, later));
    }
  };

  for (const later of list) {
    if (later.start !== start) {
      for (const iv of sameStart) admit(iv);
      sameStart = [];
      sameStartRunning = 0;
      sameStartMaxEnd = -Infinity;
      start = later.start;
      threshold = start + Math.max(toleranceMs, 0);
      for (let top = running.peek(); top !== undefined && !(top.end > threshold); top = running.peek()) {
        running.pop();
        const rank = top.token === undefined ? undefined : ranks?.get(top.token);
        if (rank !== undefined) ranked.add(rank, -1);
      }
    }
    if (later.end - start > toleranceMs) {
      const eachPair: EachPair = (fn) => listPairs(later, fn);
      const pairs = running.size + sameStartRunning;
      if (pairs > 0) {
        if (ranks === undefined) {
          // No total order of tokens: list the pairs to count them.
          const counts: LaterOverlaps = { pairs: 0, fenced: 0, longestUnfenced: 0 };
          listPairs(later, (_first, _end, duration, fenced) => {
            counts.pairs += 1;
            if (fenced) counts.fenced += 1;
            else if (duration > counts.longestUnfenced) counts.longestUnfenced = duration;
          });
          visit(later, counts, eachPair);
        } else {
          const rank = fencing && later.token !== undefined ? ranks.get(later.token) : undefined;
          // Fenced: an earlier start and a strictly smaller token (a smaller rank).
          const fenced = rank === undefined ? 0 : ranked.countBelow(rank);
          // The unfenced partner that runs longest: among those of the same start, without a token,
          // or (with fencing) with a token not smaller than `later`'s.
          const unfencedEnd =
            rank === undefined ? Math.max(maxEnd, sameStartMaxEnd) : Math.max(sameStartMaxEnd, maxEndNoToken, ranked.maxBelow(ranks.size - rank));
          const longestUnfenced = pairs > fenced ? Math.min(unfencedEnd, later.end) - start : 0;
          visit(later, { pairs, fenced, longestUnfenced }, eachPair);
        }
      }
    }
    sameStart.push(later);
    if (later.end > threshold) sameStartRunning += 1;
    if (later.end > sameStartMaxEnd) sameStartMaxEnd = later.end;
    before.push(later);
  }
}

/**
 * For every interval of one lane's list (ordered by start) that a later-starting interval of
 * another node overlaps by more than `toleranceMs`, calls `fn` once with the first such interval
 * in list order: who superseded it. In the order of the superseding interval, then of the list.
 * O(n log n): each interval is superseded at most once, whatever the number of overlapping pairs.
 */
export function forEachSuperseded(list: readonly Interval[], toleranceMs: number, fn: (superseded: Interval, by: Interval) => void): void {
  /** Intervals of earlier start times not yet superseded, by end (latest first), with their list index. */
  const waiting = new Heap<{ iv: Interval; index: number }>((a, b) => a.iv.end > b.iv.end);
  let sameStart: Array<{ iv: Interval; index: number }> = [];
  let start = NaN;
  let threshold = -Infinity;
  let superseder: Interval | undefined;
  list.forEach((next, index) => {
    if (next.start !== start) {
      for (const entry of sameStart) waiting.push(entry);
      sameStart = [];
      start = next.start;
      threshold = start + Math.max(toleranceMs, 0);
      superseder = undefined;
    }
    sameStart.push({ iv: next, index });
    if (superseder !== undefined || !(next.end - start > toleranceMs)) return;
    // The first interval of this start that shares more than the tolerance with anything running
    // supersedes everything that runs past the threshold (a node's own intervals never overlap, so
    // those are other nodes'). What ends before it never can be superseded later.
    const found: Array<{ iv: Interval; index: number }> = [];
    for (let top = waiting.peek(); top !== undefined && top.iv.end > threshold; top = waiting.peek()) found.push(waiting.pop() as { iv: Interval; index: number });
    if (found.length === 0) return;
    superseder = next;
    found.sort((a, b) => a.index - b.index);
    for (const { iv } of found) fn(iv, next);
  });
}
