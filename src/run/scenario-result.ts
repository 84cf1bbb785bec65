import type { HistoryCheck } from "../checkers/check-history.js";
import type { Validity } from "../checkers/types.js";
import type { JunitScenario } from "../report/junit.js";
import type { RunRow } from "../report/run-summary.js";
import type { ExecutedAction } from "../scenarios/executor.js";
import type { Schedule } from "../scenarios/types.js";
import type { Timings } from "./session.js";

/** What one scenario run came to: its check, or why it could not be completed. */
export interface ScenarioResult {
  scenario: string;
  runId: string;
  runDir: string;
  seed: number;
  check: HistoryCheck | undefined;
  /** Why the run could not be completed (a step failed), when it could not. */
  inconclusive?: string;
  timings: Timings;
  schedule: Schedule;
  executed: ExecutedAction[];
}

/** The run's validity: the check's, made "unknown" when a step failed. */
export function scenarioValidity(r: ScenarioResult): Validity {
  if (r.check === undefined) return "unknown";
  if (r.inconclusive !== undefined && r.check.valid === true) return "unknown";
  return r.check.valid;
}

/** Which checkers failed, e.g. "overlap, liveness". */
export function failedCheckers(r: ScenarioResult): string[] {
  return Object.entries(r.check?.checkers ?? {})
    .filter(([, c]) => c.valid === false)
    .map(([n]) => n);
}

/** How long the whole run took: bring-up, body, teardown and check. */
export function totalMs(r: ScenarioResult): number {
  return r.timings.bringUpMs + r.timings.bodyMs + r.timings.teardownMs + r.timings.checkMs;
}

/** The result as a row of the run table (report/run-summary.ts). */
export function runRowOf(r: ScenarioResult): RunRow {
  return {
    scenario: r.scenario,
    valid: scenarioValidity(r),
    failed: failedCheckers(r),
    ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
    ms: totalMs(r),
    seed: r.seed,
    runDir: r.runDir,
  };
}

/** The result as a JUnit test suite (report/junit.ts). */
export function junitScenarioOf(r: ScenarioResult, name = r.scenario): JunitScenario {
  return {
    scenario: name,
    seed: r.seed,
    runDir: r.runDir,
    seconds: totalMs(r) / 1000,
    checkers: r.check?.checkers ?? {},
    ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
  };
}
