import { describe, expect, it } from "vitest";
import { FOLLOWER, LEADER, unknown } from "./judge.js";
import { demotionsFirst, ObservationTracker } from "./observation.js";

describe("answers to events", () => {
  it("records only changes; an unknown stretch once; the next definite answer even when it repeats", () => {
    const t = new ObservationTracker();
    expect(t.answer("c1", "http", LEADER)).toEqual({ node: "c1", type: "leader", source: "http" });
    expect(t.answer("c1", "http", LEADER)).toBeUndefined();
    expect(t.answer("c1", "http", unknown("ETIMEDOUT"))).toEqual({ node: "c1", type: "unknown", source: "http", reason: "ETIMEDOUT" });
    expect(t.answer("c1", "http", unknown("ECONNREFUSED"))).toBeUndefined();
    expect(t.answer("c1", "http", LEADER)).toEqual({ node: "c1", type: "leader", source: "http" });
    expect(t.answer("c1", "http", FOLLOWER)).toEqual({ node: "c1", type: "follower", source: "http" });
  });

  it("keeps sources and nodes apart", () => {
    const t = new ObservationTracker();
    t.answer("c1", "http", LEADER);
    expect(t.answer("c1", "exec", LEADER)).toBeDefined();
    expect(t.answer("c2", "http", LEADER)).toBeDefined();
  });

  it("forgets a node that starts again, so its first answer after the restart is recorded", () => {
    const t = new ObservationTracker();
    t.answer("c1", "zk", LEADER);
    t.forget("c1");
    expect(t.answer("c1", "zk", LEADER)).toEqual({ node: "c1", type: "leader", source: "zk" });
  });

  it("knows who has answered and why the others have not", () => {
    const t = new ObservationTracker();
    t.answer("c1", "http", unknown("ECONNREFUSED"));
    expect(t.hasAnswered("c1", "http")).toBe(false);
    expect(t.lastUnknown("c1", "http")).toBe("ECONNREFUSED");
    t.answer("c1", "http", FOLLOWER);
    expect(t.hasAnswered("c1", "http")).toBe(true);
  });
});

describe("one ZooKeeper snapshot", () => {
  it("records the old leader's demotion before the new leader, so one read never makes two leaders", () => {
    const order = demotionsFirst(
      new Map([
        ["c1", LEADER],
        ["c2", FOLLOWER],
        ["c3", unknown("x")],
      ]),
    ).map(([n]) => n);
    expect(order).toEqual(["c2", "c3", "c1"]);
  });
});
