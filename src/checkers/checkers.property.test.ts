import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions, type CheckerResult, type Violation } from "./types.js";
import { checkTimeline } from "./verdict.js";

/*
 * Property tests of the overlap, liveness and fenced-overlap semantics (docs/history-format.md,
 * "What the checkers compute") against a brute-force reference. The reference knows nothing of intervals lists,
 * sweeps or window algebra: it replays the stably sorted events from the start up to each sampled
 * time x and asks who leads and whether a leader is expected at x. Between two consecutive distinct
 * event times nothing changes, so sampling every event time and every midpoint sees everything.
 */

// ---------------------------------------------------------------- arbitrary histories

const NODES = ["c1", "c2", "c3", "c4"];
const TOKENS = ["1", "2", "3", "10", "01", "0x1", "0x2", "0xa", "0x0A", "0x10"];
const FAULT_IDS = ["f1", "f2", "f3"];

type Kind = "leader" | "follower" | "unknown" | "down" | "up" | "conn" | "log" | "zk-role" | "fault" | "heal";

/** Observers (history v2): undefined is the protocol, written without a `source` field. */
const SOURCES = [undefined, "protocol", "http", "zk"] as const;

interface RawEvent {
  kind: Kind;
  t: number;
  node: number;
  group: number;
  /** Leave out `group` when it is "default" (the contract's default). */
  omitDefaultGroup: boolean;
  token: string | undefined;
  faultId: string;
  expectLeader: boolean | undefined;
  source: number;
}

const timeArb: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 200 }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 20 }) }, // many ties
  {
    weight: 1,
    arbitrary: fc
      .tuple(fc.integer({ min: 0, max: 199 }), fc.constantFrom(0.5, 0.25, 0.75))
      .map(([whole, fraction]) => whole + fraction),
  },
);

const rawEventArb: fc.Arbitrary<RawEvent> = fc.record({
  kind: fc.constantFrom<Kind>(
    "leader",
    "leader",
    "leader",
    "follower",
    "follower",
    "unknown",
    "down",
    "up",
    "conn",
    "log",
    "zk-role",
    "fault",
    "fault",
    "heal",
    "heal",
  ),
  t: timeArb,
  node: fc.integer({ min: 0, max: 3 }),
  group: fc.integer({ min: 0, max: 1 }),
  omitDefaultGroup: fc.boolean(),
  token: fc.option(fc.constantFrom(...TOKENS), { nil: undefined }),
  faultId: fc.constantFrom(...FAULT_IDS),
  expectLeader: fc.option(fc.boolean(), { nil: undefined }),
  source: fc.integer({ min: 0, max: SOURCES.length - 1 }),
});

interface Scenario {
  events: ReadEvent[];
  toleranceMs: number;
  recoveryMs: number;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc
  .record({
    nodeCount: fc.integer({ min: 1, max: 4 }),
    groupNames: fc.constantFrom(["default"], ["g1"], ["default", "g2"], ["g1", "g2"]),
    raw: fc.array(rawEventArb, { minLength: 1, maxLength: 40, size: "max" }),
    inOrder: fc.boolean(),
    toleranceMs: fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 120 }).map((q) => q / 4)),
    recoveryMs: fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 0, max: 240 }).map((q) => q / 4)),
    sourceCount: fc.constantFrom(1, 1, 2, 4),
  })
  .map(({ nodeCount, groupNames, raw, inOrder, toleranceMs, recoveryMs, sourceCount }) => {
    const lines = inOrder ? [...raw].sort((a, b) => a.t - b.t) : raw;
    const events = lines.map((r) => toEvent({ ...r, source: r.source % sourceCount }, nodeCount, groupNames));
    return { events, toleranceMs, recoveryMs };
  });

