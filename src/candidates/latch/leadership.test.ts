import { describe, expect, it } from "vitest";
import type { BugMode } from "./config.js";
import { INITIAL_LEADERSHIP, nextLeadership, type LeadershipInput, type LeadershipState } from "./leadership.js";

function run(inputs: LeadershipInput[], bug: BugMode): { state: LeadershipState; emitted: string[] } {
  let state = INITIAL_LEADERSHIP;
  const emitted: string[] = [];
  for (const i of inputs) {
    const r = nextLeadership(state, i, bug);
    state = r.state;
    if (r.emit) emitted.push(r.emit.sb === "leader" ? `leader ${r.emit.token}` : "follower");
  }
  return { state, emitted };
}

describe("nextLeadership", () => {
  it("reports leader once and follower as soon as it is disconnected", () => {
    const r = run([{ kind: "elected", token: "0x1" }, { kind: "elected", token: "0x1" }, { kind: "disconnected" }, { kind: "expired" }], "none");
    expect(r.emitted).toEqual(["leader 0x1", "follower"]);
    expect(r.state.leading).toBe(false);
  });

  it.each(["not-elected", "disconnected", "expired", "stalled", "shutdown"] as const)("correct latch gives up on %s", (kind) => {
    const r = run([{ kind: "elected", token: "0x1" }, { kind }], "none");
    expect(r.emitted).toEqual(["leader 0x1", "follower"]);
  });

  it("nothing is emitted when a non-leader loses its connection", () => {
    expect(run([{ kind: "disconnected" }, { kind: "not-elected" }, { kind: "expired" }], "none").emitted).toEqual([]);
  });

  it("ignore-disconnect never gives up the leadership it believes it has, and keeps its old token", () => {
    const r = run(
      [
        { kind: "elected", token: "0x1" },
        { kind: "disconnected" },
        { kind: "expired" },
        { kind: "stalled" },
        { kind: "not-elected" },
        { kind: "elected", token: "0x9" },
      ],
      "ignore-disconnect",
    );
    expect(r.emitted).toEqual(["leader 0x1"]);
    expect(r.state).toEqual({ leading: true, token: "0x1" });
    expect(run([{ kind: "elected", token: "0x1" }, { kind: "shutdown" }], "ignore-disconnect").emitted).toEqual(["leader 0x1", "follower"]);
  });
});
