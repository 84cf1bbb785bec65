import { describe, expect, it } from "vitest";
import type { KnownEvent } from "../../history/events.js";
import type { Schedule } from "../../scenarios/types.js";
import {
  activeFaults,
  cellGlyph,
  currentLeaders,
  fmtDuration,
  initialState,
  reduce,
  selectCountdown,
  selectTimeline,
  timeAxis,
  type LiveAction,
  type LiveState,
} from "./state.js";

const SERVERS = ["zk1", "zk2", "zk3"];
const CANDIDATES = ["c1", "c2", "c3"];

function started(windowMs = 60_000): LiveState {
  return [
    { type: "scenarioStarted", info: { scenario: "zk-total-loss", summary: "s", index: 0, total: 1, seed: 7, candidate: "latch" }, at: 0 },
    { type: "runStarted", info: { runId: "r", runDir: "runs/r", servers: SERVERS, candidates: CANDIDATES }, now: 0 },
  ].reduce<LiveState>((s, a) => reduce(s, a as LiveAction), initialState(windowMs));
}

function feed(state: LiveState, ...events: KnownEvent[]): LiveState {
  return events.reduce((s, event) => reduce(s, { type: "event", event, at: event.t }), state);
}

const bar = (state: LiveState, node: string, columns: number): string =>
  (selectTimeline(state, columns).find((r) => r.node === node)?.cells ?? []).map(cellGlyph).join("");

describe("live state: ensemble and candidates", () => {
  it("lists the servers and candidates of the run, unknown until they report", () => {
    const s = started();
    expect(s.serverOrder).toEqual(SERVERS);
    expect(s.candidateOrder).toEqual(CANDIDATES);
    expect(s.servers.zk1?.role).toBe("unknown");
    expect(s.candidates.c1?.lead).toBe("unknown");
  });

  it("tracks zk roles with their epoch", () => {
    const s = feed(
      started(),
      { t: 100, node: "zk1", type: "zk-role", role: "looking" },
      { t: 900, node: "zk1", type: "zk-role", role: "leading", epoch: 3 },
      { t: 950, node: "zk2", type: "zk-role", role: "following", epoch: 3 },
      { t: 5000, node: "zk3", type: "zk-role", role: "down" },
    );
    expect(s.servers.zk1).toEqual({ role: "leading", epoch: 3, since: 900 });
    expect(s.servers.zk2?.role).toBe("following");
    expect(s.servers.zk3?.role).toBe("down");
  });

  it("follows who leads the default group, with token, and forgets it on down", () => {
    let s = feed(
      started(),
      { t: 10, node: "c1", type: "up" },
      { t: 20, node: "c1", type: "conn", state: "connected" },
      { t: 1000, node: "c1", type: "leader", token: "0x100000001" },
      { t: 1100, node: "c2", type: "follower" },
      { t: 1200, node: "c3", type: "leader", group: "other", token: "x" },
    );
    expect(currentLeaders(s)).toEqual([{ node: "c1", token: "0x100000001", since: 1000 }]);
    expect(s.candidates.c1).toMatchObject({ up: true, conn: "connected", lead: "leader" });
    expect(s.candidates.c3?.lead).toBe("unknown"); // another group: not shown as the leader
    expect(s.leaderlessSince).toBeUndefined();

    s = feed(s, { t: 5000, node: "c1", type: "down", reason: "killed" });
    expect(currentLeaders(s)).toEqual([]);
    expect(s.candidates.c1).toMatchObject({ up: false, downReason: "killed", lead: "unknown" });
    expect(s.leaderlessSince).toBe(5000);

    s = feed(s, { t: 7000, node: "c2", type: "leader", token: "0x200000001" }, { t: 8000, node: "c1", type: "up" });
    expect(currentLeaders(s).map((l) => l.node)).toEqual(["c2"]);
    expect(s.candidates.c1?.up).toBe(true);
  });

  it("shows two leaders at once when they overlap", () => {
    const s = feed(started(), { t: 1, node: "c1", type: "leader" }, { t: 2, node: "c2", type: "leader" });
    expect(currentLeaders(s).map((l) => l.node)).toEqual(["c1", "c2"]);
  });

  it("adds candidates and servers it did not know from their first event", () => {
    const s = feed(started(), { t: 1, node: "c9", type: "follower" }, { t: 1, node: "zk9", type: "zk-role", role: "following" });
    expect(s.candidateOrder).toContain("c9");
    expect(s.serverOrder).toContain("zk9");
  });

  it("ignores unknown event types", () => {
    const s0 = started();
    const s = reduce(s0, { type: "event", event: { t: 5, node: "x", type: "mystery" }, at: 5 });
    expect(s.candidateOrder).toEqual(s0.candidateOrder);
    expect(s.now).toBe(5);
  });
});

