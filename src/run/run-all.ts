import { join } from "node:path";
import { worst } from "../checkers/verdict.js";
import type { Validity } from "../checkers/types.js";
import type { Schedule, ScenarioSpec } from "../scenarios/types.js";
import type { RunBoard } from "../ui/board.js";
import { probeKernelFeature } from "../runtime/kernel-features.js";
import { AFTER_RUN_MS, laterMsByIndex } from "./estimate.js";
import { bringUpEstimateMs, type CandidateChoice } from "../candidates/registry.js";
import type { WriteMode } from "../history/events.js";
import { BringUpGates } from "./bring-up-gate.js";
import { refuseUnmetKernelNeeds } from "./kernel-needs.js";
import { engineEnv } from "./engines.js";
import { runPool } from "./run-pool.js";
import { runScenario, type RunScenarioOptions } from "./run-scenario.js";
import { failedCheckers, junitScenarioOf, scenarioValidity, type ScenarioResult } from "./scenario-result.js";
import { renderJunit } from "../report/junit.js";
import { writeReportFile } from "../report/report-set.js";

/** A scenario compiled before anything started (a bad file is exit 64, not a half-started run). */
export interface PlannedScenario {
  scenario: ScenarioSpec;
  schedule: Schedule;
  file?: string;
  /** Its own seed (`run --repeat`), else the run's. */
  seed?: number;
  /** Its run directory's name inside --out (`run --repeat`), else the scenario's. */
  dir?: string;
  /** How the live view and the progress lines name it, else the scenario's name. */
  label?: string;
}

/** One run of the pool: a planned scenario, with what may differ per run (a suite case's candidate, fencing, witness, words). */
export interface PlannedRun extends PlannedScenario {
  /** Run with this candidate instead of the options' (a suite case's). */
  candidate?: CandidateChoice;
  fencing?: boolean;
  witness?: WriteMode;
  /** What the live view says of it, else the scenario's summary. */
  summary?: string;
  /** Who runs in it, as the live view names them, else the candidate's label. */
  candidateLabel?: string;
  /** Its name on the board when several run at once, else `label`. */
  boardLabel?: string;
  /** The line shown when it ends, else the outcome of its checks. */
  finished?: (r: ScenarioResult) => string;
}

export interface RunAllOptions extends Omit<RunScenarioOptions, "scenario" | "schedule" | "out" | "reporter" | "progress" | "candidate"> {
  /** The candidate of every run that names none of its own. */
  candidate?: CandidateChoice;
  /** One scenario: its run directory. Several: a directory per scenario inside it. */
  out?: string;
  /** How many scenarios run at once, each on its own network (default 1). */
  parallel: number;
  /** Docker engines to spread the runs over (DOCKER_HOST values); default the environment's one. */
  engines?: readonly string[];
  board: RunBoard;
  /** Start no further run once one ends with this true (`run --until-fail`); those under way finish. */
  stopAfter?: (r: ScenarioResult, index: number) => boolean;
  /** Told of each run as it ends, so that a caller interrupted midway still has the runs that finished. */
  onResult?: (r: ScenarioResult, index: number) => void;
}

/** The one-line outcome a reporter shows when a scenario ends. */
export function outcomeLine(r: ScenarioResult): string {
  const valid = scenarioValidity(r);
  return r.inconclusive ?? (valid === false ? `violation in ${failedCheckers(r).join(", ")}` : valid === true ? "every check passed" : "a checker could not decide");
}

/** The verdict of several runs: the worst of theirs. */
export function overallValidity(results: readonly ScenarioResult[]): Validity {
  let valid: Validity = true;
  for (const r of results) valid = worst(valid, scenarioValidity(r));
  return valid;
}

/**
 * Runs the planned scenarios, each on a fresh cluster, at most `parallel` at once, and returns
 * their results in the planned order. Several at once start longest first and bring up one
 * cluster at a time per engine (BringUpGate), so the longest is held up as little as possible.
 */
