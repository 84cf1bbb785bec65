import { describe, expect, it } from "vitest";
import { bringUpEstimateMs, resolveCandidate } from "../candidates/registry.js";
import { compileChecked } from "../scenarios/load.js";
import { compileSchedule } from "../scenarios/compile.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { SEEDS_SUITE } from "../scenarios/suites.js";
import { AFTER_RUN_MS, estimateWallMs } from "./estimate.js";
import { suiteScenarioOptions } from "./defaults.js";
import { planScenarios, planSuite, refuseClockFaults, type ScenarioSource } from "./plan.js";
import { expandRepeats } from "./repeat-runs.js";
import { repeatSeeds } from "./repeat-seeds.js";
import { suiteRunsOf } from "./run-suite.js";
import { scheduleConfigOf } from "./schedule-config.js";

const config = scheduleConfigOf({ servers: 3, candidates: 3, sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1 });
const built = (name: "partition-leader" | "zk-outage" | "random" | "clock-skew-follower"): ScenarioSource => ({ make: (seed) => SCENARIOS[name]({ away: "kill", seed, durationMs: 60_000, sessionTimeoutMs: 6000 }) });
const latch = resolveCandidate("latch", undefined);

describe("planScenarios", () => {
  it("one run per scenario with the run's seed, each schedule compiled, and how long it takes", () => {
    const plan = planScenarios({ sources: [built("partition-leader"), built("zk-outage")], seed: 4, config, choice: latch, parallel: 1 });
    expect(plan.planned.map((p) => p.scenario.name)).toEqual(["partition-leader", "zk-outage"]);
    expect(plan.planned.every((p) => p.schedule.actions.length > 0 && p.seed === undefined)).toBe(true);
    expect(plan.total).toBe(2);
    expect(plan.estimate).toMatch(/^about \d+ min( \d+ s)?: 2 run\(s\) of .*, 1 at a time/);
  });

  it("--repeat: each scenario once per derived seed, named #index, with its own directory; --shard takes its part of those runs", () => {
    const plan = planScenarios({ sources: [built("random")], seed: 5, repeat: 3, config, choice: latch, parallel: 8 });
    expect(plan.seeds[0]).toBe(5);
    expect(plan.planned.map((p) => [p.seed, p.label, p.dir])).toEqual(plan.seeds.map((s, i) => [s, `random #${i + 1}`, `random-00${i + 1}`]));
    // random draws its faults from the seed
    expect(new Set(plan.planned.map((p) => JSON.stringify(p.schedule.actions))).size).toBe(3);
    expect(plan.parallel).toBe(3);
    const shard = planScenarios({ sources: [built("random")], seed: 5, repeat: 3, shard: { index: 2, count: 2 }, config, choice: latch, parallel: 1 });
    expect(shard.planned.map((p) => p.label)).toEqual(["random #2"]);
    expect(shard.total).toBe(3);
  });

  it("refuses what the candidate cannot do before anything starts: a clock fault where the kind has no libfaketime, cached-belief without a witness", () => {
    // Every built-in kind's image has libfaketime now (Node, the JVM, Python).
    for (const kind of ["latch", "lease", "curator-latch", "curator-selector", "patroni", "patroni-defaults"]) {
      expect(() => planScenarios({ sources: [built("clock-skew-follower")], seed: 1, config, choice: resolveCandidate(kind, undefined), parallel: 1 }), kind).not.toThrow();
    }
    const planned = [built("clock-skew-follower"), built("partition-leader")].map((b) => {
      const scenario = b.make(1);
      return { scenario, schedule: compileChecked(scenario, config, 1, undefined) };
    });
    const noClock = () => false;
    expect(() => refuseClockFaults(resolveCandidate("curator-latch", undefined), planned, noClock)).toThrow(
      /^clock-skew-follower: clock faults need libfaketime in the candidates' image, and candidate curator-latch's image has none$/,
    );
    expect(() => refuseClockFaults(resolveCandidate("curator-latch", undefined), planned.slice(1), noClock)).not.toThrow();
    expect(() => planScenarios({ sources: [built("partition-leader")], seed: 1, config, choice: resolveCandidate("latch", "cached-belief"), parallel: 1 })).toThrow(/needs --witness/);
    expect(() => planScenarios({ sources: [built("partition-leader")], seed: 1, config, choice: resolveCandidate("latch", "cached-belief"), witness: "plain", parallel: 1 })).not.toThrow();
  });
});

describe("planSuite", () => {
  it("each suite run keeps its case, seed and index and gets its scenario made and its schedule compiled with its own seed", () => {
    const seeds = repeatSeeds(5, 2);
    const runs = expandRepeats(SEEDS_SUITE.cases.slice(0, 3), seeds).map((x) => ({ case: x.item, seed: x.seed, index: x.index, count: 2 }));
    const plan = planSuite({ runs, config, sessionTimeoutMs: 6000, parallel: 2 });
    expect(plan.runs.map((r) => [r.case, r.seed, r.index, r.count])).toEqual(runs.map((r) => [r.case, r.seed, r.index, r.count]));
    for (const r of plan.runs) {
      const scenario = SCENARIOS[r.case.scenario](suiteScenarioOptions(r.seed, 6000));
      expect(r.scenario).toEqual(scenario);
      expect(r.schedule).toEqual(compileSchedule(scenario, config, r.seed));
    }
  });

  it("says how long from those same schedules, with the slowest candidate's bring-up, at most as many at a time as there are runs", () => {
    const runs = suiteRunsOf(SEEDS_SUITE, 7);
    const plan = planSuite({ runs, config, sessionTimeoutMs: 6000, parallel: 99 });
    const bringUpMs = Math.max(...runs.map((r) => bringUpEstimateMs(resolveCandidate(r.case.candidate, r.case.bug))));
    expect(plan.estimateMs).toBe(estimateWallMs({ lengthsMs: plan.runs.map((r) => r.schedule.endAt), parallel: runs.length, bringUpMs, afterMs: AFTER_RUN_MS }));
    expect(plan.estimate).toMatch(new RegExp(`^about .*: ${runs.length} run\\(s\\) of .*, ${runs.length} at a time`));
    expect(planSuite({ runs: [], config, sessionTimeoutMs: 6000, parallel: 1 })).toEqual({ runs: [], estimate: "nothing to run", estimateMs: 0 });
  });
});
