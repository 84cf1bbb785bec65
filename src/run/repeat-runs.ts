import type { RepeatRun } from "../report/repeat-summary.js";
import { violationKinds } from "../report/violation-kinds.js";
import { scenarioValidity, totalMs, type ScenarioResult } from "./scenario-result.js";

/** One run of `run --repeat`: a scenario (or its maker), its seed, and its position among the scenario's repeats (from 1). */
export interface RepeatCase<T> {
  item: T;
  seed: number;
  index: number;
}

/** Every item once per seed, all repeats of the first item first (so shards and reports keep scenarios together). */
export function expandRepeats<T>(items: readonly T[], seeds: readonly number[]): Array<RepeatCase<T>> {
  return items.flatMap((item) => seeds.map((seed, i) => ({ item, seed, index: i + 1 })));
}

/** The run directory's name of a repeat inside --out: "partition-leader-007" (padded to the count's width). */
export function repeatDirName(scenario: string, index: number, count: number): string {
  return `${scenario}-${String(index).padStart(Math.max(3, String(count).length), "0")}`;
}

/**
 * Finished scenario runs as runs of their repeat, each with its index among its scenario's
 * repeats, found in the plan (seeds are distinct within a repeat: scenario and seed find the
 * run's place; 0 if not planned).
 */
export function repeatRunsOf(results: readonly ScenarioResult[], planned: ReadonlyArray<{ scenario: { name: string }; seed?: number; index?: number }>): RepeatRun[] {
  return results.map((r) => repeatRunOf(r, planned.find((p) => p.scenario.name === r.scenario && p.seed === r.seed)?.index ?? 0));
}

/** A finished scenario run as a run of its repeat. */
export function repeatRunOf(r: ScenarioResult, index: number): RepeatRun {
  return {
    scenario: r.scenario,
    index,
    seed: r.seed,
    valid: scenarioValidity(r),
    violations: violationKinds(r.check?.checkers ?? {}),
    ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
    seconds: totalMs(r) / 1000,
    runDir: r.runDir,
  };
}
