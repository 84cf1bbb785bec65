import { describe, expect, it } from "vitest";
import { timelineOf } from "./checker-timeline.js";
import { checkTimeline, worst } from "./verdict.js";
import { DEFAULT_CHECK_OPTIONS, type Checker, type Violation } from "./types.js";
import { compareTokens } from "./tokens.js";
import { overlapChecker } from "./overlap.js";

const ok: Checker<Violation> = {
  name: "ok",
  description: "always passes",
  enabled: () => true,
  view: () => ({ window: { start: 0, end: 0 }, nodes: [] }),
  check: () => ({ checker: "ok", valid: true, violations: [], violationCount: 0, warnings: [], warningCount: 0, summary: "fine", stats: {} }),
};
const crashing: Checker<Violation> = {
  name: "crashing",
  description: "throws",
  enabled: () => true,
  view: () => ({ window: { start: 0, end: 0 }, nodes: [] }),
  check: () => {
    throw new Error("boom");
  },
};

describe("verdict composition", () => {
  it("orders false > unknown > true", () => {
    expect(worst(true, true)).toBe(true);
    expect(worst(true, "unknown")).toBe("unknown");
    expect(worst("unknown", false)).toBe(false);
    expect(worst(false, true)).toBe(false);
  });

  it("a checker that throws gives unknown with its error, and the run is unknown", () => {
    const timeline = timelineOf([{ t: 1, node: "c1", type: "leader" }]);
    const v = checkTimeline(timeline, DEFAULT_CHECK_OPTIONS, { ok, crashing });
    expect(v.checkers["crashing"]).toMatchObject({ valid: "unknown", error: "boom" });
    expect(v.checkers["ok"]?.valid).toBe(true);
    expect(v.valid).toBe("unknown");
  });

  it("a violation outweighs an unknown", () => {
    const timeline = timelineOf([
      { t: 0, node: "c1", type: "leader" },
      { t: 1, node: "c2", type: "leader" },
      { t: 2, node: "c2", type: "log", msg: "x" },
    ]);
    const v = checkTimeline(timeline, DEFAULT_CHECK_OPTIONS, { overlap: overlapChecker, crashing });
    expect(v.valid).toBe(false);
  });

  it("runs fencing only with the fencing option", () => {
    const timeline = timelineOf([{ t: 0, node: "c1", type: "leader", token: "1" }]);
    expect(Object.keys(checkTimeline(timeline, DEFAULT_CHECK_OPTIONS).checkers)).toEqual(["overlap", "liveness"]);
    expect(Object.keys(checkTimeline(timeline, { ...DEFAULT_CHECK_OPTIONS, fencing: true }).checkers)).toEqual([
      "overlap",
      "liveness",
      "fencing",
    ]);
  });

  it("caps detailed violations at maxReported but counts them all", () => {
    const events = [];
    for (let i = 0; i < 20; i++) {
      events.push({ t: i * 10, node: "a", type: "leader", token: String(2 * i) });
      events.push({ t: i * 10 + 1, node: "b", type: "leader", token: String(2 * i + 1) });
      events.push({ t: i * 10 + 5, node: "a", type: "follower" }, { t: i * 10 + 5, node: "b", type: "follower" });
    }
    const r = checkTimeline(timelineOf(events), { ...DEFAULT_CHECK_OPTIONS, maxReported: 3 }).checkers["overlap"];
    expect(r?.violationCount).toBe(20);
    expect(r?.violations).toHaveLength(3);
  });
});

describe("compareTokens", () => {
  it("compares decimal and 0x-hex tokens as integers", () => {
    expect(compareTokens("0x10", "9")).toBeGreaterThan(0);
    expect(compareTokens("10", "9")).toBeGreaterThan(0);
    expect(compareTokens("0x1000000a3", "0x1000000a2")).toBeGreaterThan(0);
    expect(compareTokens("0xff", "255")).toBe(0);
    expect(compareTokens("123456789012345678901234567890", "123456789012345678901234567889")).toBeGreaterThan(0);
  });

  it("falls back to string comparison otherwise", () => {
    expect(compareTokens("b", "a")).toBeGreaterThan(0);
    expect(compareTokens("10", "9x")).toBeLessThan(0); // "1" < "9"
    expect(compareTokens("epoch-2", "epoch-10")).toBeGreaterThan(0);
  });
});
