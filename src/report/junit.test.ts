import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { timelineOf } from "../checkers/checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { checkTimeline } from "../checkers/verdict.js";
import { renderJunit } from "./junit.js";

const failing = checkTimeline(
  timelineOf([
    { t: 0, node: "c1", type: "leader", token: "1" },
    { t: 100, node: "c2", type: "leader", token: "2" },
    { t: 400, node: "c1", type: "follower" },
    { t: 500, node: "c2", type: "log", msg: "<&'\"> \u0001" },
  ]),
  DEFAULT_CHECK_OPTIONS,
).checkers;
const passing = checkTimeline(timelineOf([{ t: 0, node: "c1", type: "leader" }, { t: 10, node: "c1", type: "log", msg: "x" }]), DEFAULT_CHECK_OPTIONS).checkers;

function parse(xml: string): Record<string, unknown> {
  expect(XMLValidator.validate(xml)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (n) => ["testsuite", "testcase", "property"].includes(n) }).parse(xml) as Record<string, unknown>;
}

describe("junit.xml", () => {
  it("has the JUnit shape: testsuites > testsuite per scenario > testcase per checker, failures for violations", () => {
    const xml = renderJunit([
      { scenario: "partition-leader", seed: 3, runDir: "runs/x", seconds: 40, checkers: failing },
      { scenario: "zk-total-loss", seed: 3, runDir: "runs/y", seconds: 60, checkers: passing },
    ]);
    const doc = parse(xml) as { testsuites: Record<string, unknown> & { testsuite: Array<Record<string, unknown>> } };
    expect(doc.testsuites["@tests"]).toBe("4");
    expect(doc.testsuites["@failures"]).toBe("1");
    expect(doc.testsuites["@errors"]).toBe("0");
    const [first, second] = doc.testsuites.testsuite as [Record<string, unknown>, Record<string, unknown>];
    expect(first["@name"]).toBe("splitbrain.partition-leader");
    const cases = first["testcase"] as Array<Record<string, unknown>>;
    expect(cases.map((c) => c["@name"])).toEqual(["overlap", "liveness"]);
    for (const c of cases) {
      expect(c["@classname"]).toBe("splitbrain.partition-leader");
      expect(Number(c["@time"])).toBeGreaterThan(0);
    }
    const failure = cases[0]?.["failure"] as Record<string, string>;
    expect(failure["@type"]).toBe("overlap");
    expect(failure["@message"]).toMatch(/1 overlapping leadership window/);
    expect(failure["#text"]).toMatch(/split brain: c1 and c2 both led group default for 300 ms/);
    expect((second["testcase"] as Array<Record<string, unknown>>).every((c) => c["failure"] === undefined)).toBe(true);
  });

  it("a run that could not complete is an error test case", () => {
    const xml = renderJunit([{ scenario: "rejoin-after-30s", seed: 1, runDir: "runs/z", seconds: 5, checkers: passing, inconclusive: "healing f1 (kill) failed: no such container" }]);
    const doc = parse(xml) as { testsuites: Record<string, unknown> & { testsuite: Array<Record<string, unknown>> } };
    expect(doc.testsuites["@errors"]).toBe("1");
    const run = (doc.testsuites.testsuite[0]?.["testcase"] as Array<Record<string, unknown>>).find((c) => c["@name"] === "run");
    expect((run?.["error"] as Record<string, string>)["@message"]).toBe("healing f1 (kill) failed: no such container");
  });

  it("an overlap check made inconclusive by a possible overlap is an error that carries the overlap's bounds and answers", () => {
    const timeline = timelineOf(
      [
        { t: 0, node: "c1", type: "leader", source: "http" },
        { t: 1000, node: "c1", type: "seen", source: "http" },
        { t: 1100, node: "c1", type: "unknown", source: "http", reason: "ECONNREFUSED" },
        { t: 1500, node: "c2", type: "leader", source: "http" },
        { t: 3000, node: "c1", type: "follower", source: "http" },
      ],
      { polled: new Map([["http", 100]]), recordsSeen: true },
    );
    const xml = renderJunit([{ scenario: "partition-leader", seed: 3, runDir: "runs/z", seconds: 10, checkers: checkTimeline(timeline, DEFAULT_CHECK_OPTIONS).checkers }]);
    expect(xml).toMatch(/<error message="[^"]*possible overlap\(s\) resting on answers missing/);
    expect(xml).toContain("warning: possible overlap (inconclusive): c1 and c2 were never seen leading group default at once by http");
    expect(xml).toContain("c1: last seen leading t=1000 ms, no answer t=1100..3000 ms (ECONNREFUSED), follower t=3000 ms");
  });
});
