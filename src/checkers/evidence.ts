import type { Interval, SeenStretch, UnknownWindow } from "./timeline.js";
import { formatMs, formatT, type OverlapEvidence } from "./types.js";

/**
 * How well the history shows an overlap (docs/history-format.md, "Evidence"):
 * - `seen`: both nodes were seen leading at once: a stretch in which the source saw one node
 *   leading shares at least an instant with one in which it saw the other (within the lane's
 *   resolution). Push lanes (the protocol, a log) state every instant, so their overlaps are seen.
 * - `possible`: the overlap exists only if a node still led between its last "leader" answer and
 *   the source's next definite answer: through poll granularity or through stretches without an
 *   answer. It rests on `unknownMs` of such stretches.
 */
export type { OverlapEvidence };

/** The stretches in which an interval's node was seen leading: all of it in a push lane. */
export function seenStretches(iv: Interval): readonly SeenStretch[] {
  return iv.seen ?? [{ start: iv.start, end: iv.end }];
}

/** Whether some seen stretch of `a` shares an instant with some seen stretch of `b` inside [from, to]. */
export function seenAtOnce(a: Interval, b: Interval, from: number, to: number): boolean {
  const sa = seenStretches(a);
  const sb = seenStretches(b);
  let i = 0;
  let j = 0;
  while (i < sa.length && j < sb.length) {
    const x = sa[i] as SeenStretch;
    const y = sb[j] as SeenStretch;
    const lo = Math.max(x.start, y.start, from);
    const hi = Math.min(x.end, y.end, to);
    if (lo <= hi) return true;
    if (x.end < y.end) i += 1;
    else j += 1;
  }
  return false;
}

/** The time of [from, to) that the node's "no answer" stretches cover, at most. */
function unknownWithin(windows: readonly UnknownWindow[], node: string, from: number, to: number): number {
  let longest = 0;
  for (const w of windows) {
    if (w.node !== node || w.end <= from || w.start >= to) continue;
    longest = Math.max(longest, Math.min(w.end, to) - Math.max(w.start, from));
  }
  return longest;
}

/**
 * Grades the overlap [later.start, end) of `first` and `later` (same lane) on what its source saw.
 * Pure; `unknown` is the lane's "no answer" stretches.
 */
export function gradeOverlap(
  first: Interval,
  later: Interval,
  end: number,
  pollMs: number | undefined,
  unknown: readonly UnknownWindow[] | undefined,
): OverlapEvidence {
  if (pollMs === undefined || (first.seen === undefined && later.seen === undefined)) {
    return { grade: "seen", unknownMs: 0, restsOnUnknown: false, answers: [] };
  }
  const from = later.start;
  const windows = unknown ?? [];
  const unknownMs = Math.max(unknownWithin(windows, first.node, from, end), unknownWithin(windows, later.node, from, end));
  const seen = seenAtOnce(first, later, from, end);
  return {
    grade: seen ? "seen" : "possible",
    pollMs,
    unknownMs,
    restsOnUnknown: !seen && unknownMs > pollMs,
    answers: seen ? [] : [answersOf(first, from, end, windows), answersOf(later, from, end, windows)],
  };
}

/**
 * What the source answered about an interval's node around the overlap [from, to): when it last
 * saw it leading before the overlap ended, each stretch without an answer in it, and how the
 * interval ended.
 */
export function answersOf(iv: Interval, from: number, to: number, unknown: readonly UnknownWindow[]): string {
  const parts: string[] = [];
  const stretches = seenStretches(iv);
  const inside = stretches.filter((s) => s.end >= from && s.start <= to);
  const before = stretches.filter((s) => s.end < from).at(-1);
  if (iv.start >= from) parts.push(`first seen leading ${formatT(iv.start)} ms`);
  else if (before !== undefined && inside.length === 0) parts.push(`last seen leading ${formatT(before.end)} ms`);
  for (const s of inside) {
    if (s.start > iv.start || iv.start < from) parts.push(s.start === s.end ? `seen leading ${formatT(s.start)} ms` : `seen leading ${formatT(s.start)}..${Number(s.end.toFixed(3))} ms`);
  }
  for (const w of unknown) {
    if (w.node !== iv.node || w.end <= from || w.start >= to) continue;
    parts.push(`no answer ${formatT(w.start)}..${Number(w.end.toFixed(3))} ms${w.reason !== undefined ? ` (${w.reason})` : ""}`);
  }
  const ended = iv.endedBy === "end" ? "still leading at the end of the history" : `${iv.endedBy === "leader" ? "leader again with a new token" : iv.endedBy} ${formatT(iv.end)} ms`;
  parts.push(ended);
  return `${iv.node}: ${parts.join(", ")}`;
}

/** " (resting on 970 ms without an answer, more than one poll interval of 500 ms)" and the like. */
export function describeBasis(e: OverlapEvidence): string {
  if (e.grade === "seen") return "";
  const poll = e.pollMs !== undefined ? formatMs(e.pollMs) : "?";
  if (e.restsOnUnknown) return `it rests on ${formatMs(e.unknownMs)} without an answer, longer than one poll interval (${poll})`;
  return `it rests on the time between polls (every ${poll})${e.unknownMs > 0 ? ` and ${formatMs(e.unknownMs)} without an answer` : ""}`;
}
