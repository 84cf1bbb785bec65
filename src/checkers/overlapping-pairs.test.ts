import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { overlapChecker } from "./overlap.js";
import { forEachSuperseded, isFenced, sweepOverlaps, type LaterOverlaps } from "./overlapping-pairs.js";
import { fencingChecker } from "./fencing.js";
import { type Interval } from "./timeline.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "./types.js";

/*
 * The sweeps against the plain definition: every pair of intervals of different nodes (the first
 * earlier in the list) whose common time is longer than the tolerance. Tokens include strings
 * and mixed decimal/string sets, which the checkers' property test (numeric tokens) does not.
 */

const TOKEN_SETS = [
  ["1", "2", "10", "0x1", "0xa", "01"],
  ["a", "b", "ab", "B", "0"],
  ["1", "10", "9", "a", "0x10"],
];

/** Lanes as the timeline makes them: ordered by start; a node's intervals never overlap. */
const laneArb: fc.Arbitrary<Interval[]> = fc
  .tuple(
    fc.constantFrom(...TOKEN_SETS),
    fc.array(fc.record({ node: fc.integer({ min: 0, max: 4 }), t: fc.integer({ min: 0, max: 30 }), len: fc.integer({ min: 0, max: 20 }), token: fc.nat(10) }), {
      maxLength: 30,
    }),
  )
  .map(([tokens, raw]) => {
    const free = new Map<number, number>();
    const out: Interval[] = [];
    for (const r of [...raw].sort((a, b) => a.t - b.t)) {
      const start = Math.max(r.t, free.get(r.node) ?? 0);
      free.set(r.node, start + r.len);
      out.push({ node: `c${r.node}`, group: "g", source: "protocol", start, end: start + r.len, token: tokens[r.token], endedBy: "end" });
    }
    return out.sort((a, b) => a.start - b.start);
  });

interface Pair {
  first: number;
  later: number;
  end: number;
  duration: number;
  fenced: boolean;
}

function brutePairs(list: readonly Interval[], toleranceMs: number, fencing: boolean): Pair[] {
  const out: Pair[] = [];
  list.forEach((later, j) => {
    list.slice(0, j).forEach((first, i) => {
      if (first.node === later.node || !(first.end > later.start)) return; // touching is not overlapping
      const end = Math.min(first.end, later.end);
      const duration = end - later.start;
      if (duration > toleranceMs) out.push({ first: i, later: j, end, duration, fenced: fencing && isFenced(first, later) });
    });
  });
  return out;
}

describe("sweepOverlaps", () => {
  it("counts, for each later interval, exactly the pairs and fenced pairs of the definition, and lists them in order", () => {
    fc.assert(
      fc.property(laneArb, fc.integer({ min: -1, max: 6 }), fc.boolean(), (list, toleranceMs, fencing) => {
        const expected = brutePairs(list, toleranceMs, fencing);
        const counted: Array<[number, LaterOverlaps]> = [];
        const listed: Pair[] = [];
        sweepOverlaps(list, toleranceMs, fencing, (later, counts, eachPair) => {
          const j = list.indexOf(later);
          counted.push([j, counts]);
          eachPair((first, end, duration, fenced) => listed.push({ first: list.indexOf(first), later: j, end, duration, fenced }));
        });
        expect(listed).toEqual(expected);
        const byLater = new Map<number, LaterOverlaps>();
        for (const p of expected) {
          const c = byLater.get(p.later) ?? { pairs: 0, fenced: 0, longestUnfenced: 0 };
          c.pairs += 1;
          if (p.fenced) c.fenced += 1;
          else c.longestUnfenced = Math.max(c.longestUnfenced, p.duration);
          byLater.set(p.later, c);
        }
        expect(counted).toEqual([...byLater.entries()]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("forEachSuperseded", () => {
  it("names, for each superseded interval, the first later-starting interval that overlaps it by more than the tolerance", () => {
    fc.assert(
      fc.property(laneArb, fc.integer({ min: -1, max: 6 }), (list, toleranceMs) => {
        const expected: Array<[number, number]> = [];
        const judged = new Set<number>();
        for (const p of brutePairs(list, toleranceMs, false)) {
          if (judged.has(p.first) || (list[p.first] as Interval).start === (list[p.later] as Interval).start) continue;
          judged.add(p.first);
          expected.push([p.first, p.later]);
        }
        const got: Array<[number, number]> = [];
        forEachSuperseded(list, toleranceMs, (a, by) => got.push([list.indexOf(a), list.indexOf(by)]));
        expect(got).toEqual(expected);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("a crowd of simultaneous leaders", () => {
  const n = 3000;
  const events: ReadEvent[] = Array.from({ length: n }, (_, i) => ({ t: i, node: `c${i}`, type: "leader", token: String(i + 1) }));
  events.push({ t: 100_000, node: "nemesis", type: "log", msg: "end" });
  const timeline = timelineOf(events);

  it("overlap counts every pair and describes the first ones, naming who overlapped", () => {
    const r = overlapChecker.check(timeline, { ...DEFAULT_CHECK_OPTIONS, maxReported: 4 });
    expect(r.violationCount).toBe((n * (n - 1)) / 2);
    expect(r.violations.map((v) => (v.checker === "overlap" ? v.nodes : []))).toEqual([
      ["c0", "c1"],
      ["c0", "c2"],
      ["c1", "c2"],
      ["c0", "c3"],
    ]);
    expect(r.summary).toMatch(/^4498500 overlapping leadership window\(s\), longest 100\.0 s/);
  });

  it("overlap and fencing judge it with work that grows with the leaders, not the pairs", () => {
    let reads = 0;
    const counted = timelineOf(events);
    for (const list of counted.intervals.values()) {
      for (const iv of list) {
        let end = iv.end;
        Object.defineProperty(iv, "end", {
          get: () => {
            reads += 1;
            return end;
          },
          set: (v: number) => {
            end = v;
          },
        });
      }
    }
    const options = { ...DEFAULT_CHECK_OPTIONS, fencing: true, maxReported: 4 };
    expect(overlapChecker.check(counted, options).warningCount).toBe((n * (n - 1)) / 2);
    expect(fencingChecker.check(counted, options).stats["staleLeaders"]).toBe(n - 1);
    // Going through the 4.5 million pairs one by one reads an interval's end at least once per pair.
    expect(reads).toBeLessThan(50 * n);
  });

  it("with fencing every pair is a fenced warning, and every superseded leader but the last is stale", () => {
    const options = { ...DEFAULT_CHECK_OPTIONS, fencing: true, maxReported: 4 };
    const overlap = overlapChecker.check(timeline, options);
    expect(overlap).toMatchObject({ valid: true, violationCount: 0, warningCount: (n * (n - 1)) / 2 });
    expect(overlap.warnings).toHaveLength(4);
    const fencing = fencingChecker.check(timeline, options);
    expect(fencing.stats["staleLeaders"]).toBe(n - 1);
  });
});
