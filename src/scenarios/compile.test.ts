import { describe, expect, it } from "vitest";
import { compileSchedule, defaultExpectLeader, ScenarioCompileError } from "./compile.js";
import { durationMs } from "./duration.js";
import { HEADLINE_SCENARIOS, SCENARIOS, SCENARIO_NAMES } from "./registry.js";
import { parseScenarioFile } from "./load.js";
import { kindOf } from "../faults/registry.js";
import type { FaultSpec, ScheduleConfig } from "./types.js";

const config: ScheduleConfig = {
  sessionTimeoutMs: 6000,
  recoveryMs: 30_000,
  timeScale: 1,
  candidates: ["c1", "c2", "c3"],
  servers: ["zk1", "zk2", "zk3"],
};
const options = { away: "kill" as const, seed: 7, durationMs: 120_000, sessionTimeoutMs: 6000 };

describe("durations", () => {
  it("reads ms, s, m and session timeouts", () => {
    expect(durationMs(1500, 6000)).toBe(1500);
    expect(durationMs("30s", 6000)).toBe(30_000);
    expect(durationMs("2m", 6000)).toBe(120_000);
    expect(durationMs("3st", 6000)).toBe(18_000);
    expect(durationMs({ sessionTimeouts: 1.5 }, 4000)).toBe(6000);
    expect(() => durationMs("soon", 6000)).toThrow(/not a duration/);
  });
});

