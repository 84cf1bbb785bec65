import type { ChalkInstance } from "chalk";
import type { ScenarioResult } from "../run/run-scenario.js";
import { formatMs } from "../checkers/types.js";
import type { Validity } from "../checkers/types.js";
import type { JunitScenario } from "./junit.js";

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

/** One row of the run table: a scenario's outcome, from a live run or read back from its run directory. */
export interface RunRow {
  scenario: string;
  valid: Validity;
  failed: string[];
  inconclusive?: string;
  /** How long it took, when known. */
  ms: number | undefined;
  seed: number | undefined;
  runDir: string;
}

/** One line per scenario for the end of `splitbrain run`. */
export function formatRunTable(results: readonly ScenarioResult[], c: ChalkInstance): string {
  return formatRunRows(
    results.map((r) => ({
      scenario: r.scenario,
      valid: scenarioValidity(r),
      failed: failedCheckers(r),
      ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
      ms: r.timings.bringUpMs + r.timings.bodyMs + r.timings.teardownMs + r.timings.checkMs,
      seed: r.seed,
      runDir: r.runDir,
    })),
    c,
  );
}

/** The run table: "  <scenario>  PASS|FAIL (checkers)|INCONCLUSIVE (why)  <time, seed, run directory>". */
export function formatRunRows(rows: readonly RunRow[], c: ChalkInstance): string {
  const width = Math.max(...rows.map((r) => r.scenario.length));
  const lines = rows.map((r) => {
    const v = r.valid;
    const word = v === true ? c.green("PASS") : v === false ? c.red("FAIL") : c.yellow("INCONCLUSIVE");
    const why = v === false ? ` (${r.failed.join(", ")})` : r.inconclusive !== undefined ? ` (${r.inconclusive.split("\n")[0]})` : "";
    const about = [r.ms !== undefined ? formatMs(r.ms) : undefined, r.seed !== undefined ? `seed ${r.seed}` : undefined, r.runDir].filter((x) => x !== undefined);
    return `  ${r.scenario.padEnd(width)}  ${word}${why}  ${c.dim(about.join(", "))}`;
  });
  return lines.join("\n");
}

/** A scenario's result as a JUnit test suite (junit.xml). */
export function junitScenarioOf(r: ScenarioResult, name = r.scenario): JunitScenario {
  return {
    scenario: name,
    seed: r.seed,
    runDir: r.runDir,
    seconds: (r.timings.bringUpMs + r.timings.bodyMs + r.timings.teardownMs + r.timings.checkMs) / 1000,
    checkers: r.check?.checkers ?? {},
    ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
  };
}
