import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { pollingNotes } from "./check-history.js";
import { fencingChecker } from "./fencing.js";
import { livenessChecker } from "./liveness.js";
import { overlapChecker } from "./overlap.js";
import { knownLeadership } from "./timeline.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "./types.js";
import type { OverlapViolation } from "./overlap.js";

const opts = { ...DEFAULT_CHECK_OPTIONS, recoveryMs: 1000 };
const overlaps = (events: ReadEvent[]): OverlapViolation[] =>
  overlapChecker.check(timelineOf(events), opts).violations as OverlapViolation[];

describe("lanes: each observer's view is judged on its own", () => {
  it("an overlap seen only by exec is a violation that names exec, even when http saw none", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 100, node: "c1", type: "follower", source: "http" },
      { t: 100, node: "c2", type: "leader", source: "http" },
      { t: 0, node: "c1", type: "leader", source: "exec" },
      { t: 50, node: "c2", type: "leader", source: "exec" },
      { t: 300, node: "c1", type: "follower", source: "exec" },
    ];
    const v = overlaps(events);
    expect(v).toHaveLength(1);
    expect(v[0]).toMatchObject({ source: "exec", nodes: ["c1", "c2"], window: { start: 50, end: 300 } });
    expect(v[0]?.message).toContain("both led group default (seen by exec) for 250 ms");
  });

  it("observations of different sources never overlap each other", () => {
    expect(
      overlaps([
        { t: 0, node: "c1", type: "leader" },
        { t: 10, node: "c2", type: "leader", source: "zk" },
      ]),
    ).toEqual([]);
  });

  it("the protocol lane keeps v1's key and message", () => {
    const tl = timelineOf([
      { t: 0, node: "c1", type: "leader" },
      { t: 5, node: "c2", type: "leader" },
      { t: 9, node: "c1", type: "follower" },
    ]);
    expect(tl.lanes).toEqual([{ key: "default", group: "default", source: "protocol" }]);
    const v = overlapChecker.check(tl, opts).violations[0] as OverlapViolation;
    expect(v.source).toBe("protocol");
    expect(v.message).toMatch(/both led group default for/);
  });
});

describe("unknown: no answer never ends leadership", () => {
  it("a leader whose probe stops answering still leads: an overlap with the new leader is caught", () => {
    const v = overlaps([
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 100, node: "c1", type: "unknown", source: "http", reason: "timeout" },
      { t: 200, node: "c2", type: "leader", source: "http" },
      { t: 900, node: "c1", type: "follower", source: "http" },
    ]);
    expect(v).toHaveLength(1);
    expect(v[0]?.window).toEqual({ start: 200, end: 900 });
  });

  it("a definite follower answer ends it, and down ends it", () => {
    const tl = timelineOf([
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 10, node: "c1", type: "unknown", source: "http" },
      { t: 20, node: "c1", type: "follower", source: "http" },
      { t: 30, node: "c2", type: "leader", source: "http" },
      { t: 40, node: "c2", type: "unknown", source: "http" },
      { t: 50, node: "c2", type: "down" },
      { t: 60, node: "c3", type: "log", msg: "end" },
    ]);
    const list = tl.intervals.get(tl.lanes[0]?.key ?? "") ?? [];
    expect(list.map((iv) => [iv.node, iv.start, iv.end, iv.endedBy])).toEqual([
      ["c1", 0, 20, "follower"],
      ["c2", 30, 50, "down"],
    ]);
    const unknown = tl.unknown.get(tl.lanes[0]?.key ?? "") ?? [];
    expect(unknown.map((w) => [w.node, w.start, w.end])).toEqual([
      ["c1", 10, 20],
      ["c2", 40, 50],
    ]);
  });

  it("liveness counts a leader only while its observer answered (conservative)", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 1000, node: "c1", type: "unknown", source: "http" },
      { t: 3500, node: "c1", type: "leader", source: "http" },
      { t: 4000, node: "c2", type: "log", msg: "end" },
    ];
    const r = livenessChecker.check(timelineOf(events), opts);
    expect(r.valid).toBe(false);
    expect(r.violations[0]).toMatchObject({ source: "http", window: { start: 1000, end: 3500 } });
    expect(r.violations[0]?.message).toContain("(seen by http)");
  });

  it("knownLeadership cuts unknown stretches out of intervals", () => {
    const iv = { node: "c1", group: "g", source: "x", start: 0, end: 100, token: undefined, endedBy: "end" as const };
    expect(knownLeadership([iv], [{ node: "c1", start: 10, end: 20 }, { node: "c1", start: 90, end: 120 }]).map((i) => [i.start, i.end])).toEqual([
      [0, 10],
      [20, 90],
    ]);
    expect(knownLeadership([iv], [{ node: "c2", start: 10, end: 20 }])).toEqual([iv]);
  });
});

describe("fencing on observer lanes", () => {
  it("skips a lane without tokens instead of making the verdict unknown", () => {
    const r = fencingChecker.check(
      timelineOf([
        { t: 0, node: "c1", type: "leader", token: "1" },
        { t: 0, node: "c1", type: "leader", source: "http" },
      ]),
      { ...opts, fencing: true },
    );
    expect(r.valid).toBe(true);
    // ...and says so in the verdict: the lane is not judged at all, the stale-leader rule included.
    expect(r.summary).toContain("not judged: observer lane(s) default/http, which carry no tokens (neither token order nor stale leaders)");
    expect(r.stats["skippedLanes"]).toBe(1);
  });
});

describe("polling note", () => {
  it("says which observers polled and how often, since shorter overlaps can be missed", () => {
    const meta = { type: "meta" as const, v: 2 as const, run: "r", scenario: "s", seed: 1, startedAt: "x" };
    expect(pollingNotes(meta)).toEqual([]);
    expect(pollingNotes({ ...meta, observers: [{ source: "http", kind: "http", pollMs: 100 }, { source: "log", kind: "log" }, { source: "exec", kind: "exec", pollMs: 500 }] })).toEqual([
      "observers polled (http every 100 ms, exec every 500 ms): an overlap shorter than an observer's interval can be missed by it",
    ]);
  });
});

describe("summaries name the observers", () => {
  it("so that a JUnit failure message says who saw it", () => {
    const r = overlapChecker.check(
      timelineOf([
        { t: 0, node: "c1", type: "leader", source: "http" },
        { t: 5, node: "c2", type: "leader", source: "http" },
        { t: 0, node: "c1", type: "leader", source: "exec" },
        { t: 5, node: "c2", type: "leader", source: "exec" },
        { t: 9, node: "c3", type: "log", msg: "end" },
      ]),
      opts,
    );
    expect(r.summary).toBe("2 overlapping leadership window(s), longest 4 ms (seen by exec, http)");
  });
});
