import { describe, expect, it } from "vitest";
import { timelineOf } from "../checkers/checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { checkTimeline } from "../checkers/verdict.js";
import type { ReadEvent } from "../history/parse.js";
import { buildTimelineModel, TimelineModelBuilder, verdictLabel } from "./timeline-model.js";
import { overlapChecker } from "../checkers/overlap.js";

const META = { type: "meta", v: 1, run: "r1", scenario: "partition-leader", seed: 7, startedAt: "2026-01-01T00:00:00.000Z" };

// Out of t order on purpose (the model sorts as the checkers do).
const EVENTS: ReadEvent[] = [
  { t: 100, node: "zk1", type: "zk-role", role: "looking" },
  { t: 300, node: "zk1", type: "zk-role", role: "leading", epoch: 1 },
  { t: 300, node: "zk2", type: "zk-role", role: "following", epoch: 1 },
  { t: 50, node: "c10", type: "up" },
  { t: 50, node: "c2", type: "up" },
  { t: 812, node: "c1", type: "leader", token: "0x1" },
  { t: 5000, node: "nemesis", type: "fault", id: "f1", fault: "partition", targets: ["c1", "zk3"], expectLeader: false },
  { t: 6500, node: "c1", type: "conn", state: "suspended" },
  { t: 9000, node: "c2", type: "leader", token: "0x2" },
  { t: 12000, node: "c1", type: "follower" },
  { t: 15000, node: "nemesis", type: "heal", id: "f1" },
  { t: 16000, node: "c2", type: "down", reason: "killed" },
  { t: 18000, node: "c2", type: "up" },
  { t: 19000, node: "c2", type: "down" },
  { t: 20000, node: "splitbrain", type: "log", msg: "end" },
];

function verdict() {
  return checkTimeline(timelineOf([...EVENTS].sort((a, b) => a.t - b.t)), DEFAULT_CHECK_OPTIONS);
}