describe("live state: writes", () => {
  it("counts each candidate's writes as the witness decided them, and a refused one gets its own line", () => {
    const s = feed(
      started(),
      { t: 1000, node: "witness", type: "write", from: "c1", token: "0x10", seq: 1, mode: "fenced", outcome: "accepted" },
      { t: 1500, node: "witness", type: "write", from: "c1", token: "0x10", seq: 2, mode: "fenced", outcome: "accepted" },
      { t: 9000, node: "witness", type: "write", from: "c2", token: "0x20", seq: 1, mode: "fenced", outcome: "accepted" },
      { t: 9500, node: "witness", type: "write", from: "c1", token: "0x10", seq: 3, mode: "fenced", outcome: "refused", highest: "0x20" },
    );
    expect(s.candidates["c1"]?.writes).toEqual({ accepted: 2, refused: 1, last: "refused", lastT: 9500 });
    expect(s.candidates["c2"]?.writes).toEqual({ accepted: 1, refused: 0, last: "accepted", lastT: 9000 });
    expect(s.candidates["c3"]?.writes).toBeUndefined();
    const texts = s.lines.map((l) => l.text);
    expect(texts.filter((t) => t.includes("witness refused"))).toEqual([expect.stringContaining("✋ witness refused c1's write seq 3 (token 0x10 < 0x20) at t+9.5s")]);
  });
});

describe("live state: faults and lines", () => {
  it("keeps active faults until their heal and writes a line for each", () => {
    let s = feed(started(), {
      t: 30_000,
      node: "nemesis",
      type: "fault",
      id: "f1",
      fault: "partition-from-zk",
      targets: ["c2"],
      expectLeader: true,
    });
    expect(activeFaults(s)).toEqual([{ id: "f1", kind: "partition-from-zk", targets: ["c2"], expectLeader: true, since: 30_000 }]);
    s = feed(s, { t: 40_000, node: "nemesis", type: "heal", id: "f1" });
    expect(activeFaults(s)).toEqual([]);
    const texts = s.lines.map((l) => l.text);
    expect(texts.some((t) => t.includes("⚡ fault f1: partition-from-zk on c2 (a leader is still expected)"))).toBe(true);
    expect(texts.some((t) => t.includes("✓ healed f1 (partition-from-zk) after 10s"))).toBe(true);
  });

  it("stamps progress lines and keeps lines across scenarios (for <Static>)", () => {
    let s = reduce(initialState(), { type: "progress", message: "ensemble serving", at: 12_345 });
    expect(s.lines[0]?.text).toBe("[  12.3s] ensemble serving");
    s = reduce(s, { type: "scenarioFinished", info: { scenario: "a", valid: false, summary: "2 leaders", runDir: "runs/x" }, at: 1 });
    s = reduce(s, { type: "scenarioStarted", info: { scenario: "b", summary: "", index: 1, total: 2, seed: 1, candidate: "latch" }, at: 2 });
    expect(s.lines.map((l) => [l.key, l.tone])).toEqual([
      [0, "plain"],
      [1, "fail"],
      [2, "scenario"],
    ]);
    expect(s.lines[1]?.text).toBe("✘ FAIL a: 2 leaders  (runs/x)");
    expect(s.candidateOrder).toEqual([]); // a new scenario starts from a clean slate
  });
});

