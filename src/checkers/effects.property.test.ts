import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { type Interval, type Timeline } from "./timeline.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type CheckerResult } from "./types.js";
import type { EffectsViolation } from "./effects.js";
import { checkTimeline } from "./verdict.js";

/*
 * Property tests of the effects checker (docs/history-format.md, "effects") against a brute-force
 * reference. Leadership intervals are the timeline's (checkers.property.test.ts checks those
 * against a replay of the history); the reference then tries every pair of intervals against
 * every write, and every accepted write against every write before it, with no sweep, no
 * binary search and no running maximum.
 */

const NODES = ["c1", "c2", "c3"];
const GROUPS = ["default", "g"];
const SOURCES = [undefined, "http"] as const;
const TOKENS = ["1", "2", "3", "10", "01", "0x2", "0xa", "0x10", "b", "a1"];

type Raw =
  | { kind: "leader" | "follower"; t: number; node: number; group: number; source: number; token: string | undefined }
  | { kind: "down"; t: number; node: number }
  | { kind: "write"; t: number; node: number; group: number; token: string | undefined; fenced: boolean; accepted: boolean; seq: number };

const timeArb = fc.oneof({ weight: 3, arbitrary: fc.integer({ min: 0, max: 100 }) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }) });
const tokenArb = fc.option(fc.constantFrom(...TOKENS), { nil: undefined, freq: 6 });

const rawArb: fc.Arbitrary<Raw> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constantFrom("leader" as const, "leader" as const, "leader" as const, "follower" as const),
      t: timeArb,
      node: fc.integer({ min: 0, max: 2 }),
      group: fc.integer({ min: 0, max: 1 }),
      source: fc.integer({ min: 0, max: 1 }),
      token: tokenArb,
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("down" as const), t: timeArb, node: fc.integer({ min: 0, max: 2 }) }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant("write" as const),
      t: timeArb,
      node: fc.integer({ min: 0, max: 2 }),
      group: fc.integer({ min: 0, max: 1 }),
      token: tokenArb,
      fenced: fc.boolean(),
      accepted: fc.boolean(),
      seq: fc.nat({ max: 50 }),
    }),
  },
);

const historyArb = fc
  .record({
    raw: fc.array(rawArb, { minLength: 1, maxLength: 50, size: "max" }),
    groups: fc.constantFrom(1, 2),
    sources: fc.constantFrom(1, 1, 2),
    inOrder: fc.boolean(),
    toleranceMs: fc.constantFrom(0, 0, 3, 10),
  })
  .map(({ raw, groups, sources, inOrder, toleranceMs }) => {
    const lines = inOrder ? [...raw].sort((a, b) => a.t - b.t) : raw;
    const events = lines.map((r): ReadEvent => {
      const node = NODES[r.node] as string;
      if (r.kind === "down") return { t: r.t, node, type: "down" };
      const group = GROUPS[r.group % groups] as string;
      const groupField = group === "default" ? {} : { group };
      const tokenField = r.token === undefined ? {} : { token: r.token };
      if (r.kind === "write") {
        return { t: r.t, node: "witness", type: "write", from: node, seq: r.seq, ...groupField, ...tokenField, mode: r.fenced ? "fenced" : "plain", outcome: r.accepted ? "accepted" : "refused" };
      }
      const source = SOURCES[r.source % sources];
      return { t: r.t, node, type: r.kind, ...groupField, ...tokenField, ...(source === undefined ? {} : { source }) };
    });
    return { events, toleranceMs };
  });

// ---------------------------------------------------------------- brute-force reference

interface RefWrite {
  t: number;
  from: string;
  group: string;
  token: string | undefined;
  seq: number;
  fenced: boolean;
  accepted: boolean;
}

const INTEGER_TOKEN = /^(?:[0-9]+|0[xX][0-9a-fA-F]+)$/;

function tokenGreater(a: string, b: string): boolean {
  if (INTEGER_TOKEN.test(a) && INTEGER_TOKEN.test(b)) return BigInt(a) > BigInt(b);
  return a > b;
}

function writesOf(events: readonly ReadEvent[]): RefWrite[] {
  return events
    .map((e, i) => ({ e: e as Record<string, unknown> & ReadEvent, i }))
    .filter(({ e }) => e.type === "write")
    .sort((a, b) => a.e.t - b.e.t || a.i - b.i)
    .map(({ e }) => ({
      t: e.t,
      from: e["from"] as string,
      group: (e["group"] as string | undefined) ?? "default",
      token: e["token"] as string | undefined,
      seq: e["seq"] as number,
      fenced: e["mode"] === "fenced",
      accepted: e["outcome"] === "accepted",
    }));
}

