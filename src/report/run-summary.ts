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

/** One line per scenario for the end of `splitbrain run`. */
export function formatRunTable(results: readonly ScenarioResult[], c: ChalkInstance): string {
  const width = Math.max(...results.map((r) => r.scenario.length));
  const lines = results.map((r) => {
    const v = scenarioValidity(r);
    const word = v === true ? c.green("PASS") : v === false ? c.red("FAIL") : c.yellow("INCONCLUSIVE");
    const why = v === false ? ` (${failedCheckers(r).join(", ")})` : r.inconclusive !== undefined ? ` (${r.inconclusive.split("\n")[0]})` : "";
    const took = formatMs(r.timings.bringUpMs + r.timings.bodyMs + r.timings.teardownMs + r.timings.checkMs);
    return `  ${r.scenario.padEnd(width)}  ${word}${why}  ${c.dim(`${took}, seed ${r.seed}, ${r.runDir}`)}`;
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
