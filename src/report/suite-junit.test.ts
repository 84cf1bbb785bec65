import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { SEEDS_SUITE, selectIncidents, type CaseOutcome } from "../scenarios/suites.js";
import { renderSuiteJunit } from "./suite-junit.js";
import type { SuiteCaseRow } from "./suite-summary.js";

const suite = selectIncidents(SEEDS_SUITE, ["false-death"]);

function results(outcomes: CaseOutcome[]): SuiteCaseRow[] {
  return suite.cases.map((c, i) => {
    const outcome = outcomes[i] as CaseOutcome;
    const failed = outcome === "reproduced" || outcome === "false-positive" ? ["overlap"] : [];
    const result = { seed: 5, runDir: `runs/s/0${i + 1}`, ...(outcome === "inconclusive" ? { inconclusive: "ensemble never formed\nzk1: no quorum" } : {}) };
    return { case: c, outcome, failed, seconds: 40 + i, result };
  });
}

function testcases(xml: string): Array<Record<string, unknown>> {
  expect(XMLValidator.validate(xml)).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["testsuite", "testcase"].includes(n) }).parse(xml) as {
    testsuites: { testsuite: Array<{ testcase: Array<Record<string, unknown>> }> };
  };
  return doc.testsuites.testsuite[0]?.testcase ?? [];
}

describe("a suite's junit.xml", () => {
  it("passes a reproduced bug and a passing correct candidate: the suite went as expected", () => {
    const xml = renderSuiteJunit(suite, results(["reproduced", "passed", "reproduced", "reproduced", "passed"]));
    expect(xml).toContain('<testsuites name="splitbrain.suite.seeds" tests="5" failures="0" errors="0"');
    const cases = testcases(xml);
    expect(cases.map((c) => c["@name"])).toEqual([
      "false-death.partition-leader.latch.ignore-disconnect",
      "false-death.partition-leader.latch",
      "false-death.pause-leader.latch.ignore-disconnect.witness-plain",
      "false-death.pause-leader.latch.cached-belief.witness-plain",
      "false-death.pause-leader.latch.witness-plain",
    ]);
    expect(cases.every((c) => c["failure"] === undefined && c["error"] === undefined)).toBe(true);
    expect(cases[0]?.["system-out"]).toBe("reproduced: latch --bug ignore-disconnect in partition-leader: expected to fail on overlap; failed: overlap; seed 5; runs/s/01");
  });

  it("fails a missed bug and a false alarm, and errors an inconclusive case", () => {
    const xml = renderSuiteJunit(suite, results(["missed", "false-positive", "inconclusive", "passed", "passed"]));
    expect(xml).toContain('tests="5" failures="2" errors="1"');
    const [missed, falseAlarm, unsure, ok] = testcases(xml);
    expect(missed?.["failure"]).toMatchObject({ "@type": "missed", "@message": "bug not reproduced (no checker failed)" });
    expect(falseAlarm?.["failure"]).toMatchObject({ "@type": "false-positive", "@message": "false alarm (failed: overlap)" });
    expect(unsure?.["error"]).toMatchObject({ "@type": "inconclusive", "@message": "ensemble never formed" });
    expect(ok?.["failure"]).toBeUndefined();
  });
});
