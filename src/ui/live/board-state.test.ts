import { describe, expect, it } from "vitest";
import type { Schedule } from "../../scenarios/types.js";
import { boardRows, initialBoard, reduceBoard, type BoardAction, type BoardState } from "./board-state.js";

const schedule: Schedule = {
  scenario: "partition-leader",
  seed: 1,
  endAt: 60_000,
  actions: [
    { at: 10_000, do: "inject", id: "p1", fault: { kind: "partition", shape: "isolate", targets: ["leader"] }, expectLeader: true },
    { at: 40_000, do: "heal", id: "p1" },
    { at: 60_000, do: "end" },
  ],
};

const info = (scenario: string, index: number) => ({ scenario, summary: `${scenario} summary`, index, total: 2, seed: 1, candidate: "latch" });
const run = (runId: string) => ({ runId, runDir: `runs/${runId}`, servers: ["zk1"], candidates: ["c1", "c2"] });

function apply(board: BoardState, actions: BoardAction[]): BoardState {
  return actions.reduce(reduceBoard, board);
}

describe("the live board of several runs", () => {
  it("shows each run under way as its own block: clock, leader, faults and the next step", () => {
    const b = apply(initialBoard(), [
      { type: "case", index: 0, label: "zk-outage", action: { type: "scenarioStarted", info: info("zk-outage", 0), at: 0 } },
      { type: "case", index: 1, label: "partition-leader", action: { type: "scenarioStarted", info: info("partition-leader", 1), at: 0 } },
      { type: "case", index: 1, label: "partition-leader", action: { type: "runStarted", info: run("r2"), now: 0 } },
      { type: "case", index: 1, label: "partition-leader", action: { type: "event", event: { t: 2000, node: "c2", type: "leader", token: "0x5" }, at: 2000 } },
      { type: "case", index: 1, label: "partition-leader", action: { type: "scheduleStarted", schedule, startT: 3000 } },
      { type: "case", index: 1, label: "partition-leader", action: { type: "event", event: { t: 13_000, node: "nemesis", type: "fault", id: "p1", fault: "partition", targets: ["c2"], expectLeader: true }, at: 13_000 } },
      { type: "tick", index: 1, now: 20_000 },
      { type: "case", index: 0, label: "zk-outage", action: { type: "progress", message: "building images", at: 1 } },
    ]);
    const text = boardRows(b).map((r) => r.text);
    expect(text).toEqual([
      "▶ zk-outage",
      "  starting",
      "  building images",
      "▶ partition-leader  t+20.0s",
      "  leader c2 (0x5) · faults: p1 partition c2",
      "  step 2/3: heal p1 in 23s",
    ]);
  });

  it("a finished run leaves the blocks and becomes one verdict line above them; waiting runs are counted", () => {
    const b = apply(initialBoard(), [
      { type: "case", index: 0, label: "a", action: { type: "scenarioStarted", info: info("a", 0), at: 0 } },
      { type: "case", index: 2, label: "c", action: { type: "progress", message: "queued", at: 0 } },
      { type: "case", index: 0, label: "a", action: { type: "scenarioFinished", info: { scenario: "a", valid: false, summary: "violation in overlap", runDir: "runs/a" }, at: 9 } },
    ]);
    expect(b.lines.map((l) => [l.text, l.tone])).toEqual([["✘ FAIL a: violation in overlap  (runs/a)", "fail"]]);
    expect(boardRows(b).map((r) => r.text)).toEqual(["2 more waiting"]);
  });

  it("two leaders at once in one run are shown in the failing colour", () => {
    const b = apply(initialBoard(), [
      { type: "case", index: 0, label: "a", action: { type: "scenarioStarted", info: info("a", 0), at: 0 } },
      { type: "case", index: 0, label: "a", action: { type: "runStarted", info: run("r1"), now: 0 } },
      { type: "case", index: 0, label: "a", action: { type: "event", event: { t: 1, node: "c1", type: "leader" }, at: 1 } },
      { type: "case", index: 0, label: "a", action: { type: "event", event: { t: 2, node: "c2", type: "leader" }, at: 2 } },
    ]);
    const row = boardRows(b)[1];
    expect(row?.text).toBe("  leader c1, leader c2");
    expect(row?.tone).toBe("fail");
  });

  it("once the command says how long it takes, counts the whole command down on the board clock, and stops at 0", () => {
    const started = apply(initialBoard(), [
      { type: "case", index: 0, label: "zk-outage", action: { type: "scenarioStarted", info: info("zk-outage", 0), at: 0 } },
      { type: "expect", endsAt: 185_000 },
      { type: "clock", now: 60_000 },
    ]);
    expect(boardRows(started).at(-1)).toEqual({ text: "all runs end in about 2m 05s", tone: "dim" });
    expect(boardRows(reduceBoard(started, { type: "clock", now: 300_000 })).at(-1)?.text).toBe("all runs end in about 0s");
    expect(boardRows(reduceBoard(started, { type: "closed" })).some((r) => r.text.startsWith("all runs end"))).toBe(false);
    expect(boardRows(apply(initialBoard(), [{ type: "clock", now: 1000 }])).some((r) => r.text.startsWith("all runs end"))).toBe(false);
  });
});