describe("compileSchedule", () => {
  it("turns zk-total-loss into inject, heal and end at absolute times", () => {
    const s = compileSchedule(SCENARIOS["zk-total-loss"](), config, 1);
    expect(s.actions).toEqual([
      { at: 18_000, do: "inject", id: "f1", fault: { kind: "zk-total-loss" }, expectLeader: false },
      { at: 36_000, do: "heal", id: "f1" },
      { at: 78_000, do: "end" },
    ]);
    expect(s.endAt).toBe(78_000);
  });

  it("scales every duration with the time scale", () => {
    const s = compileSchedule(SCENARIOS["rejoin-after-30s"](options), { ...config, timeScale: 0.25 }, 1);
    expect(s.actions.map((a) => a.at)).toEqual([4500, 12_000, 16_500, 24_000, 34_500]);
  });

  it("is deterministic for a seed and draws random targets from it", () => {
    const scenario = { name: "x", summary: "", description: "", steps: [{ fault: { kind: "kill" as const, targets: ["random-candidate"] }, for: "1s" }] };
    const a = compileSchedule(scenario, config, 42);
    expect(compileSchedule(scenario, config, 42)).toEqual(a);
    const drawn = new Set(Array.from({ length: 30 }, (_, seed) => JSON.stringify(compileSchedule(scenario, config, seed).actions[0])));
    expect(drawn.size).toBe(3);
    expect(compileSchedule(SCENARIOS.random(options), config, 7)).toEqual(compileSchedule(SCENARIOS.random(options), config, 7));
  });

  it("sets expectLeader honestly by default", () => {
    expect(defaultExpectLeader({ kind: "zk-outage" }, config)).toBe(false);
    expect(defaultExpectLeader({ kind: "partition-from-zk", targets: ["leader"] }, config)).toBe(true);
    expect(defaultExpectLeader({ kind: "partition-from-zk", targets: ["all-candidates"] }, config)).toBe(false);
    expect(defaultExpectLeader({ kind: "partition-zk", minority: ["zk-leader"] }, config)).toBe(true);
    expect(defaultExpectLeader({ kind: "partition-zk", minority: ["zk1", "zk2"] }, config)).toBe(false);
    expect(defaultExpectLeader({ kind: "kill", targets: ["leader"] }, config)).toBe(true);
    expect(defaultExpectLeader({ kind: "kill", targets: ["zk1", "zk2"] }, config)).toBe(false);
    expect(defaultExpectLeader({ kind: "pause", targets: ["c1", "c2", "c3"] }, config)).toBe(false);
  });

  it("rejects unknown targets, reused ids and heals of faults that are not active, every one by its path", () => {
    const bad = (steps: unknown[]) => () => compileSchedule({ name: "x", summary: "", description: "", steps: steps as never }, config, 1);
    expect(bad([{ fault: { kind: "kill", targets: ["leader", "c9"] }, for: "1s" }])).toThrow(/^steps\.0\.fault\.targets\.1: unknown target "c9" \(use leader, .*random-zk, or a node of this run: c1, c2, c3, zk1, zk2, zk3\)$/);
    expect(bad([{ inject: { kind: "partition-zk", minority: ["zk4"] }, id: "a" }])).toThrow(/^steps\.0\.inject\.minority\.0: unknown target "zk4"/);
    expect(bad([{ heal: "a" }])).toThrow(/^steps\.0\.heal: no active fault "a" to heal \(none is active here/);
    expect(bad([{ inject: { kind: "zk-outage" }, id: "a" }, { inject: { kind: "zk-outage" }, id: "a" }])).toThrow(/^steps\.1\.id: fault id "a" is used twice/);
    let err: unknown;
    try {
      bad([{ fault: { kind: "kill", targets: ["c9"] }, for: "1s" }, { wait: "soon" }, { heal: "b" }])();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ScenarioCompileError);
    expect((err as ScenarioCompileError).problems.map((p) => p.path)).toEqual(["steps.0.fault.targets.0", "steps.1.wait", "steps.2.heal"]);
  });

  it("numbers unnamed faults around the ids a scenario gives", () => {
    const s = compileSchedule(
      { name: "x", summary: "", description: "", steps: [{ inject: { kind: "zk-outage" }, id: "f1" }, { fault: { kind: "kill", targets: ["c1"] }, for: "1s" }, { heal: "f1" }] },
      config,
      1,
    );
    expect(s.actions.filter((a) => a.do === "inject").map((a) => (a as { id: string }).id)).toEqual(["f1", "f2"]);
  });

  it("every built-in scenario compiles, and the headline ones are known", () => {
    for (const name of SCENARIO_NAMES) expect(compileSchedule(SCENARIOS[name](options), config, 3).endAt).toBeGreaterThan(0);
    expect(HEADLINE_SCENARIOS).toEqual(["zk-total-loss", "partition-leader", "rejoin-after-30s"]);
  });

  it("random mixes overlapping faults and heals every one", () => {
    const s = compileSchedule(SCENARIOS.random({ ...options, durationMs: 300_000 }), config, 11);
    const injects = s.actions.filter((a) => a.do === "inject").map((a) => (a as { id: string }).id);
    const heals = s.actions.filter((a) => a.do === "heal").map((a) => (a as { id: string }).id);
    expect(new Set(heals)).toEqual(new Set(injects));
    let active = 0;
    let overlapped = false;
    for (const a of s.actions) {
      if (a.do === "inject") active += 1;
      if (a.do === "heal") active -= 1;
      if (active > 1) overlapped = true;
    }
    expect(overlapped).toBe(true);
  });

  it("random heals every fault after its drawn one to four session timeouts, not later", () => {
    for (const seed of [1, 2, 3, 11, 42]) {
      const s = compileSchedule(SCENARIOS.random({ ...options, seed, durationMs: 300_000 }), config, seed);
      const injectedAt = new Map<string, number>();
      for (const a of s.actions) {
        if (a.do === "inject") injectedAt.set(a.id, a.at);
        if (a.do === "heal") {
          const lasted = a.at - (injectedAt.get(a.id) as number);
          expect(lasted).toBeGreaterThanOrEqual(6000);
          expect(lasted).toBeLessThanOrEqual(24_000);
        }
      }
    }
  });

  it("expects a leader while one ZooKeeper server (the leader or a follower) is killed or paused, not while a majority is", () => {
    const one = (fault: FaultSpec) => compileSchedule({ name: "x", summary: "", description: "", steps: [{ fault, for: "1s" }] }, config, 1).actions[0];
    expect(one({ kind: "pause", targets: ["zk-leader"] })).toMatchObject({ do: "inject", fault: { kind: "pause", targets: ["zk-leader"] }, expectLeader: true });
    expect(one({ kind: "kill", targets: ["zk-follower"] })).toMatchObject({ expectLeader: true });
    expect(one({ kind: "kill", targets: ["zk-leader", "zk1", "zk3"] })).toMatchObject({ expectLeader: false });
  });

  it("random draws kills and pauses of the ZooKeeper leader", () => {
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 20; seed++) {
      for (const a of compileSchedule(SCENARIOS.random({ ...options, seed, durationMs: 600_000 }), config, seed).actions) {
        if (a.do === "inject" && "targets" in a.fault && a.fault.targets.includes("zk-leader")) kinds.add(a.fault.kind);
      }
    }
    expect(kinds).toEqual(new Set(["kill", "pause"]));
  });

  it("random never overlaps a whole-ensemble fault with another fault on ZooKeeper servers", () => {
    // After compiling, random-zk is a server id: any target naming a server (zk1, zk-leader, all-zk) counts.
    const targetsOf = (f: FaultSpec): readonly string[] => kindOf(f.kind)?.runTargets(f) ?? [];
    const isWhole = (f: FaultSpec): boolean => targetsOf(f).includes("all-zk");
    const onZk = (f: FaultSpec): boolean => targetsOf(f).some((t) => t.startsWith("zk") || t === "all-zk");
    let checked = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const s = compileSchedule(SCENARIOS.random({ ...options, seed, durationMs: 600_000 }), config, seed);
      const active = new Map<string, FaultSpec>();
      for (const a of s.actions) {
        if (a.do === "heal") active.delete(a.id);
        if (a.do !== "inject") continue;
        const whole = isWhole(a.fault);
        const others = [...active.values()].filter(onZk);
        if (whole || onZk(a.fault)) checked += 1;
        if (whole) expect(others).toEqual([]);
        if (onZk(a.fault)) expect(others.filter(isWhole)).toEqual([]);
        active.set(a.id, a.fault);
      }
    }
    expect(checked).toBeGreaterThan(20);
  });
});

