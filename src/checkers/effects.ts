import { AcceptedTokens } from "./accepted-tokens.js";
import { PROTOCOL_SOURCE } from "../history/events.js";
import { seenBy, seenByAll, type Interval, type Timeline } from "./timeline.js";
import { writesCollector, type Write } from "./writes.js";
import {
  activeFaults,
  describeFaults,
  faultsDuring,
  formatMs,
  formatT,
  type CheckOptions,
  type Checker,
  type CheckerResult,
  type ViolationBase,
  type Window,
  type ActiveFault,
} from "./types.js";

export interface EffectsViolation extends ViolationBase {
  checker: "effects";
  /**
   * effect-split-brain: writes of both `nodes` were accepted inside one overlap of their leaderships.
   * stale-write: a write accepted with a token lower than one accepted before it (plain witness).
   * witness-accepted-stale: the same, by a fenced witness, which must have refused it.
   * refused-write (a warning): the witness refused a write; `writes[0]`, with why.
   */
  kind: "effect-split-brain" | "stale-write" | "witness-accepted-stale" | "refused-write";
  group: string;
  /** The lane's observer for a split brain; "protocol" for the witness's own findings. */
  source: string;
  /** Split brain: both writers; stale: the stale writer, then the holder of the higher token. */
  nodes: string[];
  window: Window;
  /** Split brain: the first accepted write of each node in the window; stale: the stale write, then the earlier higher one. */
  writes: Write[];
  faults: ActiveFault[];
  message: string;
}

/**
 * Effects (history v3): what leaders did, as the witness received it (docs/history-format.md,
 * "effects"). Runs only when the history has writes.
 * 1. effect-split-brain: for every pair of leadership intervals of different nodes in one lane
 *    that overlap for longer than the tolerance (the pairs the overlap checker counts), writes of
 *    both nodes were accepted inside the common window.
 * 2. stale-write: a write accepted with a token lower than a token accepted before it in its
 *    group; by a `fenced` witness this is witness-accepted-stale (it must have refused it).
 * Refused writes are warnings (notes): a refused stale write is the fence doing its job.
 * Cost: one pass over the writes, and a sweep over the intervals that hold an accepted write of
 * their node, which grows with the overlapping pairs among those (a handful in real runs).
 */
export const effectsChecker = {
  name: "effects",
  description: "writes the witness accepted: never from two leaders during an overlap, never with a token lower than one accepted before",
  enabled: (_options, timeline) => timeline.writes.length > 0,
  collectors: [writesCollector],
  view: (v) => ({ window: v.window, nodes: v.nodes }),
  check(timeline: Timeline, options: CheckOptions): CheckerResult<EffectsViolation> {
    // Findings are described only while fewer than maxReported of their rule are: a crowd is
    // counted, not built. Each rule keeps its own first ones, so stale writes cannot crowd out
    // split brains; the earliest maxReported of them all are reported.
    const collector = (): { found: EffectsViolation[]; add: (describe: () => EffectsViolation) => void } => {
      const found: EffectsViolation[] = [];
      const add = (describe: () => EffectsViolation): void => {
        if (found.length < options.maxReported) found.push(describe());
      };
      return { found, add };
    };
    const staleFound = collector();
    const refusedFound = collector();
    const splitFound = collector();
    const stale = staleWrites(timeline, staleFound.add, refusedFound.add);
    const split = splitBrains(timeline, options, splitFound.add);
    const violations = [...splitFound.found, ...staleFound.found].sort((a, b) => a.window.start - b.window.start).slice(0, options.maxReported);
    const warnings = refusedFound.found;
    const violationCount = split.count + stale.staleAccepted;
    const warningCount = stale.refused;

    const { accepted, refused, untokened, staleAccepted, staleRefused, byFenced } = stale;
    const parts: string[] = [];
    if (split.count > 0) parts.push(`${split.count} effect-level split brain(s): two leaders' writes accepted during one overlap${seenByAll(split.sources)}`);
    if (staleAccepted > 0) parts.push(`${staleAccepted} stale write(s) accepted${byFenced > 0 ? `, ${byFenced} of them by a fenced witness` : ""}`);
    const notes = [
      staleRefused > 0 ? `${staleRefused} stale write(s) refused by the witness` : undefined,
      refused - staleRefused > 0 ? `${refused - staleRefused} other write(s) refused` : undefined,
      untokened > 0 ? `${untokened} accepted write(s) without a token, not judged for staleness` : undefined,
    ].filter((x) => x !== undefined);
    const counts = `${timeline.writes.length} writes, ${accepted} accepted, ${refused} refused`;
    const noted = notes.length > 0 ? `; ${notes.join("; ")}` : "";
    const summary =
      violationCount === 0
        ? `no two leaders' writes accepted during an overlap, no stale write accepted (${counts})${noted}`
        : `${parts.join("; ")} (${counts})${noted}`;
    return {
      checker: "effects",
      valid: violationCount === 0,
      violations,
      violationCount,
      warnings,
      warningCount,
      summary,
      stats: {
        writes: timeline.writes.length,
        accepted,
        refused,
        untokened,
        staleAccepted,
        staleRefused,
        splitBrains: split.count,
        writingIntervals: split.intervals,
      },
    };
  },
} satisfies Checker<EffectsViolation>;

