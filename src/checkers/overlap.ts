import { describeBasis, gradeOverlap, type OverlapEvidence } from "./evidence.js";
import { PROTOCOL_SOURCE } from "../history/events.js";
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
  type ViolationBase,
  type Window,
  type ActiveFault,
} from "./types.js";

export interface OverlapViolation extends ViolationBase {
  checker: "overlap";
  /**
   * overlap: a split brain (seen); fenced-overlap (--fencing) and paused-leader are warnings;
   * possible-overlap: a polled lane's overlap that was not seen (`evidence` says what it rests
   * on): a warning, or what `--possible` makes of it.
   */
  kind: "overlap" | "fenced-overlap" | "paused-leader" | "possible-overlap";
  group: string;
  /** The observer whose view this is ("protocol": the candidate's own lines). */
  source: string;
  nodes: [string, string];
  window: Window;
  durationMs: number;
  tokens: Record<string, string | null>;
  intervals: [Interval, Interval];
  faults: ActiveFault[];
  /** In a polled lane: how well the history shows the overlap (docs/history-format.md, "Evidence"). */
  evidence?: OverlapEvidence;
  message: string;
}

/**
 * Safety: no two nodes lead the same group at once. Sweeps each group's intervals by start and
 * counts every pair of intervals of different nodes that share more than the tolerance; the first
 * `maxReported` violations and fenced warnings are described in detail. The cost grows with the
 * intervals, not the pairs (overlapping-pairs.ts): a crowd of simultaneous leaders is counted.
 */