function toEvent(r: RawEvent, nodeCount: number, groupNames: readonly string[]): ReadEvent {
  const node = NODES[r.node % nodeCount] as string;
  const group = groupNames[r.group % groupNames.length] as string;
  const groupField = group === "default" && r.omitDefaultGroup ? {} : { group };
  const source = SOURCES[r.source];
  const sourceField = source === undefined ? {} : { source };
  switch (r.kind) {
    case "leader":
      return { t: r.t, node, type: "leader", ...groupField, ...sourceField, ...(r.token === undefined ? {} : { token: r.token }) };
    case "follower":
      return { t: r.t, node, type: "follower", ...groupField, ...sourceField };
    case "unknown":
      return { t: r.t, node, type: "unknown", ...groupField, source: source ?? "http", reason: "timeout" };
    case "down":
      return { t: r.t, node, type: "down", reason: "killed" };
    case "up":
      return { t: r.t, node, type: "up" };
    case "conn":
      return { t: r.t, node, type: "conn", state: "suspended" };
    case "log":
      return { t: r.t, node, type: "log", msg: "hello" };
    case "zk-role": // not a candidate's event, but it still moves the end of the history
      return { t: r.t, node: "zk1", type: "zk-role", role: "leading" };
    case "fault":
      return {
        t: r.t,
        node: "nemesis",
        type: "fault",
        id: r.faultId,
        fault: "partition",
        targets: [node],
        ...(r.expectLeader === undefined ? {} : { expectLeader: r.expectLeader }),
      };
    case "heal":
      return { t: r.t, node: "nemesis", type: "heal", id: r.faultId };
  }
}

// ---------------------------------------------------------------- brute-force reference

interface Leadership {
  /** Identifies the interval: the sorted position of the leader event that began it. */
  id: number;
  token: string | undefined;
  start: number;
}

interface State {
  /** lane ("group" or "group@source") -> node -> the leadership open at x. */
  leaders: Map<string, Map<string, Leadership>>;
  /** "lane|node" while the lane's source has no answer about the node. */
  unknown: Set<string>;
  /** Open activations of faults with expectLeader false. */
  excusing: Array<{ id: string }>;
  /** Open activations of faults with expectLeader true (kept so a heal closes them as well). */
  expecting: Array<{ id: string }>;
}

function str(e: ReadEvent, field: string): string | undefined {
  const v = (e as Record<string, unknown>)[field];
  return typeof v === "string" ? v : undefined;
}

/** The reference's name of a lane: the group, with "@source" for an observer's view. */
function laneName(group: string, source: string | undefined): string {
  return source === undefined || source === "protocol" ? group : `${group}@${source}`;
}

function laneOfEvent(e: ReadEvent): string {
  return laneName(str(e, "group") ?? "default", str(e, "source"));
}

/** Stable sort by t: file order breaks ties. */
function sortStably(events: readonly ReadEvent[]): ReadEvent[] {
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => (a.e.t === b.e.t ? a.i - b.i : a.e.t < b.e.t ? -1 : 1))
    .map(({ e }) => e);
}

/** The state at time x: every event with t <= x applied, in sorted order. Intervals are [start, end). */
function stateAt(sorted: readonly ReadEvent[], x: number): State {
  const state: State = { leaders: new Map(), unknown: new Set(), excusing: [], expecting: [] };
  const groupOf = (g: string): Map<string, Leadership> => {
    let m = state.leaders.get(g);
    if (m === undefined) state.leaders.set(g, (m = new Map()));
    return m;
  };
  sorted.forEach((e, position) => {
    if (e.t > x) return;
    if (e.type === "leader" || e.type === "follower") state.unknown.delete(`${laneOfEvent(e)}|${e.node}`);
    if (e.type === "unknown") {
      state.unknown.add(`${laneOfEvent(e)}|${e.node}`);
    } else if (e.type === "leader") {
      const leaders = groupOf(laneOfEvent(e));
      const token = str(e, "token");
      const current = leaders.get(e.node);
      if (current !== undefined && current.token === token) return; // the same leadership goes on
      leaders.set(e.node, { id: position, token, start: e.t });
    } else if (e.type === "follower") {
      groupOf(laneOfEvent(e)).delete(e.node);
    } else if (e.type === "down") {
      for (const leaders of state.leaders.values()) leaders.delete(e.node);
      for (const key of [...state.unknown]) if (key.endsWith(`|${e.node}`)) state.unknown.delete(key);
    } else if (e.type === "fault") {
      const expectLeader = (e as Record<string, unknown>)["expectLeader"] === true;
      (expectLeader ? state.expecting : state.excusing).push({ id: str(e, "id") as string });
    } else if (e.type === "heal") {
      const id = str(e, "id");
      state.excusing = state.excusing.filter((f) => f.id !== id);
      state.expecting = state.expecting.filter((f) => f.id !== id);
    }
  });
  return state;
}