function describeWrite(w: Write): string {
  return `${w.from}'s write seq ${w.seq}${w.token === undefined ? " without a token" : ` with token ${w.token}`} at ${formatT(w.t)}`;
}

interface StaleCounts {
  accepted: number;
  refused: number;
  untokened: number;
  staleAccepted: number;
  staleRefused: number;
  byFenced: number;
}

/**
 * Walks the writes in time order with the tokens accepted so far per group: an accepted write
 * below one of them is stale (a violation), a refused one is a note that says why.
 */
function staleWrites(timeline: Timeline, violation: (describe: () => EffectsViolation) => void, warning: (describe: () => EffectsViolation) => void): StaleCounts {
  const counts: StaleCounts = { accepted: 0, refused: 0, untokened: 0, staleAccepted: 0, staleRefused: 0, byFenced: 0 };
  const groups = new Map<string, AcceptedTokens<Write>>();
  for (const w of timeline.writes) {
    let tokens = groups.get(w.group);
    if (tokens === undefined) groups.set(w.group, (tokens = new AcceptedTokens<Write>()));
    const above = w.token === undefined ? undefined : tokens.above(w.token)?.item;
    const base = (): Pick<EffectsViolation, "checker" | "group" | "source" | "window" | "faults"> => ({
      checker: "effects",
      group: w.group,
      source: PROTOCOL_SOURCE,
      window: { start: w.t, end: w.t },
      faults: faultsDuring(timeline.faults, w.t, w.t),
    });
    if (w.outcome === "refused") {
      counts.refused += 1;
      if (above !== undefined) counts.staleRefused += 1;
      const why = (): string =>
        above !== undefined
          ? `a stale write: ${above.from}'s token ${String(above.token)} was accepted at ${formatT(above.t)}`
          : w.token === undefined
            ? "it carries no token"
            : `no greater token had been accepted in group ${w.group} before it${w.highest !== undefined ? ` (the witness named ${w.highest} as its highest)` : ""}`;
      warning(() => ({
        ...base(),
        kind: "refused-write",
        nodes: above === undefined ? [w.from] : [w.from, above.from],
        writes: above === undefined ? [w] : [w, above],
        message: `the ${w.mode} witness refused ${describeWrite(w)} in group ${w.group}: ${why()}`,
      }));
      continue;
    }
    counts.accepted += 1;
    if (w.token === undefined) {
      counts.untokened += 1;
      continue;
    }
    if (above !== undefined) {
      counts.staleAccepted += 1;
      const fenced = w.mode === "fenced";
      if (fenced) counts.byFenced += 1;
      violation(() => {
        const b = base();
        const active = activeFaults(timeline.faults, w.t, w.t);
        return {
          ...b,
          kind: fenced ? "witness-accepted-stale" : "stale-write",
          nodes: [w.from, above.from],
          writes: [w, above],
          message: `stale write${fenced ? " accepted by a fenced witness (it must refuse it)" : ""}: ${describeWrite(w)} in group ${w.group} was accepted after ${describeWrite(above)}, a greater token; faults: ${describeFaults(b.faults, active.total)}`,
        };
      });
    }
    tokens.add(w.token, w);
  }
  return counts;
}

