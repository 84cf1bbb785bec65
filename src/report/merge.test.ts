import { describe, expect, it } from "vitest";
import type { Validity } from "../checkers/types.js";
import { SEEDS_SUITE, type CaseOutcome, type SuiteCase } from "../scenarios/suites.js";
import { joinSuites, mergedExitCode, renderMergedJunit, type Merged, type MergedRun, type MergedSuite } from "./merge.js";
import { junitDocument, junitScenariosPart } from "./junit.js";

function run(scenario: string, valid: Validity): MergedRun {
  return { scenario, valid, failed: valid === false ? ["overlap"] : [], ms: 1000, seed: 7, runDir: `runs/${scenario}`, checkers: {} };
}

function suiteOf(cases: Array<[SuiteCase, CaseOutcome]>): MergedSuite {
  return {
    name: "seeds",
    summary: SEEDS_SUITE.summary,
    incidents: SEEDS_SUITE.incidents.filter((i) => cases.some(([c]) => c.incident === i.id)),
    cases: cases.map(([c, outcome]) => ({ case: c, outcome, failed: [], seconds: 1, result: { seed: 7, runDir: `runs/${c.incident}` } })),
  };
}

const [c0, c1, c2, c3] = SEEDS_SUITE.cases as [SuiteCase, SuiteCase, SuiteCase, SuiteCase];

describe("mergedExitCode", () => {
  it("keeps the contract's precedence: a violation wins over inconclusive, inconclusive over pass", () => {
    const m = (runs: MergedRun[], suites: MergedSuite[] = []): Merged => ({ runs, suites, repeats: [] });
    expect(mergedExitCode(m([run("a", true), run("b", true)]))).toBe(0);
    expect(mergedExitCode(m([run("a", true), run("b", "unknown")]))).toBe(2);
    expect(mergedExitCode(m([run("a", "unknown"), run("b", false), run("c", true)]))).toBe(1);
    expect(mergedExitCode(m([], [suiteOf([[c0, "reproduced"], [c1, "passed"]])]))).toBe(0);
    expect(mergedExitCode(m([run("a", true)], [suiteOf([[c0, "inconclusive"]])]))).toBe(2);
    expect(mergedExitCode(m([run("a", "unknown")], [suiteOf([[c0, "missed"]])]))).toBe(1);
    expect(mergedExitCode(m([], [suiteOf([[c1, "false-positive"]])]))).toBe(1);
  });
});

describe("joinSuites", () => {
  it("joins the shards of one suite into one, in the suite's own order", () => {
    const joined = joinSuites([suiteOf([[c1, "passed"], [c3, "passed"]]), suiteOf([[c0, "reproduced"], [c2, "reproduced"]])]);
    expect(joined).toHaveLength(1);
    expect(joined[0]?.cases.map((c) => c.case)).toEqual([c0, c1, c2, c3]);
    expect(joined[0]?.incidents.map((i) => i.id)).toEqual(["druid-double-leader", "curator-total-loss"]);
  });
});

describe("junitDocument", () => {
  it("puts every test suite under one root with the counts added up", () => {
    const a = junitScenariosPart([{ scenario: "a", seed: 1, runDir: "ra", seconds: 2, checkers: {}, inconclusive: "no quorum" }]);
    const b = junitScenariosPart([{ scenario: "b", seed: 1, runDir: "rb", seconds: 3, checkers: {} }]);
    const out = junitDocument("splitbrain", [a, b]);
    expect(out).toContain('<testsuites name="splitbrain" tests="1" failures="0" errors="1" time="5.000">');
    expect(out.match(/<testsuite /g)).toHaveLength(2);
    expect(out.match(/<\?xml/g)).toHaveLength(1);
    expect(junitDocument("splitbrain", [])).toBe('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="splitbrain" tests="0" failures="0" errors="0" time="0.000">\n</testsuites>\n');
  });

  it("renders runs and suite cases into one document", () => {
    const out = renderMergedJunit({ runs: [run("zk-outage", true)], suites: [suiteOf([[c0, "missed"]])], repeats: [] });
    expect(out).toContain('name="splitbrain.zk-outage"');
    expect(out).toContain('name="splitbrain.suite.seeds"');
    expect(out).toContain('type="missed"');
    expect(out).toMatch(/<testsuites name="splitbrain" tests="1" failures="1" errors="0"/);
  });
});
