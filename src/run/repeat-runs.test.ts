import { describe, expect, it } from "vitest";
import { expandRepeats, repeatDirName } from "./repeat-runs.js";

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