const INTEGER_TOKEN = /^(?:[0-9]+|0[xX][0-9a-fA-F]+)$/;

function tokenGreater(a: string, b: string): boolean {
  if (INTEGER_TOKEN.test(a) && INTEGER_TOKEN.test(b)) return BigInt(a) > BigInt(b);
  return a > b;
}

interface RefWindow {
  group: string;
  /** Unordered pair, sorted, for overlaps; empty for liveness; the stale node for stale leaders. */
  nodes: string[];
  start: number;
  end: number;
  fenced: boolean;
  /** For overlaps: the interval that started first, and when the later one started (strictly later, else undefined). */
  first?: { id: number; node: string };
  supersededAt?: number;
}

interface Reference {
  /** Whether two nodes lead one group at some sampled midpoint. */
  anyDoubleLeader: boolean;
  /** One window per pair of overlapping intervals of different nodes, with positive length. */
  overlaps: RefWindow[];
  /** Maximal leaderless periods inside leader-expected time, per checked group. */
  leaderless: RefWindow[];
  /** Superseded leaders that led through more than the bound with no fault active. */
  staleLeaders: (toleranceMs: number, recoveryMs: number) => RefWindow[];
}

function reference(events: readonly ReadEvent[]): Reference {
  const sorted = sortStably(events);
  const endT = Math.max(...events.map((e) => e.t));
  const checkedGroups = [
    ...new Set(
      sorted.filter((e) => e.type === "leader" || e.type === "follower").map((e) => laneOfEvent(e)),
    ),
  ];
  if (checkedGroups.length === 0) checkedGroups.push("default");

  // Breakpoints: 0 and every event time (endT among them). Between two consecutive ones, nothing changes.
  const points = [...new Set([0, ...events.map((e) => e.t)])].filter((t) => t <= endT).sort((a, b) => a - b);
  const gaps: Array<{ from: number; to: number; state: State }> = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    gaps.push({ from, to, state: stateAt(sorted, (from + to) / 2) });
  }
  // Event-time samples too: at t = x, the half-open intervals say the state after all events at x.
  // (They cannot add a window of positive length, but they must agree with the neighbouring gap
  // to their right, which is a consistency check of the replay.)
  for (const gap of gaps) {
    const atStart = stateAt(sorted, gap.from);
    expect(leaderSets(atStart)).toEqual(leaderSets(gap.state));
  }

  let anyDoubleLeader = false;
  // Overlaps: runs of consecutive gaps in which the same two intervals are both open.
  const overlapRuns = new Map<string, RefWindow>();
  const overlaps: RefWindow[] = [];
  for (const { from, to, state } of gaps) {
    const seen = new Set<string>();
    for (const [group, leaders] of state.leaders) {
      const list = [...leaders.entries()];
      if (list.length >= 2) anyDoubleLeader = true;
      for (let i = 0; i < list.length; i++) {
        for (let j = i + 1; j < list.length; j++) {
          const [na, la] = list[i] as [string, Leadership];
          const [nb, lb] = list[j] as [string, Leadership];
          const key = `${group}|${Math.min(la.id, lb.id)}|${Math.max(la.id, lb.id)}`;
          seen.add(key);
          const run = overlapRuns.get(key);
          if (run !== undefined && run.end === from) run.end = to;
          else {
            const [first, later] = la.start <= lb.start ? [la, lb] : [lb, la];
            const fenced =
              first.token !== undefined &&
              later.token !== undefined &&
              later.start !== first.start &&
              tokenGreater(later.token, first.token);
            const firstNode = first === la ? na : nb;
            const w: RefWindow = {
              group,
              nodes: [na, nb].sort(),
              start: from,
              end: to,
              fenced,
              first: { id: first.id, node: firstNode },
              ...(later.start !== first.start ? { supersededAt: later.start } : {}),
            };
            overlapRuns.set(key, w);
            overlaps.push(w);
          }
        }
      }
    }
    // An interval pair's common time is one stretch: once a pair is gone, it never comes back.
    for (const key of overlapRuns.keys()) if (!seen.has(key)) overlapRuns.delete(key);
  }

  // Liveness: runs of consecutive gaps that are leader-expected and have no leader in the group.
  const leaderless: RefWindow[] = [];
  for (const group of checkedGroups) {
    let run: RefWindow | undefined;
    for (const { from, to, state } of gaps) {
      const expected = state.excusing.length === 0;
      // A leader counts for liveness only while its observer had an answer about it.
      const leaderCount = [...(state.leaders.get(group)?.keys() ?? [])].filter((n) => !state.unknown.has(`${group}|${n}`)).length;
      if (expected && leaderCount === 0) {
        if (run !== undefined && run.end === from) run.end = to;
        else leaderless.push((run = { group, nodes: [], start: from, end: to, fenced: false }));
      } else run = undefined;
    }
  }
  return { anyDoubleLeader, overlaps, leaderless, staleLeaders: (toleranceMs, recoveryMs) => staleLeadersOf(gaps, overlaps, toleranceMs, recoveryMs) };
}

