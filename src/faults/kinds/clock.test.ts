import { describe, expect, it } from "vitest";
import { compileSchedule } from "../../scenarios/compile.js";
import { describeFault } from "../../scenarios/format-schedule.js";
import { parseScenarioFile } from "../../scenarios/load.js";
import { SCENARIOS } from "../../scenarios/registry.js";
import type { FaultSpec, ScheduleConfig } from "../../scenarios/types.js";
import { CLOCK_ENV, CLOCK_OFFSET_FILE, FAKETIME_LIBRARY, faketimeText, offsetBounds, offsetSeen, parseOffset, writeOffsetScript } from "../clock.js";
import { needsOf } from "../registry.js";
import { strobeOffsetAt } from "./clock-strobe.js";

const config: ScheduleConfig = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };
const file = (fault: string) => `name: x\nsteps:\n  - fault: ${fault}\n    for: 1s\n`;
const message = (fault: string): string => {
  try {
    parseScenarioFile("x.yaml", file(fault));
  } catch (err) {
    return (err as Error).message;
  }
  return "valid";
};

describe("clock offsets", () => {
  it("read a sign, a number and a unit, and refuse anything else with what is accepted", () => {
    expect(parseOffset("+20s")).toBe(20_000);
    expect(parseOffset("-500ms")).toBe(-500);
    expect(parseOffset("+1.5m")).toBe(90_000);
    expect(parseOffset("20s")).toMatch(/give a sign, a number and a unit, like \+20s/);
    expect(parseOffset("+0s")).toMatch(/moves the clock by nothing/);
    expect(parseOffset("+25h")).toMatch(/is not a clock offset/);
    expect(parseOffset("+1441m")).toMatch(/at most 24 hours/);
  });

  it("are written as libfaketime's signed seconds, replaced by a rename", () => {
    expect(faketimeText(20_000)).toBe("+20");
    expect(faketimeText(-500)).toBe("-0.5");
    expect(faketimeText(1234)).toBe("+1.234");
    expect(faketimeText(0)).toBe("+0");
    expect(writeOffsetScript(-30_000)).toBe(`printf '%s\\n' '-30' > ${CLOCK_OFFSET_FILE}.new && mv -f ${CLOCK_OFFSET_FILE}.new ${CLOCK_OFFSET_FILE}`);
  });

  it("are seen when the faked reading lies between the real ones shifted by the offset, and not otherwise", () => {
    // real 1000, faked 21003, real 1010: the offset is between 19993 and 20003.
    const b = offsetBounds("1000\n21003\n1010\n");
    expect(b).toEqual({ low: 19_993, high: 20_003 });
    expect(offsetSeen(b as { low: number; high: number }, 20_000)).toBe(true);
    expect(offsetSeen(b as { low: number; high: number }, 0)).toBe(false);
    expect(offsetSeen(b as { low: number; high: number }, -20_000)).toBe(false);
    // libfaketime not loaded: the faked reading is the real one.
    const none = offsetBounds("1000 1004 1009") as { low: number; high: number };
    expect(offsetSeen(none, 0)).toBe(true);
    expect(offsetSeen(none, 20_000)).toBe(false);
    expect(offsetBounds("ERROR: ld.so: object cannot be preloaded\n1000\n1001")).toBeUndefined();
  });

  it("need libfaketime preloaded with its file, uncached, the monotonic clock left alone", () => {
    expect(CLOCK_ENV).toEqual({ LD_PRELOAD: FAKETIME_LIBRARY, FAKETIME_TIMESTAMP_FILE: CLOCK_OFFSET_FILE, FAKETIME_NO_CACHE: "1", FAKETIME_DONT_FAKE_MONOTONIC: "1" });
    expect(needsOf(["clock-skew"])).toEqual({ netAdmin: false, kernel: [], clock: true });
    expect(needsOf(["kill", "clock-strobe"])).toEqual({ netAdmin: false, kernel: [], clock: true });
    expect(needsOf(["kill", "partition"]).clock).toBe(false);
  });
});

