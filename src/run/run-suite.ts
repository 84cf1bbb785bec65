import { join } from "node:path";
import { resolveCandidate } from "../candidates/registry.js";
import { writeReportFile } from "../report/report-set.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { caseExpectation, caseLabel, caseSlug, judgeCase, type CaseOutcome, type Suite, type SuiteCase } from "../scenarios/suites.js";
import type { RunReporter } from "../ui/reporter.js";
import { runScenario, type RunScenarioOptions } from "./run-scenario.js";
import { failedCheckers, scenarioValidity, type ScenarioResult } from "./scenario-result.js";

export interface SuiteCaseResult {
  case: SuiteCase;
  outcome: CaseOutcome;
  failed: string[];
  seconds: number;
  result: ScenarioResult;
}

export interface SuiteOptions extends Omit<RunScenarioOptions, "scenario" | "candidate" | "out" | "schedule" | "replayOf"> {
  /** Where the cases' run directories go: <out>/<nn>-<incident>-<scenario>-<candidate>. */
  out?: string;
  reporter?: RunReporter;
}

/** Runs every case of a suite, each on a fresh cluster, and judges it against its expectation. */
export async function runSuite(suite: Suite, options: SuiteOptions): Promise<SuiteCaseResult[]> {
  const results: SuiteCaseResult[] = [];
  for (const [i, c] of suite.cases.entries()) {
    const scenario = SCENARIOS[c.scenario]({ away: "kill", seed: options.seed, durationMs: 300_000, sessionTimeoutMs: options.sessionTimeoutMs });
    options.reporter?.scenarioStarted({
      scenario: `${c.incident}: ${c.scenario}`,
      summary: `${caseLabel(c)} must ${caseExpectation(c)}`,
      index: i,
      total: suite.cases.length,
      seed: options.seed,
      candidate: caseLabel(c),
    });
    const started = Date.now();
    const name = `${String(i + 1).padStart(2, "0")}-${caseSlug(c, "-")}`;
    const result = await runScenario({
      ...options,
      fencing: c.fencing ?? options.fencing,
      scenario,
      candidate: resolveCandidate(c.candidate, c.bug),
      ...(options.out !== undefined ? { out: join(options.out, name) } : {}),
    });
    const valid = scenarioValidity(result);
    const failed = failedCheckers(result);
    const outcome = judgeCase(c, valid, failed);
    results.push({ case: c, outcome, failed, seconds: (Date.now() - started) / 1000, result });
    options.reporter?.scenarioFinished({ scenario: `${c.incident}: ${c.scenario}`, valid, summary: `${caseLabel(c)}: ${outcome}`, runDir: result.runDir });
  }
  if (options.out !== undefined) await writeReportFile(join(options.out, `suite-${suite.name}.json`), `${JSON.stringify(suiteToJson(suite, results), null, 2)}\n`);
  return results;
}

/** The suite's report as data (suite-<name>.json). */
export function suiteToJson(suite: Suite, results: readonly SuiteCaseResult[]): object {
  return {
    suite: suite.name,
    incidents: suite.incidents.map((incident) => {
      const cases = results.filter((r) => r.case.incident === incident.id);
      return {
        id: incident.id,
        title: incident.title,
        reproduced: cases.filter((r) => r.case.expect.verdict === "violation").every((r) => r.outcome === "reproduced"),
        correctPassed: cases.filter((r) => r.case.expect.verdict === "pass").every((r) => r.outcome === "passed"),
        cases: cases.map((r) => ({
          scenario: r.case.scenario,
          candidate: caseLabel(r.case),
          expect: r.case.expect,
          outcome: r.outcome,
          failedCheckers: r.failed,
          seconds: Math.round(r.seconds * 10) / 10,
          runDir: r.result.runDir,
          seed: r.result.seed,
          ...(r.case.note !== undefined ? { note: r.case.note } : {}),
        })),
      };
    }),
  };
}