/**
 * Stale leaders, by brute force: an interval that another node's strictly later interval overlaps
 * for more than the tolerance is superseded from the earliest such start; from then until the
 * interval ends, the first run of gaps with no fault active (of either kind) that lasts longer
 * than the bound is a violation, past the bound.
 */
function staleLeadersOf(gaps: ReadonlyArray<{ from: number; to: number; state: State }>, overlaps: readonly RefWindow[], toleranceMs: number, recoveryMs: number): RefWindow[] {
  const ends = new Map<number, number>();
  for (const { to, state } of gaps) for (const leaders of state.leaders.values()) for (const l of leaders.values()) ends.set(l.id, to);
  const superseded = new Map<number, { group: string; node: string; from: number }>();
  for (const w of overlaps) {
    if (w.first === undefined || w.supersededAt === undefined || !(w.end - w.start > toleranceMs)) continue;
    const known = superseded.get(w.first.id);
    if (known === undefined || w.supersededAt < known.from) superseded.set(w.first.id, { group: w.group, node: w.first.node, from: w.supersededAt });
  }
  const out: RefWindow[] = [];
  for (const [id, { group, node, from }] of superseded) {
    const to = ends.get(id) as number;
    let runStart: number | undefined;
    for (const gap of gaps) {
      if (gap.from < from || gap.to > to) continue;
      const free = gap.state.excusing.length + gap.state.expecting.length === 0;
      if (!free) {
        runStart = undefined;
        continue;
      }
      runStart ??= gap.from;
      // A run is judged when it ends: at a fault, or at the interval's end.
      const next = gaps.find((g) => g.from === gap.to);
      const endsHere = next === undefined || next.to > to || next.state.excusing.length + next.state.expecting.length > 0;
      if (endsHere) {
        if (gap.to - runStart > recoveryMs) {
          out.push({ group, nodes: [node], start: runStart + recoveryMs, end: gap.to, fenced: false });
          break;
        }
        runStart = undefined;
      }
    }
  }
  return out;
}

function leaderSets(state: State): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [group, leaders] of state.leaders) if (leaders.size > 0) out[group] = [...leaders.keys()].sort();
  return out;
}

// ---------------------------------------------------------------- comparing

function windowKeys(windows: readonly RefWindow[]): string[] {
  return windows.map((w) => `${w.group}|${w.nodes.join(",")}|${w.start}|${w.end}`).sort();
}

/** Every `pause` fault as a window, by brute force: from its event to the first heal of its id after it (or the end). */
function pauseWindows(events: readonly ReadEvent[]): Array<{ targets: string[]; start: number; end: number }> {
  const sorted = sortStably(events);
  const endT = Math.max(...events.map((e) => e.t));
  const open: Array<{ id: string; targets: string[]; start: number }> = [];
  const out: Array<{ targets: string[]; start: number; end: number }> = [];
  for (const e of sorted) {
    const id = str(e, "id");
    if (e.type === "fault" && str(e, "fault") === "pause" && id !== undefined) {
      open.push({ id, targets: (e as { targets?: string[] }).targets ?? [], start: e.t });
    } else if (e.type === "heal") {
      for (let i = open.length - 1; i >= 0; i--) {
        const o = open[i] as { id: string; targets: string[]; start: number };
        if (o.id !== id) continue;
        out.push({ targets: o.targets, start: o.start, end: e.t });
        open.splice(i, 1);
      }
    }
  }
  for (const o of open) out.push({ targets: o.targets, start: o.start, end: endT });
  return out;
}

