import { describe, expect, it } from "vitest";
import { LeadershipView } from "./leadership-view.js";

describe("LeadershipView", () => {
  it("follows leader, follower and down events of the default group", () => {
    const v = new LeadershipView();
    v.observe({ t: 1, node: "c1", type: "leader", token: "1" });
    v.observe({ t: 2, node: "c2", type: "leader", group: "other" });
    expect(v.leaders()).toEqual(["c1"]);
    v.observe({ t: 3, node: "c3", type: "leader" });
    expect(v.leaders()).toEqual(["c1", "c3"]);
    v.observe({ t: 4, node: "c1", type: "down" });
    v.observe({ t: 5, node: "c3", type: "follower", group: "other" });
    expect(v.leaders()).toEqual(["c3"]);
    v.observe({ t: 6, node: "c3", type: "follower" });
    expect(v.leaders()).toEqual([]);
  });
});
