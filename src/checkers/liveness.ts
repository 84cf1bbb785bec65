import { intersect, leaderExpectedStretches, leaderlessPeriods } from "./stretches.js";
import { knownLeadership, seenBy, seenByAll, type Interval, type Timeline } from "./timeline.js";
import {
  activeFaults,
  describeFaults,
  formatMs,
  formatT,
  type CheckOptions,
  type Checker,
  type CheckerResult,
  type ViolationBase,
  type ActiveFault,
  type Window,
} from "./types.js";

export interface LivenessViolation extends ViolationBase {
  checker: "liveness";
  kind: "leaderless";
  group: string;
  /** The observer whose view this is ("protocol": the candidate's own lines). */
  source: string;
  window: Window;
  durationMs: number;
  /** The leader-expected stretch the period fell in. */
  stretch: Window;
  /** The last leader before the period, if any. */
  previousLeader: { node: string; end: number } | null;
  faults: ActiveFault[];
  message: string;
}

/**
 * Liveness: inside every leader-expected stretch, each group has a leader again within the
 * recovery bound. A leaderless period that began before the stretch counts from its start.
 */
export const livenessChecker: Checker<LivenessViolation> = {
  name: "liveness",
  description: "a leader again within the recovery bound whenever no fault excuses its absence",
  enabled: () => true,
  // A leaderless stretch names no node: it spans every candidate lane of its observer.
  view: (v) => ({ window: v.window, nodes: [] }),
  check(timeline: Timeline, options: CheckOptions): CheckerResult<LivenessViolation> {
    const stretches = leaderExpectedStretches(timeline.faults, timeline.endT);
    const violations: LivenessViolation[] = [];
    let violationCount = 0;
    let worst = 0;
    let leaderlessTotal = 0;
    const seenIn = new Set<string>();
    for (const { key, group, source } of timeline.lanes) {
      // A leader counts only while its observer had an answer: a stretch of "no answer" about
      // the only leader is leaderless here (conservative), never assumed to be led.
      const intervals = knownLeadership(timeline.intervals.get(key) ?? [], timeline.unknown.get(key));
      const periods = leaderlessPeriods(intervals, timeline.endT);
      for (const { piece, left: period, right: stretch } of intersect(periods, stretches)) {
        const duration = piece.end - piece.start;
        leaderlessTotal += duration;
        if (!(duration > options.recoveryMs)) continue;
        violationCount += 1;
        seenIn.add(source);
        if (duration > worst) worst = duration;
        if (violations.length < options.maxReported) {
          violations.push(describe(timeline, group, source, intervals, piece, period, stretch));
        }
      }
    }
    const expected = stretches.reduce((sum, s) => sum + (s.end - s.start), 0);
    const summary =
      violationCount === 0
        ? `a leader within ${formatMs(options.recoveryMs)} throughout ${formatMs(expected)} of leader-expected time`
        : `${violationCount} leaderless period(s) over ${formatMs(options.recoveryMs)}, longest ${formatMs(worst)}${seenByAll(seenIn)}`;
    return {
      checker: "liveness",
      valid: violationCount === 0,
      violations,
      violationCount,
      warnings: [],
      warningCount: 0,
      summary,
      stats: { stretches: stretches.length, leaderExpectedMs: expected, leaderlessExpectedMs: leaderlessTotal },
    };
  },
};

function describe(
  timeline: Timeline,
  group: string,
  source: string,
  intervals: readonly Interval[],
  piece: Window,
  period: Window,
  stretch: Window,
): LivenessViolation {
  let previous: Interval | undefined;
  for (const iv of intervals) {
    if (iv.start >= period.start) break;
    if (iv.end <= period.start && (previous === undefined || iv.end >= previous.end)) previous = iv;
  }
  const active = activeFaults(timeline.faults, piece.start, piece.end);
  const faults = active.list;
  const duration = piece.end - piece.start;
  const since =
    period.start < stretch.start
      ? `counted from ${formatT(stretch.start)}, when the last fault that excused it ended (no leader since ${formatT(period.start)})`
      : previous !== undefined
        ? `after ${previous.node} stopped leading`
        : "from the start of the history";
  const successor = intervals.find((iv) => iv.start === piece.end);
  const until =
    successor !== undefined
      ? `until ${successor.node} led at ${formatT(piece.end)}`
      : piece.end === timeline.endT
        ? "still none when the history ends"
        : `until ${formatT(piece.end)}, when a fault that excuses it began`;
  return {
    checker: "liveness",
    kind: "leaderless",
    group,
    source,
    window: { ...piece },
    durationMs: duration,
    stretch: { ...stretch },
    previousLeader: previous === undefined ? null : { node: previous.node, end: previous.end },
    faults,
    message: `no leader in group ${group}${seenBy(source)} for ${formatMs(duration)} from ${formatT(piece.start)} (${since}), ${until}; faults: ${describeFaults(faults, active.total)}`,
  };
}