function overlapKeys(violations: readonly Violation[]): string[] {
  return violations
    .map((v) => {
      if (v.checker !== "overlap") throw new Error(`unexpected ${v.checker} finding`);
      expect(v.durationMs).toBe(v.window.end - v.window.start);
      return `${laneName(v.group, v.source)}|${[...v.nodes].sort().join(",")}|${v.window.start}|${v.window.end}`;
    })
    .sort();
}

function livenessKeys(violations: readonly Violation[]): string[] {
  return violations
    .map((v) => {
      if (v.checker !== "liveness") throw new Error(`unexpected ${v.checker} finding`);
      expect(v.durationMs).toBe(v.window.end - v.window.start);
      return `${laneName(v.group, v.source)}||${v.window.start}|${v.window.end}`;
    })
    .sort();
}

function run(events: readonly ReadEvent[], options: Partial<CheckOptions>): Record<string, CheckerResult> {
  const verdict = checkTimeline(timelineOf(events), { ...DEFAULT_CHECK_OPTIONS, maxReported: 1_000_000, ...options });
  return verdict.checkers;
}

function result(results: Record<string, CheckerResult>, name: string): CheckerResult {
  const r = results[name];
  if (r === undefined) throw new Error(`checker ${name} did not run`);
  return r;
}

// ---------------------------------------------------------------- properties

const RUNS = { numRuns: 500 };

