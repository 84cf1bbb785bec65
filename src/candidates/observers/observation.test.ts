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

  it("writes the last leader answer of a leadership as a seen line, stamped with its own time, before the change", () => {
    const t = new ObservationTracker();
    expect(t.observe("c1", "exec", LEADER, 100)).toEqual([{ node: "c1", type: "leader", source: "exec" }]);
    expect(t.observe("c1", "exec", LEADER, 600)).toEqual([]);
    expect(t.observe("c1", "exec", LEADER, 1100)).toEqual([]);
    expect(t.observe("c1", "exec", unknown("exit code 2"), 1600)).toEqual([
      { t: 1100, node: "c1", type: "seen", source: "exec" },
      { node: "c1", type: "unknown", source: "exec", reason: "exit code 2" },
    ]);
    // a leadership seen once has no seen line: its leader line is its only answer
    expect(t.observe("c1", "exec", LEADER, 2100)).toEqual([{ node: "c1", type: "leader", source: "exec" }]);
    expect(t.observe("c1", "exec", FOLLOWER, 2600)).toEqual([{ node: "c1", type: "follower", source: "exec" }]);
  });

  it("flushes the seen lines still due for a node that went down, or for all when the observers stop", () => {
    const t = new ObservationTracker();
    t.observe("c1", "http", LEADER, 0);
    t.observe("c1", "http", LEADER, 50);
    t.observe("c1", "zk", LEADER, 0);
    t.observe("c1", "zk", LEADER, 70);
    t.observe("c2", "http", LEADER, 10);
    t.observe("c2", "http", LEADER, 90);
    expect(t.flush("c1")).toEqual([
      { t: 50, node: "c1", type: "seen", source: "http" },
      { t: 70, node: "c1", type: "seen", source: "zk" },
    ]);
    expect(t.flush("c1")).toEqual([]);
    expect(t.flush()).toEqual([{ t: 90, node: "c2", type: "seen", source: "http" }]);
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
