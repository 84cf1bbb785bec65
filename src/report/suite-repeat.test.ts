import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { SEEDS_SUITE, type CaseOutcome, type SuiteCase } from "../scenarios/suites.js";
import { formatSuiteRepeatReport, isRepeatedSuite, suiteRateText, summarizeSuiteRepeats } from "./suite-repeat.js";
import type { SuiteCaseRow } from "./suite-summary.js";

const plain = new Chalk({ level: 0 });
const bug = SEEDS_SUITE.cases.find((c) => c.bug === "ignore-disconnect" && c.scenario === "partition-leader") as SuiteCase;
const correct = SEEDS_SUITE.cases.find((c) => c.bug === undefined && c.scenario === "partition-leader") as SuiteCase;

function row(c: SuiteCase, index: number, outcome: CaseOutcome, seed = index * 10): SuiteCaseRow {
  return { case: c, index, outcome, failed: outcome === "reproduced" || outcome === "false-positive" ? ["overlap"] : [], seconds: 40, result: { seed, runDir: `runs/x/${index}` } };
}

describe("summarizeSuiteRepeats", () => {
  it("counts per case how often it came out as expected, in repeat order, whatever order the runs finished in", () => {
    const rows = [row(bug, 3, "missed", 33), row(correct, 1, "passed"), row(bug, 1, "reproduced"), row(bug, 2, "inconclusive"), row(correct, 2, "false-positive", 22), row(bug, 4, "missed", 44)];
    const [b, k] = summarizeSuiteRepeats(rows);
    expect(b).toMatchObject({ case: bug, runs: 4, asExpected: 1, otherwise: 2, inconclusive: 1, otherwiseSeeds: [33, 44], otherwiseRunDirs: ["runs/x/3", "runs/x/4"] });
    expect(k).toMatchObject({ case: correct, runs: 2, asExpected: 1, otherwise: 1, otherwiseSeeds: [22] });
    // the interval is over the runs that decided (3 for the bug case), not all 4
    expect(b?.interval.low).toBeCloseTo(0.2077, 3);
    expect(b?.interval.high).toBeCloseTo(0.9385, 3);
  });

  it("words the rate by what the case expects: a bug is reproduced or missed, a correct candidate passes or raises a false alarm", () => {
    const [b] = summarizeSuiteRepeats([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((i) => row(bug, i, "reproduced")));
    expect(suiteRateText(b!)).toBe("reproduced 10/10; missed 0/10 (95% CI 0%-27.8%)");
    const [k] = summarizeSuiteRepeats([row(correct, 1, "passed"), row(correct, 2, "inconclusive")]);
    expect(suiteRateText(k!)).toBe("passed 1/2, 1 inconclusive; false alarms 0/1 (95% CI 0%-79.3%)");
  });

  it("the report names the case and the seeds of the runs that came out otherwise", () => {
    const text = formatSuiteRepeatReport(summarizeSuiteRepeats([row(bug, 1, "reproduced"), row(bug, 2, "missed", 77)]), plain);
    expect(text).toContain("false-death: partition-leader, latch --bug ignore-disconnect  reproduced 1/2; missed 1/2");
    expect(text).toContain("came out otherwise with seeds: 77");
  });

  it("a suite without repeats is not a repeated one", () => {
    expect(isRepeatedSuite([{ ...row(bug, 1, "reproduced"), index: undefined }])).toBe(false);
    expect(isRepeatedSuite([row(bug, 1, "reproduced")])).toBe(true);
  });
});