describe("clock faults in scenario files", () => {
  it("take targets and an offset; a strobe also its period", () => {
    expect(parseScenarioFile("x.yaml", file("{ kind: clock-skew, targets: [follower], offset: +20s }")).steps[0]).toEqual({
      fault: { kind: "clock-skew", targets: ["follower"], offset: "+20s" },
      for: "1s",
    });
    expect(parseScenarioFile("x.yaml", file("{ kind: clock-strobe, targets: [c1], offset: -5s, periodMs: 1000 }")).steps[0]).toMatchObject({
      fault: { kind: "clock-strobe", targets: ["c1"], offset: "-5s", periodMs: 1000 },
    });
  });

  it("name a bad offset, a bad period and an unknown key by their paths", () => {
    expect(message("{ kind: clock-skew, targets: [c1], offset: 20s }")).toContain('x.yaml: steps.0.fault.offset: "20s" is not a clock offset: give a sign, a number and a unit');
    expect(message("{ kind: clock-skew, targets: [c1] }")).toContain('steps.0.fault.offset: an offset with a sign and a unit, like "+20s" or "-500ms"');
    expect(message("{ kind: clock-strobe, targets: [c1], offset: +5s, periodMs: 10 }")).toContain("steps.0.fault.periodMs: a period of at least 500 ms");
    expect(message("{ kind: clock-strobe, targets: [c1], offset: +5s }")).toContain("steps.0.fault.periodMs: a period in milliseconds");
    expect(message("{ kind: clock-skew, targets: [c1], offset: +5s, period: 3 }")).toContain('unknown key "period" (a clock-skew fault takes kind, targets, offset)');
  });

  it("act on candidates only, expect a leader, and describe themselves", () => {
    const on = (fault: FaultSpec) => ({ name: "x", summary: "", description: "", steps: [{ fault, for: "1s" }] });
    expect(() => compileSchedule(on({ kind: "clock-skew", targets: ["c1", "zk-leader"], offset: "+5s" }), config, 1)).toThrow(
      /steps\.0\.fault\.targets\.1: "zk-leader" is a ZooKeeper server: clock faults move candidates' clocks only/,
    );
    expect(() => compileSchedule(on({ kind: "clock-strobe", targets: ["zk2"], offset: "+5s", periodMs: 1000 }), config, 1)).toThrow(/steps\.0\.fault\.targets\.0: "zk2" is a ZooKeeper server/);
    const s = compileSchedule(SCENARIOS["clock-skew-follower"](), config, 1);
    expect(s.actions[0]).toEqual({ at: 18_000, do: "inject", id: "f1", fault: { kind: "clock-skew", targets: ["follower"], offset: "+30s" }, expectLeader: true });
    const strobe = compileSchedule(SCENARIOS["clock-strobe-leader"](), config, 1).actions[0] as { fault: FaultSpec; expectLeader: boolean };
    expect(strobe.expectLeader).toBe(true);
    expect(describeFault(strobe.fault)).toBe("clock-strobe -30s every 1000ms on leader");
    expect(describeFault({ kind: "clock-skew", targets: ["c1", "c2"], offset: "+20s" })).toBe("clock-skew +20s on c1, c2");
  });
});

describe("clock-strobe's schedule", () => {
  it("holds the offset in the first period, the real time in the second, and so on", () => {
    const at = (ms: number) => strobeOffsetAt(ms, 1000, 30_000);
    expect([0, 999, 1000, 1999, 2000, 3500, 4000].map(at)).toEqual([30_000, 30_000, 0, 0, 30_000, 0, 30_000]);
    expect(strobeOffsetAt(-5, 1000, -7)).toBe(-7);
  });
});

describe("random and clock faults", () => {
  const options = { away: "kill" as const, durationMs: 600_000, sessionTimeoutMs: 6000 };
  const clockFaultsOf = (seed: number, clockFaults: boolean) => {
    const s = compileSchedule(SCENARIOS.random({ ...options, seed, clockFaults }), config, seed);
    const spans: Array<{ from: number; to: number }> = [];
    const open = new Map<string, number>();
    for (const a of s.actions) {
      if (a.do === "inject" && (a.fault.kind === "clock-skew" || a.fault.kind === "clock-strobe")) open.set(a.id, a.at);
      if (a.do === "heal" && open.has(a.id)) {
        spans.push({ from: open.get(a.id) as number, to: a.at });
        open.delete(a.id);
      }
    }
    return { spans, actions: s.actions };
  };

  it("draws clock skews and strobes for candidates that take them, never two at once", () => {
    let drawn = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const { spans } = clockFaultsOf(seed, true);
      drawn += spans.length;
      const sorted = [...spans].sort((a, b) => a.from - b.from);
      for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.from).toBeGreaterThanOrEqual(sorted[i - 1]!.to);
    }
    expect(drawn).toBeGreaterThan(10);
  });

  it("draws none for other candidates, whose mix is otherwise the same", () => {
    for (let seed = 1; seed <= 10; seed++) {
      const without = clockFaultsOf(seed, false);
      expect(without.spans).toEqual([]);
      expect(without.actions.map((a) => a.at)).toEqual(clockFaultsOf(seed, true).actions.map((a) => a.at));
    }
  });
});