/** Accepted writes of one node in one group, by time. */
type WriteTimes = { t: number[]; writes: Write[] };

/** The index of the first write at or after `t` (after `t` when `past`). */
function bound(times: readonly number[], t: number, past = false): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const x = times[mid] as number;
    if (x < t || (past && x === t)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The accepted writes of `node` in [start, end), or [start, end] when `closed` (a leadership still
 * open when the history ends holds a write at its last instant): the first and how many.
 */
function writesIn(byNode: Map<string, WriteTimes>, node: string, start: number, end: number, closed: boolean): { first: Write; count: number } | undefined {
  const list = byNode.get(node);
  if (list === undefined) return undefined;
  const from = bound(list.t, start);
  const to = bound(list.t, end, closed);
  if (from >= to) return undefined;
  return { first: list.writes[from] as Write, count: to - from };
}

/**
 * Sweeps each lane's intervals that hold an accepted write of their node, by start: every pair of
 * different nodes that share more than the tolerance and both have an accepted write in their
 * common window [later start, first end) is an effect-level split brain.
 */
function splitBrains(timeline: Timeline, options: CheckOptions, violation: (describe: () => EffectsViolation) => void): { count: number; intervals: number; sources: Set<string> } {
  const byGroup = new Map<string, Map<string, WriteTimes>>();
  for (const w of timeline.writes) {
    if (w.outcome !== "accepted") continue;
    let nodes = byGroup.get(w.group);
    if (nodes === undefined) byGroup.set(w.group, (nodes = new Map()));
    let list = nodes.get(w.from);
    if (list === undefined) nodes.set(w.from, (list = { t: [], writes: [] }));
    list.t.push(w.t);
    list.writes.push(w);
  }
  let count = 0;
  let intervals = 0;
  const sources = new Set<string>();
  for (const { key, group, source } of timeline.lanes) {
    const byNode = byGroup.get(group);
    if (byNode === undefined) continue;
    const writing = (timeline.intervals.get(key) ?? []).filter((iv) => writesIn(byNode, iv.node, iv.start, iv.end, iv.endedBy === "end") !== undefined);
    intervals += writing.length;
    let running: Interval[] = [];
    for (const later of writing) {
      running = running.filter((iv) => iv.end > later.start);
      for (const first of running) {
        if (first.node === later.node) continue;
        const end = Math.min(first.end, later.end);
        if (!(end - later.start > options.toleranceMs)) continue;
        const a = writesIn(byNode, first.node, later.start, end, first.endedBy === "end" && first.end === end);
        const b = writesIn(byNode, later.node, later.start, end, later.endedBy === "end" && later.end === end);
        if (a === undefined || b === undefined) continue;
        count += 1;
        sources.add(source);
        violation(() => {
          const active = activeFaults(timeline.faults, later.start, end);
          const faults = active.list;
          const tokens = first.token !== undefined || later.token !== undefined ? `; leadership tokens ${first.node}=${first.token ?? "none"} ${later.node}=${later.token ?? "none"}` : "";
          return {
            checker: "effects",
            kind: "effect-split-brain",
            group,
            source,
            nodes: [first.node, later.node],
            window: { start: later.start, end },
            writes: [a.first, b.first],
            faults,
            message: `effect-level split brain: ${first.node} and ${later.node} both led group ${group}${seenBy(source)} from ${formatT(later.start)} to ${formatT(end)} (${formatMs(end - later.start)}) and the witness accepted writes of both: ${a.count} of ${first.node} (first ${describeWrite(a.first)}), ${b.count} of ${later.node} (first ${describeWrite(b.first)})${tokens}; faults: ${describeFaults(faults, active.total)}`,
          };
        });
      }
      running.push(later);
    }
  }
  return { count, intervals, sources };
}