export async function runScenarios(planned: readonly PlannedRun[], options: RunAllOptions): Promise<ScenarioResult[]> {
  return (await runPlanned(planned, options)).map((x) => x.result);
}

/**
 * The one executor of `run`, suites and repeats: every planned run, each with its position in
 * `planned` (with `stopAfter`, only those that started, in planned order).
 */
export async function runPlanned(planned: readonly PlannedRun[], options: RunAllOptions): Promise<Array<{ index: number; result: ScenarioResult }>> {
  const { board, parallel, engines, out, stopAfter, onResult, candidate, ...common } = options;
  // A scenario the kernel cannot run (netem for delay) is refused before any other starts.
  for (const p of planned) refuseUnmetKernelNeeds(p.scenario.name, p.schedule, (feature) => probeKernelFeature(feature, common.env));
  const candidateOf = (p: PlannedRun): CandidateChoice => {
    const c = p.candidate ?? candidate;
    if (c === undefined) throw new Error(`runPlanned: no candidate for ${p.scenario.name}`);
    return c;
  };
  const gates = new BringUpGates();
  const names = outDirNames(planned.map((p) => p.scenario.name));
  const first = planned[0];
  const later = parallel === 1 && first !== undefined ? laterMsByIndex(planned.map((p) => p.schedule.endAt), bringUpEstimateMs(candidateOf(first)), AFTER_RUN_MS) : undefined;
  return runPool(
    planned,
    parallel,
    async (p, index, slot) => {
      const { scenario, schedule, seed, dir: name, label } = p;
      const choice = candidateOf(p);
      const reporter = board.forCase(index, (parallel > 1 ? p.boardLabel : undefined) ?? label ?? scenario.name);
      reporter.scenarioStarted({
        scenario: label ?? scenario.name,
        summary: p.summary ?? scenario.summary,
        index,
        total: planned.length,
        seed: seed ?? common.seed,
        candidate: p.candidateLabel ?? choice.label,
        ...(later !== undefined ? { laterMs: later[index] ?? 0 } : {}),
      });
      const dir = out === undefined ? undefined : name !== undefined ? join(out, name) : planned.length === 1 ? out : join(out, names[index] ?? scenario.name);
      const env = engineEnv(common.env, engines, slot);
      if (engines !== undefined && engines.length > 1) reporter.progress(`engine ${env["DOCKER_HOST"]}`);
      const r = await runScenario({
        ...common,
        ...(seed !== undefined ? { seed } : {}),
        candidate: choice,
        ...(p.fencing !== undefined ? { fencing: p.fencing } : {}),
        ...(p.witness !== undefined ? { witness: p.witness } : {}),
        env,
        ...(parallel > 1 ? { bringUpGate: gates.for(env["DOCKER_HOST"]) } : {}),
        scenario,
        schedule,
        ...(dir !== undefined ? { out: dir } : {}),
        progress: (m) => reporter.progress(m),
        reporter,
      });
      reporter.scenarioFinished({ scenario: label ?? r.scenario, valid: scenarioValidity(r), summary: p.finished?.(r) ?? outcomeLine(r), runDir: r.runDir });
      onResult?.(r, index);
      return { index, result: r };
    },
    common.signal,
    (p) => p.schedule.endAt,
    stopAfter === undefined ? undefined : (x) => stopAfter(x.result, x.index),
  );
}

/**
 * The directory names of runs inside --out: the scenario's name, and when a scenario is listed
 * more than once (`run partition-leader partition-leader`), "-2", "-3" ... after the first, so no
 * two runs share a directory.
 */
export function outDirNames(scenarios: readonly string[]): string[] {
  const used = new Set<string>();
  return scenarios.map((name) => {
    let dir = name;
    for (let k = 2; used.has(dir); k += 1) dir = `${name}-${k}`;
    used.add(dir);
    return dir;
  });
}

/** `run --junit FILE`: one JUnit file for every scenario, written through a temporary file. */
export async function writeRunJunit(path: string, results: readonly ScenarioResult[]): Promise<void> {
  await writeReportFile(path, renderJunit(results.map((r) => junitScenarioOf(r))));
}
