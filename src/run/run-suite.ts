import { join } from "node:path";
import { jsonText } from "../files/json-file.js";
import { suiteFileOf } from "../files/suite-file.js";
import { resolveCandidate } from "../candidates/registry.js";
import { writeReportFile } from "../report/report-set.js";
import { renderSuiteJunit } from "../report/suite-junit.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { caseExpectation, caseLabel, caseSlug, judgeCase, type CaseOutcome, type Suite, type SuiteCase } from "../scenarios/suites.js";
import type { RunBoard } from "../ui/board.js";
import { BringUpGates } from "./bring-up-gate.js";
import { engineEnv } from "./engines.js";
import { compileSchedule } from "../scenarios/compile.js";
import { scheduleConfigOf } from "./schedule-config.js";
import { runPool } from "./run-pool.js";
import { suiteScenarioOptions } from "./defaults.js";
import { runScenario, type RunScenarioOptions } from "./run-scenario.js";
import { failedCheckers, scenarioValidity, type ScenarioResult } from "./scenario-result.js";

export interface SuiteCaseResult {
  case: SuiteCase;
  /** With `run --suite --repeat`: the run's position among its case's repeats, from 1. */
  index?: number;
  outcome: CaseOutcome;
  failed: string[];
  seconds: number;
  result: ScenarioResult;
}

/** One run of a suite: a case with the seed it runs with (and, when repeated, its position among the case's repeats). */
export interface SuiteRun {
  case: SuiteCase;
  seed: number;
  index?: number;
  /** With --repeat: how many repeats there are (the width of the index in the run's directory name). */
  count?: number;
}

/** A suite's runs without --repeat: every case once, with the run's seed. */
export function suiteRunsOf(suite: Suite, seed: number): SuiteRun[] {
  return suite.cases.map((c) => ({ case: c, seed }));
}

/** Where a suite run goes inside --out: "08-false-death-partition-leader-latch-ignore-disconnect", and with --repeat "-003". */
export function suiteRunDirName(run: SuiteRun, position: number): string {
  const base = `${String(position).padStart(2, "0")}-${caseSlug(run.case, "-")}`;
  return run.index === undefined ? base : `${base}-${String(run.index).padStart(Math.max(3, String(run.count ?? run.index).length), "0")}`;
}

export interface SuiteOptions extends Omit<RunScenarioOptions, "scenario" | "candidate" | "out" | "schedule" | "replayOf" | "reporter" | "progress"> {
  /** Where the cases' run directories go: <out>/<nn>-<incident>-<scenario>-<candidate>. */
  out?: string;
  /** How many cases run at once (default 1). */
  parallel: number;
  /** Docker engines to spread the cases over (DOCKER_HOST values). */
  engines?: readonly string[];
  board: RunBoard;
  /** The runs to make (default: every case once with `seed`); `run --suite --repeat` gives each case once per derived seed. */
  runs?: readonly SuiteRun[];
  /** With --until-fail: start no further run once one came out otherwise than expected. */
  untilUnexpected?: boolean;
}

/** What a suite's cases came to: 1 when one came out otherwise than expected, 2 when one was inconclusive, else 0. */
export function suiteOutcome(results: readonly SuiteCaseResult[]): { wrong: number; unsure: number } {
  return {
    wrong: results.filter((r) => r.outcome === "missed" || r.outcome === "false-positive").length,
    unsure: results.filter((r) => r.outcome === "inconclusive").length,
  };
}

/** How long a run's schedule lasts (ms), to start the longest first. */
function scheduleLength(run: SuiteRun, options: SuiteOptions): number {
  const scenario = SCENARIOS[run.case.scenario](suiteScenarioOptions(run.seed, options.sessionTimeoutMs));
  return compileSchedule(scenario, scheduleConfigOf(options), run.seed).endAt;
}

/** Runs every case of a suite (or the runs given), each on a fresh cluster (`parallel` at once), and judges it against its expectation. */
export async function runSuite(suite: Suite, options: SuiteOptions): Promise<SuiteCaseResult[]> {
  const { board, parallel, engines, runs: given, untilUnexpected, ...common } = options;
  const runs = given ?? suiteRunsOf(suite, options.seed);
  const gates = new BringUpGates();
  const results = await runPool(runs, parallel, async (run, i, slot) => {
    const c = run.case;
    const scenario = SCENARIOS[c.scenario](suiteScenarioOptions(run.seed, options.sessionTimeoutMs));
    const label = `${c.incident}: ${c.scenario}${run.index !== undefined ? ` #${run.index}` : ""}`;
    const reporter = board.forCase(i, parallel > 1 ? `${c.incident}/${c.scenario}/${caseLabel(c)}${run.index !== undefined ? ` #${run.index}` : ""}` : label);
    reporter.scenarioStarted({
      scenario: label,
      summary: `${caseLabel(c)} must ${caseExpectation(c)}`,
      index: i,
      total: runs.length,
      seed: run.seed,
      candidate: caseLabel(c),
    });
    const started = Date.now();
    const name = suiteRunDirName(run, i + 1);
    const env = engineEnv(common.env, engines, slot);
    const result = await runScenario({
      ...common,
      seed: run.seed,
      env,
      ...(parallel > 1 ? { bringUpGate: gates.for(env["DOCKER_HOST"]) } : {}),
      fencing: c.fencing ?? options.fencing,
      ...(c.witness !== undefined ? { witness: c.witness } : {}),
      scenario,
      candidate: resolveCandidate(c.candidate, c.bug),
      ...(options.out !== undefined ? { out: join(options.out, name) } : {}),
      progress: (m) => reporter.progress(m),
      reporter,
    });
    const valid = scenarioValidity(result);
    const failed = failedCheckers(result);
    const outcome = judgeCase(c, valid, failed);
    reporter.scenarioFinished({ scenario: label, valid, summary: `${caseLabel(c)}: ${outcome}`, runDir: result.runDir });
    return { case: c, ...(run.index !== undefined ? { index: run.index } : {}), outcome, failed, seconds: (Date.now() - started) / 1000, result };
  }, options.signal, (run) => scheduleLength(run, options), untilUnexpected === true ? (r) => r.outcome === "missed" || r.outcome === "false-positive" : undefined);
  if (options.out !== undefined) await writeReportFile(join(options.out, `suite-${suite.name}.json`), jsonText(suiteFileOf(suite, results)));
  return results;
}

/** `run --suite --junit FILE`: a reproduced bug is a passing test case, written through a temporary file. */
export async function writeSuiteJunit(path: string, suite: Suite, results: readonly SuiteCaseResult[]): Promise<void> {
  await writeReportFile(path, renderSuiteJunit(suite, results));
}