describe("checkers against a brute-force replay of the history", () => {
  it("overlap (tolerance 0, no fencing): a violation iff two nodes lead one group at once, with the same windows", () => {
    fc.assert(
      fc.property(scenarioArb, ({ events }) => {
        const ref = reference(events);
        const overlap = result(run(events, { toleranceMs: 0, fencing: false }), "overlap");
        expect(overlap.valid).toBe(!ref.anyDoubleLeader);
        expect(overlap.violationCount > 0).toBe(ref.anyDoubleLeader);
        expect(overlap.violationCount).toBe(overlap.violations.length);
        expect(overlapKeys(overlap.violations)).toEqual(windowKeys(ref.overlaps));
        expect(overlap.warningCount).toBe(0);
      }),
      RUNS,
    );
  });

  it("overlap with a random tolerance: exactly the interval pairs that share more than it", () => {
    fc.assert(
      fc.property(scenarioArb, ({ events, toleranceMs }) => {
        const ref = reference(events);
        const overlap = result(run(events, { toleranceMs, fencing: false }), "overlap");
        const expected = ref.overlaps.filter((w) => w.end - w.start > toleranceMs);
        expect(overlapKeys(overlap.violations)).toEqual(windowKeys(expected));
        expect(overlap.violationCount).toBe(expected.length);
        expect(overlap.valid).toBe(expected.length === 0);
      }),
      RUNS,
    );
  });

  it("overlap with --fencing: fenced pairs become warnings, the others stay violations", () => {
    fc.assert(
      fc.property(scenarioArb, ({ events, toleranceMs }) => {
        const ref = reference(events);
        const overlap = result(run(events, { toleranceMs, fencing: true }), "overlap");
        const over = ref.overlaps.filter((w) => w.end - w.start > toleranceMs);
        expect(overlapKeys(overlap.violations)).toEqual(windowKeys(over.filter((w) => !w.fenced)));
        expect(overlapKeys(overlap.warnings)).toEqual(windowKeys(over.filter((w) => w.fenced)));
        expect(overlap.violations.every((v) => v.kind === "overlap")).toBe(true);
        expect(overlap.warnings.every((v) => v.kind === "fenced-overlap")).toBe(true);
        expect(overlap.warningCount).toBe(over.filter((w) => w.fenced).length);
      }),
      RUNS,
    );
  });

  it("a frozen leader: an overlap whose first leader was paused when superseded, ending within the bound after the thaw, is a warning", () => {
    let excusedSeen = 0;
    let pausedButNotExcused = 0;
    fc.assert(
      fc.property(scenarioArb, fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }), fc.boolean(), ({ events: base, toleranceMs, recoveryMs }, asPause, fencing) => {
        // Some of the generated faults become pauses (of the node they target).
        let k = 0;
        const events = base.map((e) => (e.type === "fault" && asPause[k++ % asPause.length] === true ? { ...e, fault: "pause" } : e));
        const ref = reference(events);
        const pauses = pauseWindows(events);
        const excused = (w: RefWindow): boolean => {
          const at = w.supersededAt;
          const node = w.first?.node;
          if (at === undefined || node === undefined) return false;
          return pauses.some((p) => p.targets.includes(node) && p.start <= at && p.end > at && w.end - p.end <= recoveryMs);
        };
        const over = ref.overlaps.filter((w) => w.end - w.start > toleranceMs);
        const fenced = fencing ? over.filter((w) => w.fenced) : [];
        const paused = over.filter((w) => !(fencing && w.fenced) && excused(w));
        const violations = over.filter((w) => !(fencing && w.fenced) && !excused(w));
        const overlap = result(run(events, { toleranceMs, recoveryMs, fencing }), "overlap");
        expect(overlapKeys(overlap.violations)).toEqual(windowKeys(violations));
        expect(overlapKeys(overlap.warnings)).toEqual(windowKeys([...fenced, ...paused]));
        expect(overlap.warnings.filter((v) => v.kind === "paused-leader").length).toBe(paused.length);
        expect(overlap.violationCount).toBe(violations.length);
        expect(overlap.warningCount).toBe(fenced.length + paused.length);
        expect(overlap.stats["pausedLeaderOverlaps"]).toBe(paused.length);
        expect(overlap.valid).toBe(violations.length === 0);
        excusedSeen += paused.length > 0 ? 1 : 0;
        pausedButNotExcused += violations.some((w) => w.first !== undefined && pauses.some((p) => p.targets.includes(w.first?.node ?? ""))) ? 1 : 0;
      }),
      RUNS,
    );
    // Not vacuous: both excused overlaps and overlaps of paused nodes that are not excused occur.
    expect(excusedSeen).toBeGreaterThan(RUNS.numRuns / 50);
    expect(pausedButNotExcused).toBeGreaterThan(RUNS.numRuns / 50);
  });

  it("fencing: a superseded leader that leads on through more than the bound with no fault active is stale", () => {
    let withStale = 0;
    fc.assert(
      fc.property(scenarioArb, ({ events, toleranceMs, recoveryMs }) => {
        const ref = reference(events);
        const fencing = result(run(events, { toleranceMs, recoveryMs, fencing: true }), "fencing");
        const stale = fencing.violations.filter((v) => v.kind === "stale-leader");
        const got = stale
          .map((v) => {
            if (v.checker !== "fencing" || v.window === undefined) throw new Error("a stale-leader finding without a window");
            return `${laneName(v.group, v.source)}|${v.nodes[0]}|${v.window.start}|${v.window.end}`;
          })
          .sort();
        // Observers' lanes are judged for fencing only when some leadership in them carries a token.
        const tokenLanes = new Set(events.filter((e) => e.type === "leader" && str(e, "token") !== undefined).map((e) => laneOfEvent(e)));
        const judged = (w: RefWindow): boolean => !w.group.includes("@") || tokenLanes.has(w.group);
        expect(got).toEqual(windowKeys(ref.staleLeaders(toleranceMs, recoveryMs).filter(judged)));
        expect(fencing.stats["staleLeaders"]).toBe(stale.length);
        if (stale.length > 0) withStale += 1;
      }),
      RUNS,
    );
    // Not vacuous: the generated histories do contain stale leaders.
    expect(withStale).toBeGreaterThan(RUNS.numRuns / 20);
  });

  it("liveness: exactly the leaderless leader-expected windows longer than the recovery bound", () => {
    fc.assert(
      fc.property(scenarioArb, ({ events, recoveryMs }) => {
        const ref = reference(events);
        const liveness = result(run(events, { recoveryMs }), "liveness");
        const expected = ref.leaderless.filter((w) => w.end - w.start > recoveryMs);
        expect(liveness.violationCount).toBe(expected.length);
        expect(livenessKeys(liveness.violations)).toEqual(windowKeys(expected));
        expect(liveness.valid).toBe(expected.length === 0);
        const total = ref.leaderless.reduce((sum, w) => sum + (w.end - w.start), 0);
        expect(liveness.stats["leaderlessExpectedMs"]).toBe(total);
      }),
      RUNS,
    );
  });
});
