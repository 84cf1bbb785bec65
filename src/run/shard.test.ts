import { describe, expect, it } from "vitest";
import { SEEDS_SUITE } from "../scenarios/suites.js";
import { describeShard, parseShard, selectShard, shardSuite } from "./shard.js";

describe("parseShard", () => {
  it("reads i/n with shards counted from 1", () => {
    expect(parseShard("1/1")).toEqual({ index: 1, count: 1 });
    expect(parseShard("3/3")).toEqual({ index: 3, count: 3 });
    expect(parseShard(" 2 / 7 ")).toEqual({ index: 2, count: 7 });
    expect(describeShard(parseShard("2/7"))).toBe("2/7");
  });

  it.each([
    ["0/3", /from 1 to 3.*"0\/3"/],
    ["4/3", /from 1 to 3.*"4\/3"/],
    ["1/0", /at least 1.*"1\/0"/],
    ["a/b", /expected i\/n.*e\.g\. 2\/3.*"a\/b"/],
    ["2", /expected i\/n/],
    ["1/2/3", /expected i\/n/],
    ["-1/3", /expected i\/n/],
    ["1.5/3", /expected i\/n/],
    ["", /expected i\/n/],
  ])("rejects %j with a message that says what is wrong", (text, message) => {
    expect(() => parseShard(text)).toThrow(message);
  });
});

describe("selectShard", () => {
  it("puts every case in exactly one shard, for n = 1..7 and lists of 0..12 cases", () => {
    for (let length = 0; length <= 12; length += 1) {
      const cases = Array.from({ length }, (_, i) => `case-${i}`);
      for (let count = 1; count <= 7; count += 1) {
        const shards = Array.from({ length: count }, (_, i) => selectShard(cases, { index: i + 1, count }));
        const seen = shards.flat();
        expect(seen.slice().sort()).toEqual(cases.slice().sort());
        expect(new Set(seen).size).toBe(cases.length);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }
    }
  });

  it("keeps the cases' order within a shard and gives the same answer every time", () => {
    const cases = ["zk-total-loss", "partition-leader", "pause-leader", "zk-outage", "rejoin-after-30s"];
    expect(selectShard(cases, { index: 1, count: 2 })).toEqual(["zk-total-loss", "pause-leader", "rejoin-after-30s"]);
    expect(selectShard(cases, { index: 2, count: 2 })).toEqual(["partition-leader", "zk-outage"]);
    expect(selectShard(cases, { index: 2, count: 2 })).toEqual(selectShard([...cases], { index: 2, count: 2 }));
  });

  it("leaves a shard empty when there are fewer cases than shards", () => {
    expect(selectShard(["a", "b"], { index: 3, count: 3 })).toEqual([]);
  });
});

describe("shardSuite", () => {
  it("splits the seeds suite's cases over the shards, keeping only the incidents a shard has cases of", () => {
    const count = 3;
    const shards = Array.from({ length: count }, (_, i) => shardSuite(SEEDS_SUITE, { index: i + 1, count }));
    expect(shards.flatMap((s) => s.cases).length).toBe(SEEDS_SUITE.cases.length);
    for (const c of SEEDS_SUITE.cases) expect(shards.filter((s) => s.cases.includes(c)).length).toBe(1);
    for (const s of shards) {
      for (const i of s.incidents) expect(s.cases.some((c) => c.incident === i.id)).toBe(true);
      for (const c of s.cases) expect(s.incidents.some((i) => i.id === c.incident)).toBe(true);
      expect(s.name).toBe(SEEDS_SUITE.name);
    }
  });
});
