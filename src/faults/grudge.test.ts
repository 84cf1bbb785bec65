import { describe, expect, it } from "vitest";
import { bridge, cut, describeGrudge, halves, hears, isolate, majoritiesRing, majorityMinority } from "./grudge.js";

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