describe("buildTimelineModel", () => {
  it("has a lane per candidate and per ZooKeeper server (fault targets included), in natural order", () => {
    const model = buildTimelineModel(EVENTS, META, undefined);
    expect(model.lanes).toEqual([
      { id: "c1", kind: "candidate" },
      { id: "c2", kind: "candidate" },
      { id: "c10", kind: "candidate" },
      { id: "zk1", kind: "server" },
      { id: "zk2", kind: "server" },
      { id: "zk3", kind: "server" },
    ]);
    expect(model.endT).toBe(20000);
    expect(model.events).toBe(EVENTS.length);
    expect(model.title).toEqual({ run: "r1", scenario: "partition-leader", seed: "7", startedAt: "2026-01-01T00:00:00.000Z" });
    expect(model.verdict).toEqual({ label: "NOT CHECKED", checkers: [] });
    expect(model.violations).toEqual([]);
  });

  it("draws leadership bars with the checkers' intervals and tokens", () => {
    const leaders = buildTimelineModel(EVENTS, META).segments.filter((s) => s.kind === "leader");
    expect(leaders).toEqual([
      { lane: "c1", kind: "leader", start: 812, end: 12000, label: "default", token: "0x1", endedBy: "follower" },
      { lane: "c2", kind: "leader", start: 9000, end: 16000, label: "default", token: "0x2", endedBy: "down" },
    ]);
  });

  it("draws the part of a polled leadership its observer did not see as unseen (history v5)", () => {
    const meta = { ...META, v: 5, observers: [{ source: "http", kind: "http", pollMs: 100 }] };
    const events = [
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 1000, node: "c1", type: "seen", source: "http" },
      { t: 1100, node: "c1", type: "unknown", source: "http", reason: "ECONNREFUSED" },
      { t: 3000, node: "c1", type: "follower", source: "http" },
    ] as ReadEvent[];
    const model = buildTimelineModel(events, meta);
    const of = (kind: string) => model.segments.filter((x) => x.kind === kind).map((x) => [x.lane, x.start, x.end]);
    expect(of("leader")).toEqual([["c1 http", 0, 3000]]);
    expect(of("unseen")).toEqual([["c1 http", 1000, 3000]]);
    // The same events with a log observer (a push lane): nothing unseen.
    expect(buildTimelineModel(events, { ...meta, observers: [{ source: "http", kind: "log" }] }).segments.filter((x) => x.kind === "unseen")).toEqual([]);
  });

  it("turns zk-role events into role segments until the next role or the end", () => {
    const roles = buildTimelineModel(EVENTS, META).segments.filter((s) => s.kind === "role");
    expect(roles).toEqual([
      { lane: "zk1", kind: "role", start: 100, end: 300, label: "looking" },
      { lane: "zk1", kind: "role", start: 300, end: 20000, label: "leading", epoch: 1 },
      { lane: "zk2", kind: "role", start: 300, end: 20000, label: "following", epoch: 1 },
    ]);
  });

  it("marks down, up and conn instants and shades down periods", () => {
    const model = buildTimelineModel(EVENTS, META);
    expect(model.marks.filter((m) => m.lane === "c2")).toEqual([
      { lane: "c2", t: 50, kind: "up", label: "" },
      { lane: "c2", t: 16000, kind: "down", label: "killed" },
      { lane: "c2", t: 18000, kind: "up", label: "" },
      { lane: "c2", t: 19000, kind: "down", label: "" },
    ]);
    expect(model.marks).toContainEqual({ lane: "c1", t: 6500, kind: "conn", label: "suspended" });
    expect(model.segments.filter((s) => s.kind === "down")).toEqual([
      { lane: "c2", kind: "down", start: 16000, end: 18000, label: "killed" },
      { lane: "c2", kind: "down", start: 19000, end: 20000, label: "" },
    ]);
  });

  it("has a fault band per fault window", () => {
    expect(buildTimelineModel(EVENTS, META).faults).toEqual([
      { id: "f1", fault: "partition", targets: ["c1", "zk3"], expectLeader: false, start: 5000, end: 15000, healed: true },
    ]);
  });

  it("outlines an overlap on both nodes and a liveness gap across every candidate", () => {
    const events: ReadEvent[] = [...EVENTS, { t: 60000, node: "splitbrain", type: "log", msg: "later" }];
    const v = checkTimeline(timelineOf(events.sort((a, b) => a.t - b.t)), DEFAULT_CHECK_OPTIONS);
    const model = buildTimelineModel(events, META, v);
    expect(model.verdict.label).toBe("FAIL");
    expect(model.verdict.checkers.map((c) => [c.name, c.label])).toEqual([
      ["overlap", "FAIL"],
      ["liveness", "FAIL"],
    ]);
    expect(model.violations.map(({ checker, severity, lanes, start, end }) => ({ checker, severity, lanes, start, end }))).toEqual([
      { checker: "overlap", severity: "violation", lanes: ["c1", "c2"], start: 9000, end: 12000 },
      { checker: "liveness", severity: "violation", lanes: ["c1", "c2", "c10"], start: 16000, end: 60000 },
    ]);
    expect(model.violations[0]?.message).toContain("split brain");
  });

  it("outlines a stale leader over the time it led past the bound, on both nodes, next to the fenced overlap", () => {
    const events: ReadEvent[] = [
      { t: 100, node: "c1", type: "leader", token: "0x1" },
      { t: 5000, node: "c2", type: "leader", token: "0x2" },
      { t: 40000, node: "splitbrain", type: "log", msg: "end" },
    ];
    const v = checkTimeline(timelineOf(events), { ...DEFAULT_CHECK_OPTIONS, fencing: true });
    const model = buildTimelineModel(events, META, v);
    expect(model.violations.map(({ checker, kind, severity, lanes, start, end }) => ({ checker, kind, severity, lanes, start, end }))).toEqual([
      { checker: "overlap", kind: "fenced-overlap", severity: "warning", lanes: ["c1", "c2"], start: 5000, end: 40000 },
      { checker: "fencing", kind: "stale-leader", severity: "violation", lanes: ["c1", "c2"], start: 35000, end: 40000 },
    ]);
  });

  it("carries each checker's summary line", () => {
    const v = verdict();
    const model = buildTimelineModel(EVENTS, META, v);
    expect(model.verdict.checkers.find((c) => c.name === "overlap")?.summary).toBe(v.checkers["overlap"]?.summary);
  });

  it("names verdicts as the report does", () => {
    expect([true, false, "unknown", undefined].map((v) => verdictLabel(v as never))).toEqual(["PASS", "FAIL", "INCONCLUSIVE", "NOT CHECKED"]);
  });

  it("copes with an incomplete header", () => {
    expect(buildTimelineModel([], { type: "meta", v: 1 }).title).toEqual({ run: "?", scenario: "?", seed: "?", startedAt: "?" });
  });
});

