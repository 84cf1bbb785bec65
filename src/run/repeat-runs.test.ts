import { describe, expect, it } from "vitest";
import type { HistoryCheck } from "../checkers/check-history.js";
import { jsonText } from "../files/json-file.js";
import { RepeatFileSchema } from "../files/repeat-file.js";
import { repeatToJson } from "../report/repeat-summary.js";
import type { Schedule } from "../scenarios/types.js";
import { expandRepeats, repeatDirName, repeatRunsOf } from "./repeat-runs.js";
import type { ScenarioResult } from "./scenario-result.js";

describe("expandRepeats", () => {
  it("gives every scenario once per seed, a scenario's repeats together, indexed from 1", () => {
    expect(expandRepeats(["a", "b"], [5, 9])).toEqual([
      { item: "a", seed: 5, index: 1 },
      { item: "a", seed: 9, index: 2 },
      { item: "b", seed: 5, index: 1 },
      { item: "b", seed: 9, index: 2 },
    ]);
  });
});

describe("repeatDirName", () => {
  it("pads the index so that the directories sort in repeat order", () => {
    expect(repeatDirName("partition-leader", 7, 10)).toBe("partition-leader-007");
    expect(repeatDirName("random", 12, 1000)).toBe("random-0012");
  });
});

/** A finished run, as runScenario returns it: passed (a check that found nothing) or inconclusive (no check). */
function finished(scenario: string, seed: number, passed: boolean): ScenarioResult {
  return {
    scenario,
    runId: `r-${seed}`,
    runDir: `out/${scenario}-${seed}`,
    seed,
    check: passed ? ({ valid: true, checkers: {} } as unknown as HistoryCheck) : undefined,
    ...(passed ? {} : { inconclusive: "ensemble never formed" }),
    timings: { bringUpMs: 1000, bodyMs: 2000, teardownMs: 500, checkMs: 500 },
    schedule: { actions: [], endAt: 0 } as unknown as Schedule,
    executed: [],
  };
}

describe("repeat.json of an interrupted repeat", () => {
  const planned = [
    { scenario: { name: "a" }, seed: 11, index: 1 },
    { scenario: { name: "a" }, seed: 22, index: 2 },
    { scenario: { name: "b" }, seed: 11, index: 1 },
    { scenario: { name: "b" }, seed: 22, index: 2 },
  ];

  it("holds the runs that finished, each with its index among its scenario's repeats, and says it was interrupted", () => {
    // Two of four finished before Ctrl-C: a #2 and b #1.
    const runs = repeatRunsOf([finished("a", 22, true), finished("b", 11, false)], planned);
    const file = RepeatFileSchema.parse(JSON.parse(jsonText(repeatToJson(11, 2, runs, true))));
    expect(file.interrupted).toBe(true);
    expect(file.repeat).toEqual({ baseSeed: 11, count: 2 });
    expect(file.runs.map((r) => [r.scenario, r.index, r.seed, r.valid, r.seconds])).toEqual([
      ["a", 2, 22, true, 4],
      ["b", 1, 11, "unknown", 4],
    ]);
    expect(file.summaries?.map((s) => [s.scenario, s.runs, s.passed, s.inconclusive])).toEqual([
      ["a", 1, 1, 0],
      ["b", 1, 0, 1],
    ]);
  });

  it("a repeat that was not interrupted has no such field (the file as before)", () => {
    const runs = repeatRunsOf([finished("a", 11, true)], planned);
    expect(Object.keys(repeatToJson(11, 2, runs))).toEqual(["repeat", "summaries", "runs"]);
  });
});
