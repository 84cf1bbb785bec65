import { describe, expect, it } from "vitest";
import { resolveCandidate } from "../candidates/registry.js";
import { isScenarioName } from "./registry.js";
import { caseLabel, caseSlug, judgeCase, SEEDS_SUITE, selectIncidents } from "./suites.js";

describe("the seeds suite", () => {
  it("pairs every incident with a buggy candidate, and with the correct one where they can be told apart", () => {
    for (const incident of SEEDS_SUITE.incidents) {
      const cases = SEEDS_SUITE.cases.filter((c) => c.incident === incident.id);
      expect(cases.some((c) => c.expect.verdict === "violation"), incident.id).toBe(true);
      expect(cases.some((c) => c.expect.verdict === "pass"), incident.id).toBe(true);
    }
    for (const c of SEEDS_SUITE.cases) {
      expect(isScenarioName(c.scenario)).toBe(true);
      expect(() => resolveCandidate(c.candidate, c.bug)).not.toThrow();
    }
  });

  it("judges the pause cases with a plain witness and no --fencing: the correct latch must pass, the bugs fail on overlap and on effects", () => {
    const pause = SEEDS_SUITE.cases.filter((c) => c.scenario === "pause-leader");
    expect(pause.map((c) => [caseLabel(c), c.expect])).toEqual([
      ["latch --bug ignore-disconnect --witness plain", { verdict: "violation", by: ["overlap"] }],
      ["latch --bug cached-belief --witness plain", { verdict: "violation", by: ["effects"] }],
      ["latch --witness plain", { verdict: "pass" }],
    ]);
  });

  it("gives every case its own run directory and JUnit name", () => {
    const slugs = SEEDS_SUITE.cases.map((c) => caseSlug(c, "."));
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs).toContain("false-death.pause-leader.latch.witness-plain");
    expect(slugs).toContain("false-death.pause-leader.latch.ignore-disconnect.witness-plain");
    expect(slugs).toContain("false-death.pause-leader.latch.cached-belief.witness-plain");
  });

  it("selects incidents, and names the known ones for an unknown one", () => {
    const one = selectIncidents(SEEDS_SUITE, ["parabol-window"]);
    expect(one.incidents.map((i) => i.id)).toEqual(["parabol-window"]);
    expect(one.cases.map((c) => caseLabel(c))).toEqual(["latch --bug startup-window", "latch"]);
    expect(selectIncidents(SEEDS_SUITE, [])).toBe(SEEDS_SUITE);
    expect(() => selectIncidents(SEEDS_SUITE, ["druid"])).toThrow(/unknown incident "druid" in suite seeds; incidents: druid-double-leader, curator-total-loss/);
  });

  it("judges outcomes: reproduced by the expected checker, missed, passed, false positive", () => {
    const bug = SEEDS_SUITE.cases.find((c) => c.bug === "no-path-recreate");
    const good = SEEDS_SUITE.cases.find((c) => c.candidate === "latch" && c.bug === undefined);
    if (bug === undefined || good === undefined) throw new Error("suite changed");
    expect(judgeCase(bug, false, ["liveness"])).toBe("reproduced");
    expect(judgeCase(bug, false, ["overlap"])).toBe("missed");
    expect(judgeCase(bug, true, [])).toBe("missed");
    expect(judgeCase(good, true, [])).toBe("passed");
    expect(judgeCase(good, false, ["overlap"])).toBe("false-positive");
    expect(judgeCase(good, "unknown", [])).toBe("inconclusive");
  });
});