describe("timeline model: observers", () => {
  it("draws a lane per node and observer, hatches unknown stretches, and outlines a violation on its observer's lanes", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "up" },
      { t: 10, node: "c1", type: "leader", source: "http" },
      { t: 10, node: "c1", type: "leader", source: "zk" },
      { t: 50, node: "c1", type: "unknown", source: "http", reason: "ETIMEDOUT" },
      { t: 60, node: "c2", type: "leader", source: "http" },
      { t: 90, node: "c1", type: "down", reason: "killed" },
    ];
    const timeline = timelineOf(events);
    const overlap = overlapChecker.check(timeline, DEFAULT_CHECK_OPTIONS);
    const model = buildTimelineModel(events, { run: "r" }, { valid: false, checkers: { overlap } });
    expect(model.lanes.map((l) => l.id)).toEqual(["c1", "c1 http", "c1 zk", "c2 http"]);
    expect(model.segments.filter((s) => s.kind === "unknown")).toEqual([{ lane: "c1 http", kind: "unknown", start: 50, end: 90, label: "http" }]);
    expect(model.segments.filter((s) => s.kind === "down").map((s) => s.lane)).toEqual(["c1", "c1 http", "c1 zk"]);
    expect(model.violations.map((v) => v.lanes)).toEqual([["c1 http", "c2 http"]]);
  });
});

describe("timeline model: writes (history v3)", () => {
  it("marks each write on its writer's lane, refused ones apart, and outlines effect violations there", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "leader", token: "1" },
      { t: 10, node: "witness", type: "write", from: "c1", token: "1", seq: 1, mode: "plain", outcome: "accepted" },
      { t: 100, node: "c2", type: "leader", token: "2" },
      { t: 110, node: "witness", type: "write", from: "c2", token: "2", seq: 1, mode: "plain", outcome: "accepted" },
      { t: 120, node: "witness", type: "write", from: "c1", token: "1", seq: 2, mode: "plain", outcome: "accepted" },
      { t: 130, node: "witness", type: "write", from: "c3", token: "1", seq: 7, mode: "fenced", outcome: "refused", highest: "2" },
      { t: 200, node: "c1", type: "follower" },
    ];
    const verdict = checkTimeline(timelineOf(events), DEFAULT_CHECK_OPTIONS);
    const model = buildTimelineModel(events, META, verdict);
    expect(model.lanes.map((l) => l.id)).toEqual(["c1", "c2", "c3"]);
    expect(model.marks.filter((m) => m.kind === "write")).toEqual([
      { lane: "c1", t: 10, kind: "write", label: "accepted", detail: "seq 1, token 1, plain" },
      { lane: "c2", t: 110, kind: "write", label: "accepted", detail: "seq 1, token 2, plain" },
      { lane: "c1", t: 120, kind: "write", label: "accepted", detail: "seq 2, token 1, plain" },
      { lane: "c3", t: 130, kind: "write", label: "refused", detail: "seq 7, token 1, fenced, highest accepted 2" },
    ]);
    const effects = model.violations.filter((v) => v.checker === "effects");
    expect(effects.map((v) => [v.kind, v.severity, v.lanes, v.start, v.end])).toEqual([
      ["effect-split-brain", "violation", ["c1", "c2"], 100, 200],
      ["stale-write", "violation", ["c1", "c2"], 120, 120],
      ["refused-write", "warning", ["c3", "c2"], 130, 130],
    ]);
    expect(model.verdict.checkers.map((c) => c.name)).toContain("effects");
  });

  it("draws no write marks for a write line of a v2 history (someone else's event)", () => {
    const builder = new TimelineModelBuilder();
    builder.add({ t: 0, node: "c1", type: "leader" }, true);
    builder.add({ t: 5, node: "x", type: "write", from: "c9", seq: 1, mode: "plain", outcome: "accepted" }, false);
    const model = builder.finish(META);
    expect(model.marks).toEqual([]);
    expect(model.lanes.map((l) => l.id)).toEqual(["c1"]);
  });
});