/** Whether `w` falls in the window [start, end) as `iv`'s write; at `end` too when `iv` is still open when the history ends. */
function inWindow(w: RefWrite, iv: Interval, start: number, end: number): boolean {
  return w.t >= start && (w.t < end || (w.t === end && iv.endedBy === "end" && iv.end === end));
}

function referenceSplitBrains(timeline: Timeline, writes: readonly RefWrite[], toleranceMs: number): string[] {
  const out: string[] = [];
  for (const lane of timeline.lanes) {
    const list = timeline.intervals.get(lane.key) ?? [];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i] as Interval;
        const b = list[j] as Interval;
        if (a.node === b.node) continue;
        const start = Math.max(a.start, b.start);
        const end = Math.min(a.end, b.end);
        if (!(end - start > toleranceMs)) continue;
        const wrote = (iv: Interval): boolean => writes.some((w) => w.accepted && w.group === lane.group && w.from === iv.node && inWindow(w, iv, start, end));
        if (wrote(a) && wrote(b)) out.push(`${lane.key}|${[a.node, b.node].sort().join(",")}|${start}|${end}`);
      }
    }
  }
  return out.sort();
}

function referenceStale(writes: readonly RefWrite[]): { accepted: string[]; refusedStale: number } {
  const accepted: string[] = [];
  let refusedStale = 0;
  writes.forEach((w, i) => {
    if (w.token === undefined) return;
    const token = w.token;
    const stale = writes.slice(0, i).some((e) => e.accepted && e.group === w.group && e.token !== undefined && tokenGreater(e.token, token));
    if (!stale) return;
    if (w.accepted) accepted.push(`${w.fenced ? "witness-accepted-stale" : "stale-write"}|${w.group}|${w.from}|${w.t}|${w.seq}`);
    else refusedStale += 1;
  });
  return { accepted: accepted.sort(), refusedStale };
}

// ---------------------------------------------------------------- comparing

function effectsOf(events: readonly ReadEvent[], toleranceMs: number): { result: CheckerResult | undefined; timeline: Timeline } {
  const timeline = timelineOf(events);
  const verdict = checkTimeline(timeline, { ...DEFAULT_CHECK_OPTIONS, toleranceMs, maxReported: 1_000_000 });
  return { result: verdict.checkers["effects"], timeline };
}

function laneKeyOf(v: EffectsViolation): string {
  return v.source === "protocol" ? v.group : `${v.group}\u0000${v.source}`;
}

describe("effects checker against a brute-force reference", () => {
  it("finds exactly the effect-level split brains and stale writes, and notes every refusal", () => {
    let withSplit = 0;
    let withStale = 0;
    fc.assert(
      fc.property(historyArb, ({ events, toleranceMs }) => {
        const writes = writesOf(events);
        const { result, timeline } = effectsOf(events, toleranceMs);
        if (writes.length === 0) {
          expect(result).toBeUndefined();
          return;
        }
        if (result === undefined) throw new Error("effects did not run on a history with writes");
        const violations = result.violations as EffectsViolation[];
        const split = violations
          .filter((v) => v.kind === "effect-split-brain")
          .map((v) => `${laneKeyOf(v)}|${[...v.nodes].sort().join(",")}|${v.window.start}|${v.window.end}`)
          .sort();
        expect(split).toEqual(referenceSplitBrains(timeline, writes, toleranceMs));
        const stale = violations
          .filter((v) => v.kind !== "effect-split-brain")
          .map((v) => `${v.kind}|${v.group}|${v.writes[0]?.from}|${v.writes[0]?.t}|${v.writes[0]?.seq}`)
          .sort();
        const ref = referenceStale(writes);
        expect(stale).toEqual(ref.accepted);
        expect(result.violationCount).toBe(violations.length);
        expect(result.valid).toBe(violations.length === 0);
        expect(result.warningCount).toBe(writes.filter((w) => !w.accepted).length);
        expect(result.stats["staleRefused"]).toBe(ref.refusedStale);
        // Every stale finding names a write accepted before it with a greater token, in its group.
        for (const v of violations) {
          if (v.kind === "effect-split-brain") continue;
          const [w, above] = v.writes;
          expect(above !== undefined && w !== undefined && above.t <= w.t && above.group === w.group && tokenGreater(String(above.token), String(w.token))).toBe(true);
        }
        if (split.length > 0) withSplit += 1;
        if (stale.length > 0) withStale += 1;
      }),
      { numRuns: 1000 },
    );
    // Not vacuous: both kinds are found often.
    expect(withSplit).toBeGreaterThan(100);
    expect(withStale).toBeGreaterThan(100);
  });
});
