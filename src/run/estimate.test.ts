import { describe, expect, it } from "vitest";
import { describeEstimate, estimateWallMs, formatWall, laterMsByIndex } from "./estimate.js";

describe("estimateWallMs", () => {
  it("one at a time: every run's bring-up, schedule and teardown, one after another", () => {
    expect(estimateWallMs({ lengthsMs: [78_000, 84_000, 138_000], parallel: 1, bringUpMs: 5000, afterMs: 1000 })).toBe(300_000 + 18_000);
  });

  it("in parallel: longest first, bring-ups one at a time, the end of the last run", () => {
    // slots: 138 s starts at 0; 84 s waits for the gate (5 s); 78 s waits for it too (10 s)
    expect(estimateWallMs({ lengthsMs: [78_000, 84_000, 138_000], parallel: 3, bringUpMs: 5000, afterMs: 1000 })).toBe(144_000);
    // two slots: the 84 s run waits 5 s for the gate and frees its slot at 95 s; the 78 s run follows it
    expect(estimateWallMs({ lengthsMs: [78_000, 84_000, 138_000], parallel: 2, bringUpMs: 5000, afterMs: 1000 })).toBe(95_000 + 5000 + 78_000 + 1000);
  });

  it("more slots than runs, or none, changes nothing; no runs take no time", () => {
    expect(estimateWallMs({ lengthsMs: [10_000], parallel: 8, bringUpMs: 1000, afterMs: 0 })).toBe(11_000);
    expect(estimateWallMs({ lengthsMs: [], parallel: 1, bringUpMs: 1000, afterMs: 0 })).toBe(0);
  });
});

describe("formatWall and describeEstimate", () => {
  it("says it in minutes and seconds, rounded up", () => {
    expect(formatWall(49_100)).toBe("50 s");
    expect(formatWall(120_000)).toBe("2 min");
    expect(formatWall(345_000)).toBe("5 min 45 s");
    expect(formatWall(3_725_000)).toBe("1 h 02 min");
  });

  it("names the runs, their lengths and how many at once", () => {
    expect(describeEstimate({ lengthsMs: [84_000, 138_000], parallel: 1, bringUpMs: 8000, afterMs: 1000 })).toBe(
      "about 4 min: 2 run(s) of 1 min 24 s to 2 min 18 s, 1 at a time, each with a bring-up of about 8 s (images already built)",
    );
  });
});

describe("laterMsByIndex", () => {
  it("one at a time, longest first: what runs after each run, in the order given", () => {
    // order of starts: 138 s, 84 s, 78 s
    expect(laterMsByIndex([78_000, 84_000, 138_000], 5000, 1000)).toEqual([0, 84_000, 174_000]);
    expect(laterMsByIndex([], 5000, 1000)).toEqual([]);
  });
});
