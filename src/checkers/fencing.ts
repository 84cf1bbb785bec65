import { forEachSuperseded } from "./overlapping-pairs.js";
import { compareTokens } from "./tokens.js";
import { PROTOCOL_SOURCE } from "../history/events.js";
import { seenBy, type FaultWindow, type Interval, type Timeline } from "./timeline.js";
import {
  faultsDuring,
  formatMs,
  formatT,
  type CheckOptions,
  type Checker,
  type CheckerResult,
  type ViolationBase,
  type ActiveFault,
  type Window,
} from "./types.js";

export interface FencingViolation extends ViolationBase {
  checker: "fencing";
  /**
   * token-not-increasing: `later` took leadership with a token not greater than `earlier`'s.
   * stale-leader: `earlier` was superseded by `later` and still led through more than the
   * recovery bound with no fault active; `window` is the stale time past the bound.
   */
  kind: "token-not-increasing" | "stale-leader";
  group: string;
  source: string;
  nodes: [string, string];
  tokens: [string | null, string | null];
  at: number;
  window?: Window;
  earlier: Interval;
  later: Interval;
  faults: ActiveFault[];
  message: string;
}

/**
 * Fencing (with --fencing). Fenced overlaps are safe only if
 * 1. every new leadership carries a token greater than every earlier one in its group (else a
 *    store could not reject the deposed leader's writes): "token-not-increasing". A node that
 *    leads again with the highest token so far, which is its own, resumes and is not judged; and
 * 2. a superseded leader stops believing it leads once it can know: it may not go on leading
 *    through more than the recovery bound with no fault active (a fenced leader that never
 *    steps down keeps acting, only to be rejected, and a store that does not check tokens
 *    takes its writes): "stale-leader". While any fault is active it is excused: a paused or
 *    cut-off node cannot learn that it lost.
 * Missing tokens make this checker unknown.
 */
export const fencingChecker: Checker<FencingViolation> = {
  name: "fencing",
  description: "with --fencing: tokens increase with every leadership, and a superseded leader steps down within the recovery bound once no fault holds it",
  enabled: (options) => options.fencing,
  // A token that did not increase is an instant (`at`); a stale leader has its stale time.
  view: (v) => ({ window: v.window ?? { start: v.at, end: v.at }, nodes: v.nodes }),
  check(timeline: Timeline, options: CheckOptions): CheckerResult<FencingViolation> {
    const violations: FencingViolation[] = [];
    let violationCount = 0;
    let stale = 0;
    let missing = 0;
    let firstMissing: Interval | undefined;
    let intervals = 0;
    const skipped: string[] = [];
    const report = (v: FencingViolation): void => {
      violationCount += 1;
      if (violations.length < options.maxReported) violations.push(v);
    };
    for (const { key, group, source } of timeline.lanes) {
      const list = timeline.intervals.get(key) ?? [];
      // Observers rarely see tokens: an observer's lane is judged only when it carries any (the
      // stale-leader rule included); the summary names the lanes skipped.
      if (source !== PROTOCOL_SOURCE && !list.some((iv) => iv.token !== undefined)) {
        skipped.push(`${group}/${source}`);
        continue;
      }
      let highest: Interval | undefined;
      for (const iv of list) {
        intervals += 1;
        if (iv.token === undefined) {
          missing += 1;
          firstMissing ??= iv;
          continue;
        }
        // A node that takes leadership again with the very token it holds as the highest (it
        // was suspended and kept its session and node, as Curator's latch does on RECONNECTED,
        // and nobody with a greater token led since) resumes; a store accepts it and nobody else.
        const resumes = highest !== undefined && highest.node === iv.node && highest.token === iv.token;
        if (highest !== undefined && highest.token !== undefined && !resumes && compareTokens(iv.token, highest.token) <= 0) {
          report({
            checker: "fencing",
            kind: "token-not-increasing",
            group,
            source,
            nodes: [highest.node, iv.node],
            tokens: [highest.token, iv.token],
            at: iv.start,
            earlier: highest,
            later: iv,
            faults: faultsDuring(timeline.faults, iv.start, iv.start),
            message: `${iv.node} took leadership of group ${group}${seenBy(source)} at ${formatT(iv.start)} with token ${iv.token}, not greater than ${highest.node}'s ${highest.token} from ${formatT(highest.start)}: a store could not fence the older leader`,
          });
          continue;
        }
        highest = iv;
      }
      for (const v of staleLeaders(timeline, group, source, list, options)) {
        stale += 1;
        report(v);
      }
    }
    const notIncreasing = violationCount - stale;
    const found = [
      notIncreasing > 0 ? `${notIncreasing} leadership(s) with a token that does not increase` : undefined,
      stale > 0 ? `${stale} superseded leader(s) that did not step down within ${formatMs(options.recoveryMs)} with no fault active` : undefined,
    ].filter((x) => x !== undefined);
    const result: CheckerResult<FencingViolation> = {
      checker: "fencing",
      valid: violationCount > 0 ? false : missing > 0 ? "unknown" : true,
      violations,
      violationCount,
      warnings: [],
      warningCount: 0,
      summary:
        violationCount > 0
          ? found.join("; ")
          : missing > 0
            ? `${missing} of ${intervals} leadership intervals carry no token: fencing cannot be judged`
            : `tokens increase with every new leadership, and superseded leaders step down (${intervals} intervals)`,
      stats: { intervals, missingTokens: missing, staleLeaders: stale, skippedLanes: skipped.length },
    };
    if (skipped.length > 0) {
      const names = skipped.length > 5 ? `${skipped.slice(0, 5).join(", ")} and ${skipped.length - 5} more` : skipped.join(", ");
      result.summary += `; not judged: observer lane(s) ${names}, which carry no tokens (neither token order nor stale leaders)`;
    }
    if (missing > 0 && firstMissing !== undefined) {
      result.error = `no token on ${missing} leadership interval(s), first ${firstMissing.node} in group ${firstMissing.group} at ${formatT(firstMissing.start)}`;
    }
    return result;
  },
};

