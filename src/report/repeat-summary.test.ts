import { XMLParser, XMLValidator } from "fast-xml-parser";
import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { rateText, renderRepeatJunit, summarizeRepeats, wilsonInterval, formatRepeatReport, type RepeatRun } from "./repeat-summary.js";

function run(scenario: string, index: number, valid: RepeatRun["valid"], violations: string[] = [], seed = 100 + index): RepeatRun {
  return { scenario, index, seed, valid, violations, seconds: 10, runDir: `out/${scenario}-${index}`, ...(valid === "unknown" ? { inconclusive: "ensemble never formed" } : {}) };
}

describe("wilsonInterval", () => {
  it("matches published 95% Wilson intervals", () => {
    // 0/10 -> [0, 0.2775]; 10/10 -> [0.7225, 1]; 5/10 -> [0.2366, 0.7634]
    const none = wilsonInterval(0, 10);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.2775, 4);
    const all = wilsonInterval(10, 10);
    expect(all.low).toBeCloseTo(0.7225, 4);
    expect(all.high).toBe(1);
    const half = wilsonInterval(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
  });

  it("says nothing without runs, narrows as runs grow, and refuses impossible counts", () => {
    expect(wilsonInterval(0, 0)).toEqual({ low: 0, high: 1 });
    expect(wilsonInterval(0, 100).high).toBeLessThan(wilsonInterval(0, 10).high);
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
  });
});

describe("summarizeRepeats", () => {
  const runs = [
    run("partition-leader", 2, false, ["overlap/overlap"], 9),
    run("partition-leader", 1, true),
    run("zk-total-loss", 1, true),
    run("partition-leader", 3, false, ["overlap/overlap", "liveness/leaderless"], 5),
    run("partition-leader", 4, "unknown"),
  ];
  const [pl, zk] = summarizeRepeats(runs);

  it("counts failed, passed and inconclusive runs per scenario, in the order first seen", () => {
    expect(pl?.scenario).toBe("partition-leader");
    expect(zk?.scenario).toBe("zk-total-loss");
    expect(pl).toMatchObject({ runs: 4, failed: 2, passed: 1, inconclusive: 1, valid: false });
    expect(zk).toMatchObject({ runs: 1, failed: 0, passed: 1, inconclusive: 0, valid: true });
  });

  it("gives the interval over the runs that decided, the distinct violations with counts, and failing seeds in repeat order", () => {
    expect(pl?.interval).toEqual(wilsonInterval(2, 3));
    expect(pl?.violations).toEqual([
      { violation: "overlap/overlap", runs: 2 },
      { violation: "liveness/leaderless", runs: 1 },
    ]);
    expect(pl?.failingSeeds).toEqual([9, 5]);
    expect(rateText(pl!)).toMatch(/^failed 2\/3 decided, 1 inconclusive of 4 \(95% CI /);
    expect(rateText(zk!)).toBe("failed 0/1 (95% CI 0%-79.3%)");
  });

  it("prints a block per scenario with its rate, violations and failing seeds", () => {
    const text = formatRepeatReport(summarizeRepeats(runs), new Chalk({ level: 0 }));
    expect(text).toContain("overlap/overlap in 2 run(s)");
    expect(text).toContain("failing seeds: 9, 5");
  });
});

describe("renderRepeatJunit", () => {
  it("names the rate in a test case and the suite's properties, and has a test case per run", () => {
    const xml = renderRepeatJunit([run("partition-leader", 1, true), run("partition-leader", 2, false, ["overlap/overlap"], 77)]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["testsuite", "testcase", "property"].includes(n) }).parse(xml) as {
      testsuites: { "@failures": string; testsuite: Array<{ testcase: Array<Record<string, unknown>>; properties: { property: Array<Record<string, string>> } }> };
    };
    const suite = doc.testsuites.testsuite[0]!;
    expect(suite.testcase.map((c) => c["@name"])).toEqual(["failure rate", "run 1 seed 101", "run 2 seed 77"]);
    expect((suite.testcase[0]!["failure"] as Record<string, string>)["@message"]).toMatch(/^failed 1\/2 \(95% CI/);
    expect(suite.properties.property.find((p) => p["@name"] === "failingSeeds")?.["@value"]).toBe("77");
    expect(doc.testsuites["@failures"]).toBe("2");
  });
});
