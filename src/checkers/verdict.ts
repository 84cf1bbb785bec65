import { checkers } from "./registry.js";
import type { Timeline } from "./timeline.js";
import type { CheckOptions, Checker, CheckerResult, Validity, Violation } from "./types.js";

export interface Verdict {
  valid: Validity;
  checkers: Record<string, CheckerResult>;
}

/**
 * The exit code a verdict stands for (docs/contracts.md, exit codes): 0 passed, 1 a violation, 2
 * inconclusive. The CLI exits with it; verdict.json records it.
 */
export function verdictExitCode(valid: Validity): 0 | 1 | 2 {
  if (valid === false) return 1;
  if (valid === "unknown") return 2;
  return 0;
}

/** A verdict in one word, as every summary, view and report says it. */
export function validityWord(valid: Validity): "PASS" | "FAIL" | "INCONCLUSIVE" {
  return valid === true ? "PASS" : valid === false ? "FAIL" : "INCONCLUSIVE";
}

/** The worse of two validities: false > "unknown" > true. */
export function worst(a: Validity, b: Validity): Validity {
  if (a === false || b === false) return false;
  if (a === "unknown" || b === "unknown") return "unknown";
  return true;
}

/** Runs one checker; a checker that throws gives "unknown" with the error (never a crash). */
export function runChecker(checker: Checker<Violation>, timeline: Timeline, options: CheckOptions): CheckerResult {
  try {
    return checker.check(timeline, options);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return {
      checker: checker.name,
      valid: "unknown",
      violations: [],
      violationCount: 0,
      warnings: [],
      warningCount: 0,
      summary: `the checker crashed: ${message}`,
      error: message,
      stats: {},
    };
  }
}

/**
 * Runs the enabled checkers over a timeline and composes their verdicts. A history without events
 * cannot show anything, so every checker is "unknown" for it.
 */
export function checkTimeline(
  timeline: Timeline,
  options: CheckOptions,
  registry: Record<string, Checker<Violation>> = checkers,
): Verdict {
  const results: Record<string, CheckerResult> = {};
  let valid: Validity = true;
  for (const checker of Object.values(registry)) {
    if (!checker.enabled(options, timeline)) continue;
    const result =
      timeline.events === 0
        ? {
            checker: checker.name,
            valid: "unknown" as const,
            violations: [],
            violationCount: 0,
            warnings: [],
            warningCount: 0,
            summary: "the history has no events: nothing to judge",
            error: "the history has no events",
            stats: {},
          }
        : runChecker(checker, timeline, options);
    results[checker.name] = result;
    valid = worst(valid, result.valid);
  }
  return { valid, checkers: results };
}
