import { describe, expect, it } from "vitest";
import { repeatSeeds } from "./repeat-seeds.js";

describe("repeatSeeds", () => {
  it("starts with --seed itself, so run 1 is the run `run --seed` gives", () => {
    expect(repeatSeeds(42, 5)[0]).toBe(42);
    expect(repeatSeeds(42, 1)).toEqual([42]);
  });

  it("gives the same seeds for the same --seed and N, distinct within a repeat, each a valid --seed", () => {
    const a = repeatSeeds(7, 200);
    expect(repeatSeeds(7, 200)).toEqual(a);
    expect(new Set(a).size).toBe(200);
    for (const s of a) expect(Number.isInteger(s) && s >= 0 && s <= 0xffffffff).toBe(true);
    // A longer repeat extends a shorter one: run k has the same seed in both.
    expect(repeatSeeds(7, 10)).toEqual(a.slice(0, 10));
  });

  it("gives different seeds for different --seed values", () => {
    expect(repeatSeeds(1, 5).slice(1)).not.toEqual(repeatSeeds(2, 5).slice(1));
  });

  it("refuses a count below 1", () => {
    expect(() => repeatSeeds(1, 0)).toThrow(/>= 1/);
  });
});
