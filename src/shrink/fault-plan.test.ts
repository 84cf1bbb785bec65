import { describe, expect, it } from "vitest";
import { compileSchedule } from "../scenarios/compile.js";
import { compileChecked, parseScenarioFile } from "../scenarios/load.js";
import { SCENARIOS, SCENARIO_NAMES } from "../scenarios/registry.js";
import type { ScheduleConfig } from "../scenarios/types.js";
import { gapsOf, keepFaults, planOf, scheduleOf, smaller, withFault, withoutGaps } from "./fault-plan.js";
import { scenarioFileText, scenarioOf } from "./scenario-of.js";

const base: ScheduleConfig = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };
const options = { away: "kill" as const, seed: 11, durationMs: 300_000, sessionTimeoutMs: 6000, clockFaults: true };
const about = { name: "x-shrunk", summary: "shrunk", description: "shrunk from a run" };

describe("planOf and scheduleOf", () => {
  it("give back the compiled schedule of every built-in scenario", () => {
    for (const name of SCENARIO_NAMES) {
      const schedule = compileSchedule(SCENARIOS[name](options), base, 11);
      expect(scheduleOf(planOf(schedule)), name).toEqual(schedule);
    }
  });
});

describe("the shrunk scenario file", () => {
  for (const timeScale of [1, 0.5, 0.3]) {
    it(`parses and compiles back to the same schedule (every built-in scenario, time scale ${timeScale})`, () => {
      const config = { ...base, timeScale };
      for (const name of SCENARIO_NAMES) {
        const plan = planOf(compileSchedule(SCENARIOS[name](options), config, 11));
        // also a changed plan: faults dropped, gaps removed, one shortened and moved
        const changed = withoutGaps(keepFaults(plan, new Set(plan.faults.filter((_, i) => i % 2 === 0).map((f) => f.id))), gapsOf(plan).slice(0, 1));
        for (const p of [plan, changed]) {
          const text = scenarioFileText(scenarioOf(p, timeScale, about), ["shrunk by splitbrain"]);
          const spec = parseScenarioFile("shrunk.yaml", text);
          // any seed: the targets a seed draws are drawn already
          expect(compileChecked(spec, config, 999, "shrunk.yaml").actions, name).toEqual(scheduleOf({ ...p, seed: 999 }).actions);
        }
      }
    });
  }

  it("writes a fault held alone as one fault step, overlapping faults as inject and heal steps", () => {
    const plan = {
      scenario: "x",
      seed: 1,
      settleMs: 42_000,
      faults: [
        { id: "f1", fault: { kind: "kill" as const, targets: ["leader"] }, expectLeader: true, at: 18_000, length: 6000 },
        { id: "f2", fault: { kind: "zk-outage" as const, servers: ["zk1"] }, expectLeader: true, at: 30_000, length: 10_000 },
        { id: "f3", fault: { kind: "pause" as const, targets: ["leader"] }, expectLeader: false, at: 35_000, length: 1500 },
      ],
    };
    const spec = scenarioOf(plan as never, 1, about);
    expect(spec.steps).toEqual([
      { wait: "18s" },
      { fault: { kind: "kill", targets: ["leader"] }, for: "6s", expectLeader: true, id: "f1" },
      { wait: "6s" },
      { inject: { kind: "zk-outage", servers: ["zk1"] }, expectLeader: true, id: "f2" },
      { wait: "5s" },
      { fault: { kind: "pause", targets: ["leader"] }, for: 1500, expectLeader: false, id: "f3" },
      { wait: 3500 },
      { heal: "f2" },
    ]);
    expect(spec.settle).toBe("42s");
  });
});

describe("plan changes", () => {
  const plan = planOf(compileSchedule(SCENARIOS["rejoin-after-30s"](options), base, 1));

  it("finds the stretches with no fault active and removes them", () => {
    const gaps = gapsOf(plan);
    expect(gaps.length).toBeGreaterThan(0);
    const compact = withoutGaps(plan, gaps);
    expect(gapsOf(compact)).toEqual([]);
    expect(smaller(compact, plan)).toBe(true);
  });

  it("orders plans by faults, then length, then time held, then start times", () => {
    const first = plan.faults[0]!;
    expect(smaller(keepFaults(plan, new Set([first.id])), plan) || plan.faults.length === 1).toBe(true);
    expect(smaller(withFault(plan, first.id, { at: first.at - 1000 }), plan)).toBe(true);
    expect(smaller(plan, plan)).toBe(false);
  });
});