describe("live state: rolling timeline", () => {
  it("draws leadership left to right over the window, one cell per column", () => {
    // 10 s window in 10 columns: one column per second.
    let s = started(10_000);
    s = feed(s, { t: 2000, node: "c1", type: "follower" }, { t: 4000, node: "c1", type: "leader" }, { t: 7000, node: "c1", type: "down" });
    s = reduce(s, { type: "tick", now: 10_000 });
    expect(bar(s, "c1", 10)).toBe("  ──███···");
    expect(bar(s, "c2", 10)).toBe("          ");
  });

  it("rolls: what is older than the window scrolls off the left", () => {
    let s = started(10_000);
    s = feed(s, { t: 2000, node: "c1", type: "leader" }, { t: 4000, node: "c1", type: "follower" });
    s = reduce(s, { type: "tick", now: 15_000 });
    // window [5 s, 15 s): c1 follows all along; the leader change before it is pruned.
    expect(bar(s, "c1", 10)).toBe("──────────");
    expect(s.marks.c1).toEqual([{ t: 4000, mark: "following" }]);
  });

  it("keeps a short leadership visible inside a wide column", () => {
    let s = started(10_000);
    s = feed(s, { t: 0, node: "c1", type: "follower" }, { t: 5100, node: "c1", type: "leader" }, { t: 5200, node: "c1", type: "follower" });
    s = reduce(s, { type: "tick", now: 10_000 });
    expect(bar(s, "c1", 5)).toBe("──█──");
  });

  it("shades the columns of a fault on the nodes it targets, and every server for all-zk faults", () => {
    let s = started(10_000);
    s = feed(
      s,
      { t: 0, node: "zk1", type: "zk-role", role: "leading" },
      { t: 3000, node: "nemesis", type: "fault", id: "f1", fault: "kill", targets: ["c1"] },
      { t: 5000, node: "nemesis", type: "heal", id: "f1" },
      { t: 6000, node: "nemesis", type: "fault", id: "f2", fault: "zk-total-loss", targets: ["zk1", "zk2", "zk3"] },
      { t: 6000, node: "zk1", type: "zk-role", role: "down" },
    );
    s = reduce(s, { type: "tick", now: 10_000 });
    const rows = selectTimeline(s, 10);
    const faultCols = (node: string) => rows.find((r) => r.node === node)?.cells.map((c) => (c.fault ? "#" : ".")).join("");
    expect(faultCols("c1")).toBe("...##.....");
    expect(faultCols("zk1")).toBe("......####");
    expect(faultCols("zk3")).toBe("......####");
    expect(faultCols("c2")).toBe("..........");
    expect(bar(s, "c1", 10)).toBe("   ░░     ");
    expect(bar(s, "zk1", 10)).toBe("██████····");
    // a healed fault stays on the timeline until it scrolls off, then is dropped
    s = reduce(s, { type: "tick", now: 16_000 });
    expect(s.faults.map((f) => f.id)).toEqual(["f2"]);
  });

  it("labels the time axis", () => {
    expect(timeAxis(40, 60_000)).toBe("-60s      -45s      -30s      -15s   now");
    expect(timeAxis(12, 60_000)).toBe("-60s     now");
  });
});

describe("live state: countdown", () => {
  const schedule: Schedule = {
    scenario: "x",
    seed: 1,
    endAt: 60_000,
    actions: [
      { at: 10_000, do: "inject", id: "f1", fault: { kind: "kill", targets: ["leader"] }, expectLeader: false },
      { at: 40_000, do: "heal", id: "f1" },
      { at: 60_000, do: "end" },
    ],
  };

  it("counts down to the next action against the history clock", () => {
    let s = reduce(started(), { type: "scheduleStarted", schedule, startT: 5000 });
    s = reduce(s, { type: "tick", now: 7000 });
    expect(selectCountdown(s)).toMatchObject({ step: 1, total: 3, next: { do: "inject", id: "f1" }, inMs: 8000, endInMs: 58_000 });
    s = reduce(s, { type: "tick", now: 20_500 });
    expect(selectCountdown(s)).toMatchObject({ step: 2, next: { do: "heal" }, inMs: 24_500 });
    s = reduce(s, { type: "tick", now: 70_000 });
    expect(selectCountdown(s)?.next).toBeUndefined();
  });

  it("formats durations", () => {
    expect(fmtDuration(7200, "up")).toBe("8s");
    expect(fmtDuration(65_000)).toBe("1m 05s");
    expect(fmtDuration(3_720_000)).toBe("1h 02m");
  });
});

describe("live state: one row per node and observer", () => {
  it("an observer's view gets its own row; unknown shows as unknown; down marks every row of the node", () => {
    let s = feed(
      started(),
      { t: 100, node: "c1", type: "leader", source: "http" },
      { t: 100, node: "c1", type: "leader", source: "zk" },
      { t: 200, node: "c2", type: "follower", source: "http" },
    );
    expect(s.candidateOrder).toEqual(["c1", "c2", "c3", "c1 http", "c1 zk", "c2 http"]);
    expect(s.candidates["c1 http"]?.lead).toBe("leader");
    expect(s.candidates["c1"]?.lead).toBe("unknown");
    s = feed(s, { t: 300, node: "c1", type: "unknown", source: "http", reason: "ETIMEDOUT" });
    expect(s.candidates["c1 http"]?.lead).toBe("unknown");
    expect(s.candidates["c1 zk"]?.lead).toBe("leader");
    s = feed(s, { t: 400, node: "c1", type: "down", reason: "killed" });
    expect(s.candidates["c1 zk"]).toMatchObject({ up: false, lead: "unknown" });
    expect(s.candidates["c1 http"]).toMatchObject({ up: false });
    s = feed(s, { t: 500, node: "c1", type: "up" });
    expect(s.candidates["c1 http"]?.up).toBe(true);
  });
});
