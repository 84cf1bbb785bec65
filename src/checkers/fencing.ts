import { compareTokens } from "./tokens.js";
import type { Interval, Timeline } from "./timeline.js";
import {
  faultsDuring,
  formatT,
  type CheckOptions,
  type Checker,
  type CheckerResult,
  type FencingViolation,
} from "./types.js";

/**
 * Fencing (with --fencing): fenced overlaps are only safe if every new leadership carries a token
 * greater than every earlier one in its group. Missing tokens make this checker unknown; a token
 * that does not increase is a violation (a deposed leader's writes would not be rejected).
 */
export const fencingChecker: Checker = {
  name: "fencing",
  description: "with --fencing: every leadership carries a token greater than all earlier ones in its group",
  enabled: (options) => options.fencing,
  check(timeline: Timeline, options: CheckOptions): CheckerResult {
    const violations: FencingViolation[] = [];
    let violationCount = 0;
    let missing = 0;
    let firstMissing: Interval | undefined;
    let intervals = 0;
    for (const group of timeline.groups) {
      let highest: Interval | undefined;
      for (const iv of timeline.intervals.get(group) ?? []) {
        intervals += 1;
        if (iv.token === undefined) {
          missing += 1;
          firstMissing ??= iv;
          continue;
        }
        if (highest !== undefined && highest.token !== undefined && compareTokens(iv.token, highest.token) <= 0) {
          violationCount += 1;
          if (violations.length < options.maxReported) {
            violations.push({
              checker: "fencing",
              kind: "token-not-increasing",
              group,
              nodes: [highest.node, iv.node],
              tokens: [highest.token, iv.token],
              at: iv.start,
              earlier: highest,
              later: iv,
              faults: faultsDuring(timeline.faults, iv.start, iv.start),
              message: `${iv.node} took leadership of group ${group} at ${formatT(iv.start)} with token ${iv.token}, not greater than ${highest.node}'s ${highest.token} from ${formatT(highest.start)}: a store could not fence the older leader`,
            });
          }
          continue;
        }
        highest = iv;
      }
    }
    const result: CheckerResult = {
      checker: "fencing",
      valid: violationCount > 0 ? false : missing > 0 ? "unknown" : true,
      violations,
      violationCount,
      warnings: [],
      warningCount: 0,
      summary:
        violationCount > 0
          ? `${violationCount} leadership(s) with a token that does not increase`
          : missing > 0
            ? `${missing} of ${intervals} leadership intervals carry no token: fencing cannot be judged`
            : `tokens increase with every new leadership (${intervals} intervals)`,
      stats: { intervals, missingTokens: missing },
    };
    if (missing > 0 && firstMissing !== undefined) {
      result.error = `no token on ${missing} leadership interval(s), first ${firstMissing.node} in group ${firstMissing.group} at ${formatT(firstMissing.start)}`;
    }
    return result;
  },
};
