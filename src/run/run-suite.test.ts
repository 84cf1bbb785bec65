import { describe, expect, it } from "vitest";
import { SEEDS_SUITE } from "../scenarios/suites.js";
import { suiteRunDirName, suiteRunsOf } from "./run-suite.js";

describe("a suite's runs", () => {
  it("without --repeat: every case once with the run's seed, named by its position as before", () => {
    const runs = suiteRunsOf(SEEDS_SUITE, 7);
    expect(runs).toHaveLength(SEEDS_SUITE.cases.length);
    expect(runs.every((r) => r.seed === 7 && r.index === undefined)).toBe(true);
    expect(suiteRunDirName(runs[7]!, 8)).toBe("08-false-death-partition-leader-latch-ignore-disconnect");
  });

  it("with --repeat: the repeat's index is in the name, padded to the count's width (at least 3)", () => {
    const c = SEEDS_SUITE.cases[0]!;
    expect(suiteRunDirName({ case: c, seed: 1, index: 3, count: 10 }, 5)).toBe("05-druid-double-leader-zk-outage-curator-latch-003");
    expect(suiteRunDirName({ case: c, seed: 1, index: 42, count: 1000 }, 5)).toBe("05-druid-double-leader-zk-outage-curator-latch-0042");
  });
});