export const overlapChecker: Checker<OverlapViolation> = {
  name: "overlap",
  description: "no two nodes lead the same group at the same time (split brain)",
  enabled: () => true,
  view: (v) => ({ window: v.window, nodes: v.nodes }),
  check(timeline: Timeline, options: CheckOptions): CheckerResult<OverlapViolation> {
    const violations: OverlapViolation[] = [];
    const warnings: OverlapViolation[] = [];
    let violationCount = 0;
    let fencedCount = 0;
    let pausedCount = 0;
    let possibleWarned = 0;
    let possibleUnknown = 0;
    let possibleFailed = 0;
    let longestPossible = 0;
    let intervalCount = 0;
    let worst = 0;
    const seenIn = new Set<string>();
    const possibleIn = new Set<string>();
    let graded = 0;
    let ungraded = 0;
    const ungradedIn = new Set<string>();
    // Only a history with pauses can have a paused leader's overlap; only then are pairs listed to find them.
    const pauses = timeline.faults.some((f) => f.fault === "pause");
    // Built once: judging each pair then does not grow with the pauses in the history.
    const pauseIndex = new PauseIndex(pauses ? timeline.faults : []);
    for (const { key, group, source } of timeline.lanes) {
      const list = timeline.intervals.get(key) ?? [];
      intervalCount += list.length;
      // A polled lane's overlaps are graded on what its source saw (evidence.ts): each pair is listed.
      const pollMs = timeline.polled.get(source);
      const unknown = timeline.unknown.get(key);
      const judge = (first: Interval, later: Interval, end: number): Judged => {
        const evidence = pollMs === undefined ? undefined : gradeOverlap(first, later, end, pollMs, unknown);
        if (evidence !== undefined && evidence.grade === "possible") {
          const verdict = options.possible === "fail" ? "fail" : evidence.restsOnUnknown && options.possible === "inconclusive" ? "inconclusive" : "warn";
          return { evidence, possible: verdict };
        }
        const paused = pauses ? pausedLeader(pauseIndex, first, later, end, options.recoveryMs) : undefined;
        return { ...(evidence !== undefined ? { evidence } : {}), paused };
      };
      sweepOverlaps(list, options.toleranceMs, options.fencing, (later, counts, eachPair) => {
        let excused = 0;
        let warned = 0;
        let undecided = 0;
        let longest = counts.longestUnfenced;
        const toList = counts.pairs - counts.fenced;
        // Grading lists every pair; a crowd of leaders in a polled lane past the budget is not
        // graded (inconclusive, never a split brain unseen), so a check stays bounded.
        const overBudget = pollMs !== undefined && toList > 0 && graded + toList > GRADE_BUDGET;
        if (overBudget) {
          ungraded += toList;
          ungradedIn.add(source);
          return;
        }
        if ((pauses || pollMs !== undefined) && toList > 0) {
          if (pollMs !== undefined) graded += toList;
          longest = 0;
          eachPair((first, end, duration, fenced) => {
            if (fenced) return;
            const j = judge(first, later, end);
            if (j.possible !== undefined) {
              possibleIn.add(source);
              if (duration > longestPossible) longestPossible = duration;
            }
            if (j.possible === "warn") warned += 1;
            else if (j.possible === "inconclusive") undecided += 1;
            else if (j.paused?.excused === true) excused += 1;
            else {
              if (j.possible === "fail") possibleFailed += 1;
              if (duration > longest) longest = duration;
            }
          });
        }
        const unfenced = counts.pairs - counts.fenced - excused - warned - undecided;
        violationCount += unfenced;
        fencedCount += counts.fenced;
        pausedCount += excused;
        possibleWarned += warned;
        possibleUnknown += undecided;
        if (unfenced > 0) {
          seenIn.add(source);
          if (longest > worst) worst = longest;
        }
        const allowed = counts.fenced + excused + warned + undecided;
        const wanted = (unfenced > 0 && violations.length < options.maxReported) || (allowed > 0 && warnings.length < options.maxReported);
        if (!wanted) return;
        eachPair((first, end, duration, fenced) => {
          const j = fenced ? {} : judge(first, later, end);
          const warning = fenced || j.possible === "warn" || j.possible === "inconclusive" || j.paused?.excused === true;
          const target = warning ? warnings : violations;
          if (target.length < options.maxReported) {
            target.push(describe(timeline, group, source, first, later, end, duration, fenced, j, options.recoveryMs));
          }
        });
      });
    }
    const valid = violationCount > 0 ? false : possibleUnknown > 0 || ungraded > 0 ? "unknown" : true;
    const possibleCount = possibleWarned + possibleUnknown + possibleFailed;
    const notes = [
      fencedCount > 0 ? `${fencedCount} fenced overlap(s) allowed by --fencing` : undefined,
      pausedCount > 0 ? `${pausedCount} overlap(s) of a leader frozen by a pause excused (see warnings)` : undefined,
      possibleWarned > 0 ? `${possibleWarned} possible overlap(s) not seen at once (see warnings)` : undefined,
      possibleFailed > 0 ? `${possibleFailed} of them possible, not seen at once (failed by --possible fail)` : undefined,
    ]
      .filter((x) => x !== undefined)
      .map((x) => `, ${x}`)
      .join("");
    const undecidedText = [
      possibleUnknown > 0
        ? `${possibleUnknown} possible overlap(s) resting on answers missing for longer than a poll interval, up to ${formatMs(longestPossible)}${byObservers(possibleIn)}: not seen at once, not ruled out`
        : undefined,
      ungraded > 0
        ? `${ungraded} overlapping pair(s)${byObservers(ungradedIn)} not graded: more than ${GRADE_BUDGET} pairs of leaders at once in polled lanes, too many to grade on evidence`
        : undefined,
    ]
      .filter((x) => x !== undefined)
      .join("; ");
    const summary =
      valid === true
        ? `no overlapping leadership seen (${intervalCount} intervals, tolerance ${formatMs(options.toleranceMs)}${notes})`
        : valid === "unknown"
          ? `inconclusive: ${undecidedText}${notes}`
          : `${violationCount} overlapping leadership window(s), longest ${formatMs(worst)}${seenByAll(seenIn)}${notes}`;
    return {
      checker: "overlap",
      valid,
      violations,
      violationCount,
      warnings,
      warningCount: fencedCount + pausedCount + possibleWarned + possibleUnknown,
      summary,
      ...(valid === "unknown"
        ? { error: `${undecidedText}${possibleUnknown > 0 ? " (--possible warn or fail decides otherwise" : " ("}; docs/history-format.md, "Evidence")` }
        : {}),
      stats: {
        intervals: intervalCount,
        groups: timeline.groups.length,
        fencedOverlaps: fencedCount,
        pausedLeaderOverlaps: pausedCount,
        possibleOverlaps: possibleCount,
        possibleOverlapsInconclusive: possibleUnknown,
        ungradedPairs: ungraded,
      },
    };
  },
};

