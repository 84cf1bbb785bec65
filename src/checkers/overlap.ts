import { sweepOverlaps } from "./overlapping-pairs.js";
import { describePausedLeader, pausedLeader, PauseIndex, type PausedLeader } from "./paused-leader.js";
import { seenBy, seenByAll, type Interval, type Timeline } from "./timeline.js";
import {
  activeFaults,
  describeFaults,
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
    let fencedCount = 0;
    let pausedCount = 0;
    let intervalCount = 0;
    let worst = 0;
    const seenIn = new Set<string>();
    // Only a history with pauses can have a paused leader's overlap; only then are pairs listed to find them.
    const pauses = timeline.faults.some((f) => f.fault === "pause");
    // Built once: judging each pair then does not grow with the pauses in the history.
    const pauseIndex = new PauseIndex(pauses ? timeline.faults : []);
    for (const { key, group, source } of timeline.lanes) {
      const list = timeline.intervals.get(key) ?? [];
      intervalCount += list.length;
      sweepOverlaps(list, options.toleranceMs, options.fencing, (later, counts, eachPair) => {
        let excused = 0;
        let longest = counts.longestUnfenced;
        if (pauses && counts.pairs > counts.fenced) {
          longest = 0;
          eachPair((first, end, duration, fenced) => {
            if (fenced) return;
            if (pausedLeader(pauseIndex, first, later, end, options.recoveryMs)?.excused === true) excused += 1;
            else if (duration > longest) longest = duration;
          });
        }
        const unfenced = counts.pairs - counts.fenced - excused;
        violationCount += unfenced;
        fencedCount += counts.fenced;
        pausedCount += excused;
        if (unfenced > 0) {
          seenIn.add(source);
          if (longest > worst) worst = longest;
        }
        const allowed = counts.fenced + excused;
        const wanted = (unfenced > 0 && violations.length < options.maxReported) || (allowed > 0 && warnings.length < options.maxReported);
        if (!wanted) return;
        eachPair((first, end, duration, fenced) => {
          const paused = fenced || !pauses ? undefined : pausedLeader(pauseIndex, first, later, end, options.recoveryMs);
          const target = fenced || paused?.excused === true ? warnings : violations;
          if (target.length < options.maxReported) target.push(describe(timeline, group, source, first, later, end, duration, fenced, paused, options.recoveryMs));
        });
      });
    }
    const valid = violationCount === 0;
    const notes = [
      fencedCount > 0 ? `${fencedCount} fenced overlap(s) allowed by --fencing` : undefined,
      pausedCount > 0 ? `${pausedCount} overlap(s) of a leader frozen by a pause excused (see warnings)` : undefined,
    ]
      .filter((x) => x !== undefined)
      .map((x) => `, ${x}`)
      .join("");
    const summary = valid
      ? `no overlapping leadership (${intervalCount} intervals, tolerance ${formatMs(options.toleranceMs)}${notes})`
      : `${violationCount} overlapping leadership window(s), longest ${formatMs(worst)}${seenByAll(seenIn)}${notes}`;
    return {
      checker: "overlap",
      valid,
      violations,
      violationCount,
      warnings,
      warningCount: fencedCount + pausedCount,
      summary,
      stats: { intervals: intervalCount, groups: timeline.groups.length, fencedOverlaps: fencedCount, pausedLeaderOverlaps: pausedCount },
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
  paused: PausedLeader | undefined,
  recoveryMs: number,
): OverlapViolation {
  const active = activeFaults(timeline.faults, b.start, end);
  const faults = active.list;
  const tokens: Record<string, string | null> = { [a.node]: a.token ?? null, [b.node]: b.token ?? null };
  const tokenText =
    a.token !== undefined || b.token !== undefined ? ` tokens ${a.node}=${a.token ?? "none"} ${b.node}=${b.token ?? "none"};` : "";
  const openText = end === timeline.endT && (a.endedBy === "end" || b.endedBy === "end") ? " (still overlapping when the history ends)" : "";
  const excused = !fenced && paused?.excused === true;
  const head = fenced ? "fenced overlap" : excused ? "overlap of a frozen leader" : "split brain";
  const why = paused !== undefined && !fenced ? `. ${describePausedLeader(a.node, b.node, paused, recoveryMs, timeline.writes.length > 0)}` : "";
  return {
    checker: "overlap",
    kind: fenced ? "fenced-overlap" : excused ? "paused-leader" : "overlap",
    group,
    source,
    nodes: [a.node, b.node],
    window: { start: b.start, end },
    durationMs: duration,
    tokens,
    intervals: [a, b],
    faults,
    message: `${head}: ${a.node} and ${b.node} both led group ${group}${seenBy(source)} for ${formatMs(duration)} (${formatT(b.start)}..${Number(end.toFixed(3))} ms)${openText};${tokenText} faults: ${describeFaults(faults, active.total)}${why}`,
  };
}