/**
 * The first stretch of [from, to) with no fault active that lasts longer than `bound`, as the
 * part past the bound: [gap start + bound, gap end). Faults are ordered by start.
 */
export function firstUnexcusedStretch(faults: readonly FaultWindow[], from: number, to: number, bound: number): Window | undefined {
  let free = from;
  for (const f of faults) {
    if (f.start >= to) break;
    if (f.end <= free || f.end <= f.start) continue; // a fault healed at the instant it began excuses nothing
    if (f.start > free && f.start - free > bound) return { start: free + bound, end: f.start };
    free = Math.max(free, f.end);
    if (free >= to) return undefined;
  }
  return to - free > bound ? { start: free + bound, end: to } : undefined;
}

/**
 * Every interval that was superseded (a node of the group started leading while it led, for
 * longer than the tolerance) and kept leading through more than the recovery bound without a
 * fault to excuse it. One violation per superseded interval, for the first node that superseded it.
 */
function staleLeaders(timeline: Timeline, group: string, source: string, list: readonly Interval[], options: CheckOptions): FencingViolation[] {
  const out: FencingViolation[] = [];
  forEachSuperseded(list, options.toleranceMs, (a, next) => {
    const past = firstUnexcusedStretch(timeline.faults, next.start, a.end, options.recoveryMs);
    if (past === undefined) return;
    const until = a.endedBy === "end" ? `still leads when the history ends at ${formatT(a.end)}` : `led until ${formatT(a.end)}`;
    out.push({
      checker: "fencing",
      kind: "stale-leader",
      group,
      source,
      nodes: [a.node, next.node],
      tokens: [a.token ?? null, next.token ?? null],
      at: past.start,
      window: past,
      earlier: a,
      later: next,
      faults: faultsDuring(timeline.faults, next.start, a.end),
      message: `stale leader: ${a.node} was superseded in group ${group}${seenBy(source)} by ${next.node} at ${formatT(next.start)} and ${until}; from ${formatT(past.start - options.recoveryMs)} no fault was active, and it did not step down within ${formatMs(options.recoveryMs)}`,
    });
  });
  return out;
}
