import { bringUpEstimateMs, CANDIDATE_KINDS, CANDIDATE_KIND_NAMES, resolveCandidate, takesClockFaults, type CandidateChoice } from "../candidates/registry.js";
import { UserError } from "../errors/index.js";
import { needsOf } from "../faults/registry.js";
import { compileChecked } from "../scenarios/load.js";
import { SCENARIOS } from "../scenarios/registry.js";
import type { Schedule, ScheduleConfig, ScenarioSpec } from "../scenarios/types.js";
import { selectShard, type Shard } from "./shard.js";
import { AFTER_RUN_MS, describeEstimate, estimateWallMs } from "./estimate.js";
import { repeatSeeds } from "./repeat-seeds.js";
import { expandRepeats, repeatDirName } from "./repeat-runs.js";
import type { PlannedScenario } from "./run-all.js";
import type { SuiteRun } from "./run-suite.js";
import { suiteScenarioOptions } from "./defaults.js";

/**
 * A `run`'s plan, made before anything starts and without Docker (pure): every scenario once per
 * seed (one seed, or with --repeat each derived from it), this shard's part, each schedule compiled
 * (a mistake is exit 64 here, not a half-started run), the candidate's rules checked, and how long
 * it will take. `run --dry-run` prints it; the executor (run-all.ts) runs it.
 */

/** Where a scenario comes from: a built-in made with a seed, or a file (the same for every seed). */
export interface ScenarioSource {
  make: (seed: number) => ScenarioSpec;
  file?: string;
}

export interface PlanInput {
  sources: readonly ScenarioSource[];
  seed: number;
  repeat?: number;
  shard?: Shard;
  config: ScheduleConfig;
  choice: CandidateChoice;
  witness?: string;
  parallel: number;
}

export interface RunPlan {
  seed: number;
  /** The seeds each scenario runs with: [seed], or with --repeat N the N derived from it. */
  seeds: number[];
  /** The runs of this shard, in order. */
  planned: Array<PlannedScenario & { index?: number }>;
  /** How many runs there are over every shard. */
  total: number;
  /** Runs at once: --parallel, at most the number of runs. */
  parallel: number;
  /** "about 5 min 24 s: 3 run(s) of ..." */
  estimate: string;
  /** The same, in ms. */
  estimateMs: number;
}

/** What a candidate needs that a flag must give, checked before anything starts. */
export function checkCandidateRules(choice: CandidateChoice, witness: string | undefined): void {
  if (choice.kind === "latch" && choice.bug === "cached-belief" && witness === undefined) {
    throw new UserError("--bug cached-belief shows only in writes: it needs --witness", "Add --witness plain (the stale write is accepted) or --witness fenced (it is refused).");
  }
}

/**
 * A built-in candidate kind whose image has no libfaketime (its `capabilities.clockFaults` is not
 * set) cannot take a clock fault: refused before anything starts rather than inconclusive after a
 * bring-up. Your own image (image:, file:) may have it (docs/scenarios.md, "Clock faults"): its
 * injection checks.
 */
export function refuseClockFaults(
  choice: CandidateChoice,
  planned: ReadonlyArray<{ scenario: ScenarioSpec; schedule: Schedule }>,
  takes: (choice: CandidateChoice) => boolean = takesClockFaults,
): void {
  if (choice.kind === "image" || takes(choice)) return;
  const clocked = planned.filter((p) => needsOf(p.schedule.actions.flatMap((a) => (a.do === "inject" ? [a.fault.kind] : []))).clock);
  if (clocked.length === 0) return;
  throw new UserError(
    `${clocked.map((p) => p.scenario.name).join(", ")}: clock faults need libfaketime in the candidates' image, and candidate ${choice.kind}'s image has none`,
    `Run the clock faults with --candidate ${CANDIDATE_KIND_NAMES.filter((k) => CANDIDATE_KINDS[k].capabilities?.clockFaults === true).join(", ")}, or your own image with libfaketime (docs/scenarios.md, "Clock faults").`,
  );
}

export function planScenarios(input: PlanInput): RunPlan {
  checkCandidateRules(input.choice, input.witness);
  const seeds = input.repeat === undefined ? [input.seed] : repeatSeeds(input.seed, input.repeat);
  const all = expandRepeats(input.sources, seeds);
  const mine = input.shard === undefined ? all : selectShard(all, input.shard);
  const planned = mine.map(({ item, seed, index }) => {
    const scenario = item.make(seed);
    return {
      scenario,
      schedule: compileChecked(scenario, input.config, seed, item.file),
      ...(item.file !== undefined ? { file: item.file } : {}),
      ...(input.repeat !== undefined ? { seed, index, dir: repeatDirName(scenario.name, index, input.repeat), label: `${scenario.name} #${index}` } : {}),
    };
  });
  refuseClockFaults(input.choice, planned);
  const parallel = Math.max(1, Math.min(input.parallel, planned.length));
  const est = { lengthsMs: planned.map((p) => p.schedule.endAt), parallel, bringUpMs: bringUpEstimateMs(input.choice), afterMs: AFTER_RUN_MS };
  const estimate = planned.length === 0 ? "nothing to run" : describeEstimate(est);
  return { seed: input.seed, seeds, planned, total: all.length, parallel, estimate, estimateMs: estimateWallMs(est) };
}

/** A suite's run with its scenario made and its schedule compiled: the estimate and the execution share it. */
export interface PlannedSuiteRun extends SuiteRun {
  scenario: ScenarioSpec;
  schedule: Schedule;
}

export interface SuitePlanInput {
  /** The runs to make (every case once, or with --repeat once per derived seed; this shard's part). */
  runs: readonly SuiteRun[];
  config: ScheduleConfig;
  /** Full-length session timeout, as the suite's scenarios are made with it. */
  sessionTimeoutMs: number;
  parallel: number;
}

export interface SuitePlan {
  /** The runs, in order, each compiled once. */
  runs: PlannedSuiteRun[];
  /** "about 5 min 24 s: 16 run(s) of ..." */
  estimate: string;
  /** The same, in ms. */
  estimateMs: number;
}

/**
 * A suite's plan (pure): each run's scenario made with its seed and its schedule compiled once (a
 * mistake is exit 64 before anything starts), and how long the runs take, with the slowest
 * bring-up of the cases' candidates. `runSuite` runs these schedules; nothing compiles them again.
 */
export function planSuite(input: SuitePlanInput): SuitePlan {
  const runs = input.runs.map((run) => {
    const scenario = SCENARIOS[run.case.scenario](suiteScenarioOptions(run.seed, input.sessionTimeoutMs));
    return { ...run, scenario, schedule: compileChecked(scenario, input.config, run.seed) };
  });
  if (runs.length === 0) return { runs, estimate: "nothing to run", estimateMs: 0 };
  const bringUps = runs.map((r) => bringUpEstimateMs(resolveCandidate(r.case.candidate, r.case.bug)));
  const est = { lengthsMs: runs.map((r) => r.schedule.endAt), parallel: Math.min(input.parallel, runs.length), bringUpMs: Math.max(...bringUps), afterMs: AFTER_RUN_MS };
  return { runs, estimate: describeEstimate(est), estimateMs: estimateWallMs(est) };
}
