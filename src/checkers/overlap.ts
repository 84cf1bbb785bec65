import { sweepOverlaps } from "./overlapping-pairs.js";
import { seenBy, seenByAll, type Interval, type Timeline } from "./timeline.js";
import {
  describeFaults,
  faultsDuring,
  formatMs,
  formatT,
  type CheckOptions,
  type Checker,
  type CheckerResult,
  type OverlapViolation,
} from "./types.js";

/**
 * Safety: no two nodes lead the same group at once. Sweeps each group's intervals by start and
 * counts every pair of intervals of different nodes that share more than the tolerance; the first
 * `maxReported` violations and fenced warnings are described in detail. The cost grows with the
 * intervals, not the pairs (overlapping-pairs.ts): a crowd of simultaneous leaders is counted.
 */
export const overlapChecker: Checker = {
  name: "overlap",
  description: "no two nodes lead the same group at the same time (split brain)",
  enabled: () => true,
  check(timeline: Timeline, options: CheckOptions): CheckerResult {
    const violations: OverlapViolation[] = [];
    const warnings: OverlapViolation[] = [];
    let violationCount = 0;
    let warningCount = 0;
    let intervalCount = 0;
    let worst = 0;
    const seenIn = new Set<string>();
    for (const { key, group, source } of timeline.lanes) {
      const list = timeline.intervals.get(key) ?? [];
      intervalCount += list.length;
      sweepOverlaps(list, options.toleranceMs, options.fencing, (later, counts, eachPair) => {
        const unfenced = counts.pairs - counts.fenced;
        violationCount += unfenced;
        warningCount += counts.fenced;
        if (unfenced > 0) {
          seenIn.add(source);
          if (counts.longestUnfenced > worst) worst = counts.longestUnfenced;
        }
        const wanted = (unfenced > 0 && violations.length < options.maxReported) || (counts.fenced > 0 && warnings.length < options.maxReported);
        if (!wanted) return;
        eachPair((first, end, duration, fenced) => {
          const target = fenced ? warnings : violations;
          if (target.length < options.maxReported) target.push(describe(timeline, group, source, first, later, end, duration, fenced));
        });
      });
    }
    const valid = violationCount === 0;
    const fencedNote = warningCount > 0 ? `, ${warningCount} fenced overlap(s) allowed by --fencing` : "";
    const summary = valid
      ? `no overlapping leadership (${intervalCount} intervals, tolerance ${formatMs(options.toleranceMs)}${fencedNote})`
      : `${violationCount} overlapping leadership window(s), longest ${formatMs(worst)}${seenByAll(seenIn)}${fencedNote}`;
    return {
      checker: "overlap",
      valid,
      violations,
      violationCount,
      warnings,
      warningCount,
      summary,
      stats: { intervals: intervalCount, groups: timeline.groups.length },
    };
  },
};

function describe(
  timeline: Timeline,
  group: string,
  source: string,
  a: Interval,
  b: Interval,
  end: number,
  duration: number,
  fenced: boolean,
): OverlapViolation {
  const faults = faultsDuring(timeline.faults, b.start, end);
  const tokens: Record<string, string | null> = { [a.node]: a.token ?? null, [b.node]: b.token ?? null };
  const tokenText =
    a.token !== undefined || b.token !== undefined ? ` tokens ${a.node}=${a.token ?? "none"} ${b.node}=${b.token ?? "none"};` : "";
  const openText = end === timeline.endT && (a.endedBy === "end" || b.endedBy === "end") ? " (still overlapping when the history ends)" : "";
  const head = fenced ? "fenced overlap" : "split brain";
  return {
    checker: "overlap",
    kind: fenced ? "fenced-overlap" : "overlap",
    group,
    source,
    nodes: [a.node, b.node],
    window: { start: b.start, end },
    durationMs: duration,
    tokens,
    intervals: [a, b],
    faults,
    message: `${head}: ${a.node} and ${b.node} both led group ${group}${seenBy(source)} for ${formatMs(duration)} (${formatT(b.start)}..${Number(end.toFixed(3))} ms)${openText};${tokenText} faults: ${describeFaults(faults)}`,
  };
}