describe("scenario files", () => {
  it("reads YAML with the same steps as the built-ins", () => {
    const s = parseScenarioFile(
      "my.yaml",
      "name: my-outage\nsteps:\n  - wait: 3st\n  - fault: { kind: zk-outage }\n    for: 20s\n    expectLeader: false\n",
    );
    expect(compileSchedule(s, config, 1).actions[0]).toEqual({ at: 18_000, do: "inject", id: "f1", fault: { kind: "zk-outage" }, expectLeader: false });
  });

  it("reports every problem as file: path: message", () => {
    expect(() => parseScenarioFile("bad.json", '{"name":"Bad Name","steps":[{"wait":"soon"},{"fault":{"kind":"explode"},"for":"1s"}]}')).toThrow(
      /^bad\.json: name: lowercase letters.*\nbad\.json: steps\.0\.wait: a duration: .*\nbad\.json: steps\.1\.fault\.kind: unknown fault kind "explode": use one of partition-from-zk, partition-zk, partition, kill, pause, zk-outage, zk-total-loss, packet-loss, delay, zk-leader-isolate, zk-rolling-restart, zk-partial-loss, zk-corrupt, clock-skew, clock-strobe$/,
    );
    expect(() => parseScenarioFile("x.yaml", "name: [unclosed")).toThrow(/x\.yaml:1: not valid YAML or JSON/);
  });

  it("names the field a mistake inside a step is about, and what the step or fault takes", () => {
    const problems = (steps: string): string => {
      try {
        parseScenarioFile("s.yaml", `name: s\nsteps:\n${steps}`);
        return "";
      } catch (err) {
        return (err as Error).message;
      }
    };
    expect(problems("  - fault: { kind: kill }\n    for: 1s\n")).toBe("s.yaml: steps.0.fault.targets: Invalid input: expected array, received undefined");
    expect(problems("  - fault: { targets: [c1] }\n    for: 1s\n")).toMatch(/^s\.yaml: steps\.0\.fault\.kind: no fault kind: use one of partition-from-zk/);
    expect(problems("  - fault: { kind: kill, targets: [c1], extra: 1 }\n    for: 1s\n")).toBe('s.yaml: steps.0.fault: unknown key "extra" (a kill fault takes kind, targets)');
    expect(problems("  - wait: 1s\n    fault: { kind: zk-outage }\n")).toBe("s.yaml: steps.0: a step has exactly one of the keys wait, fault, inject, heal (found wait and fault)");
    expect(problems("  - sleep: 1s\n")).toBe('s.yaml: steps.0: a step has exactly one of the keys wait, fault, inject, heal (found "sleep")');
    expect(problems("  - wait: true\n")).toMatch(/^s\.yaml: steps\.0\.wait: a duration: milliseconds \(1500\), "1500ms"/);
    expect(problems("  - fault: { kind: partition, shape: tri, targets: [c1] }\n    for: 1s\n")).toMatch(/steps\.0\.fault\.shape: .*"isolate"\|"halves"\|"bridge"\|"majorities-ring"/);
  });
  it("refuses partitions whose sides make no sense, a target named twice, fault ids with control characters, and a schedule past 7 days", () => {
    const problems = (steps: unknown[]): string[] => {
      try {
        compileSchedule({ name: "x", summary: "", description: "", steps } as never, config, 1);
      } catch (err) {
        expect(err).toBeInstanceOf(ScenarioCompileError);
        return (err as ScenarioCompileError).problems.map((p) => `${p.path}: ${p.message}`);
      }
      return [];
    };
    expect(problems([{ fault: { kind: "partition-zk", minority: ["c1"] }, for: "1s" }])).toEqual([
      'steps.0.fault.minority.0: "c1" is not a ZooKeeper server: the minority of partition-zk is servers (zk1, zk-leader, zk-follower, random-zk)',
    ]);
    expect(problems([{ fault: { kind: "partition-zk", minority: ["zk1", "zk2"] }, for: "1s" }])[0]).toContain("steps.0.fault.minority: 2 of 3 servers are a majority");
    expect(problems([{ fault: { kind: "partition-zk", minority: ["zk1"] }, for: "1s" }])).toEqual([]);
    expect(problems([{ fault: { kind: "partition-from-zk", targets: ["zk2"] }, for: "1s" }])[0]).toContain('steps.0.fault.targets.0: "zk2" is a ZooKeeper server');
    expect(problems([{ fault: { kind: "kill", targets: ["c1", "c1"] }, for: "1s" }])).toEqual(['steps.0.fault.targets.1: target "c1" is named twice']);
    expect(problems([{ fault: { kind: "kill", targets: ["random-candidate", "random-candidate"] }, for: "1s" }])).toEqual([]);
    expect(problems([{ fault: { kind: "zk-outage" }, for: "1s", id: "a\u001b[2J" }])[0]).toContain("steps.0.id: fault id \"a\\u001b[2J\" holds control characters");
    const week = { wait: "10080m" };
    expect(problems([week, week, week, week, { fault: { kind: "zk-outage" }, for: "1s" }])).toEqual([
      "steps: the schedule lasts 672 h with its settle time; a scenario lasts at most 7 days (604800000 ms) in all",
    ]);
  });
});
