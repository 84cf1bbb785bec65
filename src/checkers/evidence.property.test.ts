import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ObservationTracker } from "../candidates/observers/observation.js";
import { FOLLOWER, LEADER, unknown, type Answer } from "../candidates/observers/judge.js";
import type { ReadEvent } from "../history/parse.js";
import { overlapChecker } from "./overlap.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type PossiblePolicy } from "./types.js";

/**
 * The grading of overlaps in a polled lane against a brute-force reference computed from the raw
 * poll answers (never from the history): random poll times per node, stretches without an answer,
 * real overlaps. The history is what the observers write (ObservationTracker, history v5).
 */

const POLL = 100;
type Raw = "L" | "F" | "U";
interface Poll {
  t: number;
  node: string;
  a: Raw;
}

const nodeAnswers = (node: string) =>
  fc
    .array(fc.record({ gap: fc.oneof(fc.integer({ min: 1, max: 300 }), fc.integer({ min: 1, max: 6 }).map((x) => x * 50)), a: fc.constantFrom<Raw>("L", "L", "F", "U") }), { minLength: 1, maxLength: 25 })
    .map((list) => {
      let t = 0;
      return list.map(({ gap, a }) => ({ t: (t += gap), node, a }));
    });

const lanes = fc.integer({ min: 2, max: 3 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => nodeAnswers(`c${i + 1}`))));

const answerOf = (a: Raw): Answer => (a === "L" ? LEADER : a === "F" ? FOLLOWER : unknown("no answer"));

/** The history the observer writes for these answers, with a last line at `endT`. */
function historyOf(polls: Poll[], endT: number): ReadEvent[] {
  const tracker = new ObservationTracker();
  const events: ReadEvent[] = [];
  for (const p of polls) {
    for (const e of tracker.observe(p.node, "http", answerOf(p.a), p.t)) {
      events.push(("t" in e ? e : { t: p.t, ...e }) as ReadEvent);
    }
  }
  events.push(...(tracker.flush() as ReadEvent[]));
  events.push({ t: endT, node: "splitbrain", type: "log", msg: "end" } as ReadEvent);
  return events;
}

interface RefInterval {
  start: number;
  end: number;
  runs: Array<[number, number]>;
  unknown: Array<[number, number]>;
}

/** Leadership as the answers imply it: from a leader answer to the next follower answer (unknown ends nothing). */
function referenceIntervals(own: Poll[], endT: number): RefInterval[] {
  const out: RefInterval[] = [];
  let cur: RefInterval | undefined;
  let run: [number, number] | undefined;
  let unk: [number, number] | undefined;
  for (const p of own) {
    if (p.a === "U") {
      if (run !== undefined && cur !== undefined) cur.runs.push(run);
      run = undefined;
      unk ??= [p.t, NaN];
      continue;
    }
    if (unk !== undefined) {
      unk[1] = p.t;
      if (cur !== undefined) cur.unknown.push(unk);
      unk = undefined;
    }
    if (p.a === "L") {
      cur ??= { start: p.t, end: NaN, runs: [], unknown: [] };
      if (run === undefined) run = [p.t, p.t];
      else run[1] = p.t;
    } else if (cur !== undefined) {
      if (run !== undefined) cur.runs.push(run);
      run = undefined;
      cur.end = p.t;
      out.push(cur);
      cur = undefined;
    }
  }
  if (cur !== undefined) {
    if (run !== undefined) cur.runs.push(run);
    if (unk !== undefined) cur.unknown.push([unk[0], endT]);
    cur.end = endT;
    out.push(cur);
  }
  return out;
}

interface RefCounts {
  seen: number;
  possible: number;
  possibleOnUnknown: number;
}

function reference(lists: Poll[][], endT: number): RefCounts {
  const ivs = lists.map((own) => referenceIntervals(own, endT));
  const counts: RefCounts = { seen: 0, possible: 0, possibleOnUnknown: 0 };
  for (let i = 0; i < ivs.length; i++) {
    for (let j = i + 1; j < ivs.length; j++) {
      for (const a of ivs[i] as RefInterval[]) {
        for (const b of ivs[j] as RefInterval[]) {
          const from = Math.max(a.start, b.start);
          const to = Math.min(a.end, b.end);
          if (to - from <= 0) continue;
          const seen = a.runs.some(([as, ae]) => b.runs.some(([bs, be]) => Math.max(as, bs, from) <= Math.min(ae, be, to)));
          if (seen) {
            counts.seen += 1;
            continue;
          }
          counts.possible += 1;
          const within = (w: Array<[number, number]>) => Math.max(0, ...w.map(([s, e]) => Math.min(e, to) - Math.max(s, from)));
          if (Math.max(within(a.unknown), within(b.unknown)) > POLL) counts.possibleOnUnknown += 1;
        }
      }
    }
  }
  return counts;
}

describe("evidence grading against a brute-force reference over generated polled lanes", () => {
  it("counts seen overlaps as violations and possible ones as warnings or inconclusive, as the raw answers say", () => {
    fc.assert(
      fc.property(lanes, (perNode) => {
        const lists = perNode as Poll[][];
        const endT = Math.max(...lists.flat().map((p) => p.t)) + 1;
        const polls = lists.flat().sort((a, b) => a.t - b.t || a.node.localeCompare(b.node));
        const timeline = timelineOf(historyOf(polls, endT), { polled: new Map([["http", POLL]]), recordsSeen: true });
        const want = reference(lists, endT);
        const run = (possible: PossiblePolicy) => overlapChecker.check(timeline, { ...DEFAULT_CHECK_OPTIONS, possible });

        const warn = run("warn");
        expect(warn.violationCount).toBe(want.seen);
        expect(warn.warningCount).toBe(want.possible);
        expect(warn.valid).toBe(want.seen === 0);

        const fail = run("fail");
        expect(fail.violationCount).toBe(want.seen + want.possible);

        const inconclusive = run("inconclusive");
        expect(inconclusive.violationCount).toBe(want.seen);
        expect(inconclusive.stats["possibleOverlapsInconclusive"]).toBe(want.possibleOnUnknown);
        expect(inconclusive.valid).toBe(want.seen > 0 ? false : want.possibleOnUnknown > 0 ? "unknown" : true);
      }),
      { numRuns: 400 },
    );
  });
});
