import { EventEmitter } from "node:events";
import { render } from "ink-testing-library";
import React from "react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { KnownEvent } from "../../history/events.js";
import type { Schedule } from "../../scenarios/types.js";
import { createLiveReporter } from "./index.js";
import { initialState, reduce, type LiveState } from "./state.js";
import { LiveView } from "./view.js";

// The live view only ever runs on a terminal outside CI; ink itself draws nothing until the end
// when it believes it runs in CI. These tests are about the terminal, so ink must not think so,
// also when the suite itself runs under CI=true. (Hoisted: runs before ink is imported.)
vi.hoisted(() => {
  process.env["CI"] = "false";
});

const schedule: Schedule = {
  scenario: "zk-total-loss",
  seed: 42,
  endAt: 90_000,
  actions: [
    { at: 20_000, do: "inject", id: "f1", fault: { kind: "partition-from-zk", targets: ["leader"] }, expectLeader: false },
    { at: 50_000, do: "heal", id: "f1" },
    { at: 90_000, do: "end" },
  ],
};

const events: KnownEvent[] = [
  { t: 500, node: "zk1", type: "zk-role", role: "following", epoch: 2 },
  { t: 500, node: "zk2", type: "zk-role", role: "leading", epoch: 2 },
  { t: 500, node: "zk3", type: "zk-role", role: "following", epoch: 2 },
  { t: 1000, node: "c1", type: "up" },
  { t: 1000, node: "c2", type: "up" },
  { t: 1000, node: "c3", type: "up" },
  { t: 1500, node: "c1", type: "conn", state: "connected" },
  { t: 1500, node: "c2", type: "conn", state: "connected" },
  { t: 2000, node: "c2", type: "leader", token: "0x100000002" },
  { t: 2000, node: "c1", type: "follower" },
  { t: 2000, node: "c3", type: "follower" },
  { t: 25_000, node: "nemesis", type: "fault", id: "f1", fault: "partition-from-zk", targets: ["c3"] },
  { t: 30_000, node: "c3", type: "down", reason: "killed" },
];

function fedState(): LiveState {
  let s = initialState();
  s = reduce(s, { type: "scenarioStarted", info: { scenario: "zk-total-loss", summary: "wipe ZooKeeper", index: 0, total: 3, seed: 42, candidate: "latch" }, at: 0 });
  s = reduce(s, { type: "progress", message: "ensemble serving (3/3 servers)", at: 4200 });
  s = reduce(s, { type: "runStarted", info: { runId: "r1", runDir: "runs/r1", servers: ["zk1", "zk2", "zk3"], candidates: ["c1", "c2", "c3"] }, now: 0 });
  s = reduce(s, { type: "scheduleStarted", schedule, startT: 5000 });
  for (const event of events) s = reduce(s, { type: "event", event, at: event.t });
  return reduce(s, { type: "tick", now: 32_000 });
}