/** How many overlapping pairs of polled lanes one check grades at most (each is listed). */
export const GRADE_BUDGET = 2_000_000;

/** " by exec" for an observer's lane ("" for the protocol's, which polls nothing). */
function byObserver(source: string): string {
  return source === PROTOCOL_SOURCE ? "" : ` by ${source}`;
}

/** " (by exec, http)": the observers whose views had possible overlaps. */
function byObservers(sources: ReadonlySet<string>): string {
  const named = [...sources].filter((s) => s !== PROTOCOL_SOURCE).sort();
  return named.length === 0 ? "" : ` (by ${named.join(", ")})`;
}

/** What the rules make of one unfenced pair: its evidence, and what decides it. */
interface Judged {
  evidence?: OverlapEvidence;
  /** Set when the overlap was not seen: what `--possible` makes of it. */
  possible?: "warn" | "inconclusive" | "fail";
  paused?: PausedLeader | undefined;
}

function describe(
  timeline: Timeline,
  group: string,
  source: string,
  a: Interval,
  b: Interval,
  end: number,
  duration: number,
  fenced: boolean,
  judged: Judged,
  recoveryMs: number,
): OverlapViolation {
  const paused = judged.paused;
  const active = activeFaults(timeline.faults, b.start, end);
  const faults = active.list;
  const tokens: Record<string, string | null> = { [a.node]: a.token ?? null, [b.node]: b.token ?? null };
  const tokenText =
    a.token !== undefined || b.token !== undefined ? ` tokens ${a.node}=${a.token ?? "none"} ${b.node}=${b.token ?? "none"};` : "";
  const openText = end === timeline.endT && (a.endedBy === "end" || b.endedBy === "end") ? " (still overlapping when the history ends)" : "";
  const excused = !fenced && paused?.excused === true;
  const possible = !fenced && judged.possible !== undefined ? judged.evidence : undefined;
  const common = {
    checker: "overlap" as const,
    group,
    source,
    nodes: [a.node, b.node] as [string, string],
    window: { start: b.start, end },
    durationMs: duration,
    tokens,
    intervals: [a, b] as [Interval, Interval],
    faults,
  };
  const within = `${formatT(b.start)}..${Number(end.toFixed(3))} ms`;
  if (possible !== undefined) {
    const decided =
      judged.possible === "inconclusive" ? "inconclusive" : judged.possible === "fail" ? "failed by --possible fail" : "a warning";
    return {
      ...common,
      kind: "possible-overlap",
      evidence: possible,
      message: `possible overlap (${decided}): ${a.node} and ${b.node} were never seen leading group ${group} at once${byObserver(source)}; they may have both led for up to ${formatMs(duration)}, at least 0 ms (within ${within}), ${describeBasis(possible)}; ${possible.answers.join("; ")}; faults: ${describeFaults(faults, active.total)}`,
    };
  }
  const head = fenced ? "fenced overlap" : excused ? "overlap of a frozen leader" : "split brain";
  const why = paused !== undefined && !fenced ? `. ${describePausedLeader(a.node, b.node, paused, recoveryMs, timeline.writes.length > 0)}` : "";
  return {
    ...common,
    ...(judged.evidence !== undefined ? { evidence: judged.evidence } : {}),
    kind: fenced ? "fenced-overlap" : excused ? "paused-leader" : "overlap",
    message: `${head}: ${a.node} and ${b.node} both led group ${group}${seenBy(source)} for ${formatMs(duration)} (${within})${openText};${tokenText} faults: ${describeFaults(faults, active.total)}${why}`,
  };
}
