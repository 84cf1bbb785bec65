import { join } from "node:path";
import { jsonText } from "../files/json-file.js";
import { suiteFileOf } from "../files/suite-file.js";
import { resolveCandidate } from "../candidates/registry.js";
import { writeReportFile } from "../report/report-set.js";
import { renderSuiteJunit } from "../report/suite-junit.js";
import { caseExpectation, caseLabel, caseSlug, judgeCase, type CaseOutcome, type Suite, type SuiteCase } from "../scenarios/suites.js";
import type { RunBoard } from "../ui/board.js";
import { scheduleConfigOf } from "./schedule-config.js";
import { planSuite, type PlannedSuiteRun } from "./plan.js";
import { runPlanned, type PlannedRun } from "./run-all.js";
import type { RunScenarioOptions } from "./run-scenario.js";
import { failedCheckers, scenarioValidity, totalMs, type ScenarioResult } from "./scenario-result.js";

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
  /** The runs to make, planned (`planSuite`: each schedule compiled once); default every case once with `seed`. `run --suite --repeat` gives each case once per derived seed. */
  runs?: readonly PlannedSuiteRun[];
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

/** Runs every case of a suite (or the runs given), each on a fresh cluster (`parallel` at once), and judges it against its expectation. */
export async function runSuite(suite: Suite, options: SuiteOptions): Promise<SuiteCaseResult[]> {
  const { board, parallel, engines, runs: given, untilUnexpected, out, ...common } = options;
  const runs = given ?? planSuite({ runs: suiteRunsOf(suite, options.seed), config: scheduleConfigOf(options), sessionTimeoutMs: options.sessionTimeoutMs, parallel }).runs;
  const judge = (c: SuiteCase, r: ScenarioResult): CaseOutcome => judgeCase(c, scenarioValidity(r), failedCheckers(r));
  const planned: PlannedRun[] = runs.map((run, i) => {
    const c = run.case;
    const repeat = run.index !== undefined ? ` #${run.index}` : "";
    return {
      scenario: run.scenario,
      schedule: run.schedule,
      seed: run.seed,
      dir: suiteRunDirName(run, i + 1),
      label: `${c.incident}: ${c.scenario}${repeat}`,
      boardLabel: `${c.incident}/${c.scenario}/${caseLabel(c)}${repeat}`,
      summary: `${caseLabel(c)} must ${caseExpectation(c)}`,
      candidateLabel: caseLabel(c),
      candidate: resolveCandidate(c.candidate, c.bug),
      fencing: c.fencing ?? options.fencing,
      ...(c.witness !== undefined ? { witness: c.witness } : {}),
      finished: (r) => `${caseLabel(c)}: ${judge(c, r)}`,
    };
  });
  const unexpected = (o: CaseOutcome): boolean => o === "missed" || o === "false-positive";
  const done = await runPlanned(planned, {
    ...common,
    parallel,
    ...(engines !== undefined ? { engines } : {}),
    board,
    ...(out !== undefined ? { out } : {}),
    ...(untilUnexpected === true ? { stopAfter: (r: ScenarioResult, i: number) => unexpected(judge((runs[i] as SuiteRun).case, r)) } : {}),
  });
  const results = done.map(({ index, result }) => {
    const run = runs[index] as SuiteRun;
    return { case: run.case, ...(run.index !== undefined ? { index: run.index } : {}), outcome: judge(run.case, result), failed: failedCheckers(result), seconds: totalMs(result) / 1000, result };
  });
  if (out !== undefined) await writeReportFile(join(out, `suite-${suite.name}.json`), jsonText(suiteFileOf(suite, results)));
  return results;
}

/** `run --suite --junit FILE`: a reproduced bug is a passing test case, written through a temporary file. */
export async function writeSuiteJunit(path: string, suite: Suite, results: readonly SuiteCaseResult[]): Promise<void> {
  await writeReportFile(path, renderSuiteJunit(suite, results));
}