function strip(frame: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  return (frame ?? "").replace(/\u001b\[[0-9;]*m/g, "");
}

afterEach(() => {
  vi.useRealTimers();
});

describe("LiveView", () => {
  it("while runs follow this one, says when the whole command ends: this run's countdown plus their estimate", () => {
    let s = fedState();
    s = { ...s, scenario: { ...(s.scenario as NonNullable<LiveState["scenario"]>), laterMs: 150_000 } };
    const view = render(React.createElement(LiveView, { state: s, columns: 140 }));
    const frame = strip(view.lastFrame());
    view.unmount();
    // the schedule ends at 5 + 90 s; at 32 s that is 63 s away, and 150 s of runs follow
    expect(frame).toContain("ends in 1m 03s · all 3 runs in about 3m 33s");
  });

  it("shows the leader, the servers' roles, the active fault and the countdown", () => {
    const view = render(React.createElement(LiveView, { state: fedState(), columns: 100 }));
    const frame = strip(view.lastFrame());
    view.unmount();

    expect(frame).toMatch(/c2\s+★ leader 0x100000002\s+up\s+connected/);
    expect(frame).toMatch(/c1\s+follower\s+up/);
    expect(frame).toMatch(/c3\s+·\s+down\s+\(killed\) for 2s/);
    expect(frame).toMatch(/zk2\s+leading\s+epoch 2/);
    expect(frame).toMatch(/zk1\s+following/);
    expect(frame).toContain("★ c2 leads (token 0x100000002) for 30s");
    expect(frame).toMatch(/⚡ f1 partition-from-zk on c3\s+since t\+25\.0s \(7s\)/);
    // schedule started at 5 s; at 32 s the heal (at 5 + 50 s) is 23 s away
    expect(frame).toContain("⏱ next: heal f1 in 23s");
    expect(frame).toContain("step 2/3");
    // no run follows this one: nothing about the whole command
    expect(frame).not.toContain("all 3 runs");
    // finished lines above the live region
    expect(frame).toContain("[   4.2s] ensemble serving (3/3 servers)");
    expect(frame).toContain("⚡ fault f1: partition-from-zk on c3");
  });

  it("draws one timeline row per node that fits the width", () => {
    const view = render(React.createElement(LiveView, { state: fedState(), columns: 100 }));
    const lines = strip(view.lastFrame()).split("\n");
    view.unmount();
    const row = (node: string) => lines.find((l) => l.startsWith(node) && l.includes("│"));
    const c2 = row("c2");
    expect(c2).toBeDefined();
    expect(c2?.length).toBeLessThanOrEqual(100);
    expect(c2).toMatch(/█+│$/); // leading up to now, at the right edge
    expect(row("c3")).toMatch(/─+░*·+│$/);
    expect(lines.some((l) => l.includes("-60s") && l.trimEnd().endsWith("now"))).toBe(true);
  });

  it("shows each candidate's writes, and refused ones in their own words", () => {
    let s = fedState();
    for (const event of [
      { t: 31_000, node: "witness", type: "write", from: "c2", token: "0x100000002", seq: 1, mode: "fenced", outcome: "accepted" },
      { t: 31_500, node: "witness", type: "write", from: "c2", token: "0x100000002", seq: 2, mode: "fenced", outcome: "accepted" },
      { t: 31_800, node: "witness", type: "write", from: "c1", token: "0x1", seq: 1, mode: "fenced", outcome: "refused", highest: "0x100000002" },
    ] as KnownEvent[])
      s = reduce(s, { type: "event", event, at: event.t });
    const view = render(React.createElement(LiveView, { state: s, columns: 100 }));
    const frame = strip(view.lastFrame());
    expect(frame).toMatch(/c2 .*writes 2/);
    expect(frame).toMatch(/c1 .*writes 0 1 refused/);
    view.unmount();
  });

  it("shouts when two candidates lead at once", () => {
    let s = fedState();
    s = reduce(s, { type: "event", event: { t: 32_000, node: "c1", type: "leader", token: "0x100000003" }, at: 0 });
    const view = render(React.createElement(LiveView, { state: s, columns: 100 }));
    const frame = strip(view.lastFrame());
    view.unmount();
    expect(frame).toContain("✘ 2 leaders at once: c1, c2");
  });

  it("with observers: one node seen leading by several observers is one leader; two in one observer's view are a split brain", () => {
    const feed = (s: LiveState, evs: KnownEvent[]): LiveState => evs.reduce((x, event) => reduce(x, { type: "event", event, at: 0 }), s);
    const frameOf = (s: LiveState): string => {
      const view = render(React.createElement(LiveView, { state: s, columns: 100 }));
      const frame = strip(view.lastFrame());
      view.unmount();
      return frame;
    };
    let s = feed(fedState(), [
      { t: 31_000, node: "c2", type: "follower" },
      { t: 31_000, node: "c2", type: "leader", source: "http" },
      { t: 31_000, node: "c2", type: "leader", source: "zk" },
    ]);
    expect(frameOf(s)).toContain("★ c2 leads (seen by http, zk)");
    s = feed(s, [{ t: 32_000, node: "c1", type: "leader", source: "http" }]);
    expect(frameOf(s)).toContain("✘ 2 leaders at once (seen by http): c2, c1");
    // Only ZooKeeper's key still names c2: the line says so.
    s = feed(s, [
      { t: 33_000, node: "c1", type: "follower", source: "http" },
      { t: 33_000, node: "c2", type: "follower", source: "http" },
    ]);
    expect(frameOf(s)).toContain("★ c2 leads (seen by zk)");
  });
});

describe("createLiveReporter", () => {
  it("re-renders at most every renderIntervalMs, ticks the countdown, and leaves the final frame", () => {
    vi.useFakeTimers();
    let wall = 0;
    let history = 0;
    const clock = () => wall;
    let last: ReturnType<typeof render> | undefined;
    let renders = 0;
    const stdout = Object.assign(new EventEmitter(), { columns: 100, rows: 40 });
    const reporter = createLiveReporter({
      stdout: stdout as unknown as NodeJS.WriteStream,
      clock,
      mount: (tree) => {
        last = render(tree);
        return {
          rerender: (t) => {
            renders++;
            last?.rerender(t);
          },
          unmount: () => last?.unmount(),
        };
      },
    });
    reporter.scenarioStarted({ scenario: "zk-total-loss", summary: "wipe", index: 0, total: 1, seed: 42, candidate: "latch" });
    reporter.runStarted({ runId: "r1", runDir: "runs/r1", servers: ["zk1", "zk2", "zk3"], candidates: ["c1", "c2", "c3"], now: () => history });
    reporter.scheduleStarted(schedule, 5000);
    for (const e of events.slice(0, 11)) reporter.event(e);
    expect(renders).toBe(0); // coalesced: nothing drawn yet
    vi.advanceTimersByTime(0);
    expect(renders).toBe(1);
    reporter.progress("more");
    reporter.progress("and more");
    vi.advanceTimersByTime(100);
    expect(renders).toBe(1);
    wall += 200;
    vi.advanceTimersByTime(100);
    expect(renders).toBe(2);

    history = 10_000;
    wall += 1000;
    vi.advanceTimersByTime(1000);
    expect(strip(last?.lastFrame())).toContain("next: inject f1 (partition-from-zk on leader) in 15s");

    history = 12_000;
    reporter.close();
    const frame = strip(last?.lastFrame());
    expect(frame).toMatch(/c2\s+★ leader 0x100000002/);
    expect(frame).toContain("t+12.0s");
    const after = renders;
    reporter.event(events[12] as KnownEvent);
    vi.advanceTimersByTime(5000);
    expect(renders).toBe(after);
  });
});
