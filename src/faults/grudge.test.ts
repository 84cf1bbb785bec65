import { describe, expect, it } from "vitest";
import { bridge, cut, describeGrudge, halves, hears, isolate, majoritiesRing, majorityMinority, reapplyPlan } from "./grudge.js";

const five = ["n1", "n2", "n3", "n4", "n5"];

describe("grudge shapes", () => {
  it("cut is symmetric and only between the two sides", () => {
    const g = cut(["c1"], ["zk1", "zk2", "zk3"]);
    expect(describeGrudge(g)).toEqual({ c1: ["zk1", "zk2", "zk3"], zk1: ["c1"], zk2: ["c1"], zk3: ["c1"] });
    expect(hears(g, "zk1", "zk2")).toBe(true);
  });

  it("isolate cuts one node from all others", () => {
    expect(describeGrudge(isolate("n2", five))).toEqual({ n1: ["n2"], n2: ["n1", "n3", "n4", "n5"], n3: ["n2"], n4: ["n2"], n5: ["n2"] });
  });

  it("halves and majority/minority make two components", () => {
    const g = halves(five);
    expect(hears(g, "n1", "n3")).toBe(true);
    expect(hears(g, "n1", "n4")).toBe(false);
    expect(hears(g, "n4", "n5")).toBe(true);
    const m = majorityMinority(["zk1", "zk2", "zk3"], ["zk2"]);
    expect(describeGrudge(m)).toEqual({ zk1: ["zk2"], zk2: ["zk1", "zk3"], zk3: ["zk2"] });
  });

  it("bridge: the bridge hears everyone, the halves do not hear each other", () => {
    const g = bridge(five, "n3");
    for (const n of five) expect(hears(g, "n3", n)).toBe(true);
    for (const n of five) expect(hears(g, n, "n3")).toBe(true);
    expect(hears(g, "n1", "n5")).toBe(false);
    expect(hears(g, "n1", "n2")).toBe(true);
  });

  it("majorities ring: everyone hears a majority (itself included), no two the same", () => {
    const g = majoritiesRing(five);
    const heard = five.map((n) => five.filter((p) => p === n || hears(g, n, p)).join());
    for (const h of heard) expect(h.split(",").length).toBe(3);
    expect(new Set(heard).size).toBe(5);
  });
});

describe("what a partition re-applies when a node starts again", () => {
  const servers = ["zk1", "zk2", "zk3"];
  it("partition-from-zk: a rebuilt server gets its own rules again and the cut-off candidate drops its new address", () => {
    const g = cut(["c1"], servers);
    expect(reapplyPlan(g, "zk2")).toEqual({ own: true, peersOf: ["c1"] });
    expect(reapplyPlan(g, "c1")).toEqual({ own: true, peersOf: ["zk1", "zk2", "zk3"] });
    expect(reapplyPlan(g, "c2")).toEqual({ own: false, peersOf: [] });
  });

  it("every shape: a node's own rules when it must not hear anyone, and the rules of everyone who must not hear it", () => {
    const all = [...servers, "c1", "c2", "c3"];
    for (const g of [isolate("c1", all), halves(all), bridge(all, "zk1"), majoritiesRing(all)]) {
      for (const node of all) {
        const plan = reapplyPlan(g, node);
        expect(plan.own, node).toBe((g.get(node)?.size ?? 0) > 0);
        expect(plan.peersOf, node).toEqual(all.filter((x) => x !== node && hears(g, x, node) === false).sort());
      }
    }
  });
});

