import { DEFAULT_GROUP, PROTOCOL_SOURCE } from "../history/events.js";
import type { ReadEvent } from "../history/parse.js";
import type { CollectedField, CollectedFields, Collecting, Collector } from "./collector.js";
import { Interner } from "./interner.js";

/** A leadership interval [start, end) of one node in one group (docs/history-format.md, "Leadership intervals"). */
export interface Interval {
  node: string;
  group: string;
  /** The observer that saw it ("protocol": the candidate's own lines). */
  source: string;
  start: number;
  end: number;
  token: string | undefined;
  /** How it ended: the node's follower or down event, a leader event with a new token, or the end of the history. */
  endedBy: "follower" | "down" | "leader" | "end";
  /**
   * Polled lanes only (http, exec, zk): the stretches in which the source saw the node leading,
   * each from a "leader" answer to the last "leader" answer before the source had no answer or
   * the interval ended, in order. Between and after them the node may or may not have led
   * (docs/history-format.md, "Evidence"). Undefined in a push lane (the protocol, a log), whose
   * every instant is stated by the node itself.
   */
  seen?: SeenStretch[];
}

/** A closed stretch [start, end] in which a polled source saw a node leading. */
export interface SeenStretch {
  start: number;
  end: number;
}

/**
 * What grading overlaps on evidence needs to know of a history: which sources poll, and how often
 * (the header's observers with `pollMs`), and whether it records the last answer of each stretch
 * (`seen` events, v5), or only changes, from which the last answer is estimated as one poll
 * interval before the change (v2-v4).
 */
export interface EvidenceInfo {
  polled: ReadonlyMap<string, number>;
  recordsSeen: boolean;
}

export const NO_POLLED_SOURCES: EvidenceInfo = { polled: new Map(), recordsSeen: true };

/** The evidence info of a history's header: its polled observers and whether it is v5 or newer. */
export function evidenceOf(meta: { v: number; observers?: ReadonlyArray<{ source: string; pollMs?: number | undefined }> | undefined }): EvidenceInfo {
  const polled = new Map<string, number>();
  for (const o of meta.observers ?? []) if (typeof o.pollMs === "number" && o.pollMs > 0) polled.set(o.source, o.pollMs);
  return { polled, recordsSeen: meta.v >= 5 };
}

/** A fault from its `fault` event to its `heal` (or the end of the history when never healed). */
export interface FaultWindow {
  id: string;
  fault: string;
  targets: string[];
  expectLeader: boolean;
  start: number;
  end: number;
  healed: boolean;
}

/**
 * One observer's view of one group: the unit every checker judges on its own. The protocol lane
 * of a group has the group's name as its key (so v1 histories read as before).
 */
export interface Lane {
  key: string;
  group: string;
  source: string;
}

/** The lane key of a group as seen by a source. */
export function laneKey(group: string, source: string): string {
  return source === PROTOCOL_SOURCE ? group : `${group}\u0000${source}`;
}

/** " (seen by http)" for an observer's lane, "" for the protocol's: the suffix of a finding. */
export function seenBy(source: string): string {
  return source === PROTOCOL_SOURCE ? "" : ` (seen by ${source})`;
}

/**
 * A node's row in displays (live view, timeline.html) as one source sees it: "c1" for the
 * protocol, "c1 http" for an observer.
 */
export function nodeLane(node: string, source: unknown): string {
  return typeof source !== "string" || source === PROTOCOL_SOURCE ? node : `${node} ${source}`;
}

/** " (seen by exec, http)" for the observers among these sources; "" when only the protocol's. */
export function seenByAll(sources: Iterable<string>): string {
  const named = [...sources].filter((s) => s !== PROTOCOL_SOURCE).sort();
  if (named.length === 0) return "";
  const all = [...sources];
  return ` (seen by ${[...(all.includes(PROTOCOL_SOURCE) ? [PROTOCOL_SOURCE] : []), ...named].join(", ")})`;
}

/** A stretch [start, end) during which a source had no answer about a node. */
export interface UnknownWindow {
  node: string;
  start: number;
  end: number;
  /** Why, as the first `unknown` event of the stretch said (e.g. "exit code 2"). */
  reason?: string;
}

/**
 * What the checkers read: intervals per group, fault windows, the end of the history (shared by
 * every checker), and the fields the checkers' own collectors fill (`CollectedFields`).
 */
export interface Timeline extends CollectedFields {
  /** The end of the history: the largest `t` of any event. */
  endT: number;
  /** Event lines seen, of any type. */
  events: number;
  /** Groups that have any leader or follower event; ["default"] when none has. */
  groups: string[];
  /** Every lane (group × source) that has a leader or follower event, in first-seen order of groups. */
  lanes: Lane[];
  /** Intervals of each lane (by `Lane.key`), ordered by start (ties in history order). */
  intervals: Map<string, Interval[]>;
  /** Stretches with no answer, per lane key, ordered by start (v2 `unknown` events). */
  unknown: Map<string, UnknownWindow[]>;
  /** Fault windows ordered by start. */
  faults: FaultWindow[];
  /** Oddities worth telling the user, e.g. a heal whose fault was never seen. */
  warnings: string[];
  /** The poll interval of each polled source (ms): their lanes' overlaps are graded on evidence. */
  polled: ReadonlyMap<string, number>;
}

const LEADER = 1;
const FOLLOWER = 2;
const DOWN = 3;
const FAULT = 4;
const HEAL = 5;
const UNKNOWN = 6;
const SEEN = 7;
const NONE = -1;

interface FaultInfo {
  id: string;
  fault: string;
  targets: string[];
  expectLeader: boolean;
}

/**
 * Collects the events that matter to the checkers in compact typed arrays (so 10 million events
 * fit in memory), then sorts them stably by `t` and derives the timeline. Pure: no I/O.
 */
export class TimelineBuilder {
  private count = 0;
  private t = new Float64Array(1 << 12);
  private kind = new Uint8Array(1 << 12);
  private node = new Int32Array(1 << 12);
  private group = new Int32Array(1 << 12);
  private aux = new Int32Array(1 << 12);
  private sorted = true;
  private events = 0;
  private endT = 0;
  private readonly nodes = new Interner();
  /** Lane keys (group × source); `laneInfo` has their parts. */
  private readonly groupNames = new Interner();
  private readonly laneInfo: Lane[] = [];
  private readonly tokens = new Interner();
  private readonly faultIds = new Interner();
  private readonly faultInfo: FaultInfo[] = [];
  private readonly electionGroups = new Set<number>();
  private readonly reasons = new Interner();
  /** The checkers' own collectors, each with its pass over this history. */
  private readonly collecting: Array<{ field: CollectedField; pass: Collecting<unknown> }>;

  /** `collectors`: the checkers' own (checker-timeline.ts has the registry's). */
  constructor(collectors: readonly Collector[]) {
    this.collecting = collectors.map((c) => ({ field: c.field, pass: c.start() }));
  }

  /**
   * Takes one event of the history, in file order. `known` is whether the reader validated it as
   * a type its history's version knows (a `write` line of a v2 history is someone else's event).
   */
  add(event: ReadEvent, known = true): void {
    this.events += 1;
    if (event.t > this.endT) this.endT = event.t;
    for (const c of this.collecting) c.pass.add(event, known);
    switch (event.type) {
      case "leader": {
        const e = event as { token?: string; group?: string; source?: string };
        const g = this.lane(e.group, e.source);
        this.electionGroups.add(g);
        this.push(event.t, LEADER, this.nodes.id(event.node), g, e.token === undefined ? NONE : this.tokens.id(e.token));
        break;
      }
      case "follower": {
        const e = event as { group?: string; source?: string };
        const g = this.lane(e.group, e.source);
        this.electionGroups.add(g);
        this.push(event.t, FOLLOWER, this.nodes.id(event.node), g, NONE);
        break;
      }
      case "unknown": {
        if (!known) break; // a v1 history's "unknown" line is someone else's event (history v2)
        const e = event as { group?: string; source?: string; reason?: unknown };
        const reason = typeof e.reason === "string" ? this.reasons.id(e.reason.slice(0, 200)) : NONE;
        this.push(event.t, UNKNOWN, this.nodes.id(event.node), this.lane(e.group, e.source), reason);
        break;
      }
      case "seen": {
        if (!known) break;
        const e = event as { group?: string; source?: string };
        this.push(event.t, SEEN, this.nodes.id(event.node), this.lane(e.group, e.source), NONE);
        break;
      }
      case "down":
        this.push(event.t, DOWN, this.nodes.id(event.node), NONE, NONE);
        break;
      case "fault": {
        const e = event as { id: string; fault: string; targets: string[]; expectLeader?: boolean };
        this.faultInfo.push({ id: e.id, fault: e.fault, targets: e.targets, expectLeader: e.expectLeader ?? false });
        this.push(event.t, FAULT, NONE, NONE, this.faultInfo.length - 1);
        break;
      }
      case "heal":
        this.push(event.t, HEAL, NONE, NONE, this.faultIds.id((event as { id: string }).id));
        break;
      default:
        break;
    }
  }

  /**
   * Derives the timeline. `evidence` says which sources poll (their intervals get `seen`
   * stretches) and whether the history records each stretch's last answer.
   */
  finish(evidence: EvidenceInfo = NO_POLLED_SOURCES): Timeline {
    const order = this.order();
    const warnings: string[] = [];
    const intervals = new Map<string, Interval[]>();
    const unknown = new Map<string, UnknownWindow[]>();
    const openUnknown = new Map<number, UnknownWindow>(); // same keys as `open`
    const open = new Map<number, Interval>(); // key: node * groups + group
    const openByNode = new Map<number, Set<number>>();
    const faults: FaultWindow[] = [];
    const openFaults = new Map<string, FaultWindow[]>();
    const groupCount = Math.max(1, this.groupNames.size);

    /** The open seen stretch of each open interval of a polled lane (same keys as `open`). */
    const openSeen = new Map<number, SeenStretch>();
    const pollOf = (g: number): number | undefined => evidence.polled.get((this.laneInfo[g] as Lane).source);
    /**
     * Ends the open seen stretch of `key` because the source's answer changed at `at`: at its last
     * recorded "leader" answer (v5), or estimated as one poll interval before the change (v2-v4,
     * which record changes only: every poll until the change answered "leader").
     */
    const endSeen = (key: number, at: number): void => {
      const stretch = openSeen.get(key);
      if (stretch === undefined) return;
      openSeen.delete(key);
      const iv = open.get(key);
      if (iv?.seen === undefined) return;
      const poll = pollOf(key % groupCount) ?? 0;
      if (!evidence.recordsSeen) stretch.end = Math.max(stretch.end, Math.min(at, at - poll));
      iv.seen.push(stretch);
    };

    const close = (key: number, at: number, endedBy: Interval["endedBy"]): void => {
      const iv = open.get(key);
      if (iv === undefined) return;
      endSeen(key, at);
      iv.end = at;
      iv.endedBy = endedBy;
      open.delete(key);
      openByNode.get(Math.floor(key / groupCount))?.delete(key);
    };

    const known = (key: number, at: number): void => {
      const w = openUnknown.get(key);
      if (w === undefined) return;
      w.end = at;
      openUnknown.delete(key);
    };

    for (let i = 0; i < this.count; i++) {
      const k = order === undefined ? i : (order[i] as number);
      const t = this.t[k] as number;
      const kind = this.kind[k];
      if (kind === UNKNOWN) {
        const n = this.node[k] as number;
        const g = this.group[k] as number;
        const key = n * groupCount + g;
        if (openUnknown.has(key)) continue;
        endSeen(key, t);
        const reasonId = this.aux[k] as number;
        const w: UnknownWindow = { node: this.nodes.value(n), start: t, end: t, ...(reasonId === NONE ? {} : { reason: this.reasons.value(reasonId) }) };
        const laneName = this.groupNames.value(g);
        let list = unknown.get(laneName);
        if (list === undefined) unknown.set(laneName, (list = []));
        list.push(w);
        openUnknown.set(key, w);
      } else if (kind === LEADER || kind === FOLLOWER) {
        const n = this.node[k] as number;
        const g = this.group[k] as number;
        const key = n * groupCount + g;
        known(key, t);
        const current = open.get(key);
        if (kind === FOLLOWER) {
          close(key, t, "follower");
          continue;
        }
        const tokenId = this.aux[k] as number;
        const token = tokenId === NONE ? undefined : this.tokens.value(tokenId);
        if (current !== undefined) {
          if (current.token === token) {
            // still the same leadership: seen again (a new stretch after a stretch without answers)
            if (current.seen !== undefined) {
              const stretch = openSeen.get(key);
              if (stretch === undefined) openSeen.set(key, { start: t, end: t });
              else stretch.end = Math.max(stretch.end, t);
            }
            continue;
          }
          close(key, t, "leader");
        }
        const lane = this.laneInfo[g] as Lane;
        const iv: Interval = { node: this.nodes.value(n), group: lane.group, source: lane.source, start: t, end: t, token, endedBy: "end" };
        if (evidence.polled.has(lane.source)) {
          iv.seen = [];
          openSeen.set(key, { start: t, end: t });
        }
        let list = intervals.get(lane.key);
        if (list === undefined) intervals.set(lane.key, (list = []));
        list.push(iv);
        open.set(key, iv);
        let keys = openByNode.get(n);
        if (keys === undefined) openByNode.set(n, (keys = new Set()));
        keys.add(key);
      } else if (kind === SEEN) {
        const key = (this.node[k] as number) * groupCount + (this.group[k] as number);
        const stretch = openSeen.get(key);
        if (stretch !== undefined && t > stretch.end) stretch.end = t;
      } else if (kind === DOWN) {
        const n = this.node[k] as number;
        const keys = openByNode.get(n);
        if (keys !== undefined) for (const key of [...keys]) close(key, t, "down");
        // A process that is down is known not to lead: it ends every "no answer" stretch too.
        for (let g = 0; g < groupCount; g++) known(n * groupCount + g, t);
      } else if (kind === FAULT) {
        const info = this.faultInfo[this.aux[k] as number] as FaultInfo;
        // An explicit literal, not `{ ...info, … }`: V8 gives spread copies a much larger layout,
        // which at 10M events (~300k faults) cost ~230 MiB of peak RSS (docs/benchmarks.md).
        const w: FaultWindow = {
          id: info.id,
          fault: info.fault,
          targets: info.targets,
          expectLeader: info.expectLeader,
          start: t,
          end: t,
          healed: false,
        };
        faults.push(w);
        let list = openFaults.get(info.id);
        if (list === undefined) openFaults.set(info.id, (list = []));
        list.push(w);
      } else if (kind === HEAL) {
        const id = this.faultIds.value(this.aux[k] as number);
        const list = openFaults.get(id);
        if (list === undefined || list.length === 0) {
          warnings.push(`heal at t=${t} names fault "${id}", which is not active; ignored`);
          continue;
        }
        for (const w of list) {
          w.end = t;
          w.healed = true;
        }
        openFaults.delete(id);
      }
    }
    for (const key of [...openSeen.keys()]) endSeen(key, this.endT);
    for (const iv of open.values()) {
      iv.end = this.endT;
      iv.endedBy = "end";
    }
    for (const list of openFaults.values()) for (const w of list) w.end = this.endT;
    for (const w of openUnknown.values()) w.end = this.endT;

    const lanes: Lane[] =
      this.electionGroups.size === 0
        ? [{ key: DEFAULT_GROUP, group: DEFAULT_GROUP, source: PROTOCOL_SOURCE }]
        : [...this.electionGroups].sort((a, b) => a - b).map((g) => this.laneInfo[g] as Lane);
    const groups = [...new Set(lanes.map((l) => l.group))];
    // The registry's type check (registry.ts) makes sure every field of CollectedFields has its collector.
    const collected = Object.fromEntries(this.collecting.map((c) => [c.field, c.pass.finish()])) as unknown as CollectedFields;
    return { ...collected, endT: this.endT, events: this.events, groups, lanes, intervals, unknown, faults, warnings, polled: evidence.polled };
  }

  /** The interned id of the lane of `group` as seen by `source` (both defaulted). */
  private lane(group: string | undefined, source: string | undefined): number {
    const g = group ?? DEFAULT_GROUP;
    const s = source ?? PROTOCOL_SOURCE;
    const key = laneKey(g, s);
    const before = this.groupNames.size;
    const id = this.groupNames.id(key);
    if (this.groupNames.size > before) this.laneInfo[id] = { key, group: g, source: s };
    return id;
  }

  private push(t: number, kind: number, node: number, group: number, aux: number): void {
    if (this.count === this.t.length) this.grow();
    const i = this.count++;
    if (i > 0 && t < (this.t[i - 1] as number)) this.sorted = false;
    this.t[i] = t;
    this.kind[i] = kind;
    this.node[i] = node;
    this.group[i] = group;
    this.aux[i] = aux;
  }

  private grow(): void {
    const size = this.t.length * 2;
    const t = new Float64Array(size);
    t.set(this.t);
    this.t = t;
    const kind = new Uint8Array(size);
    kind.set(this.kind);
    this.kind = kind;
    const node = new Int32Array(size);
    node.set(this.node);
    this.node = node;
    const group = new Int32Array(size);
    group.set(this.group);
    this.group = group;
    const aux = new Int32Array(size);
    aux.set(this.aux);
    this.aux = aux;
  }

  /** Indexes in stable `t` order, or undefined when the events already are in order. */
  private order(): Uint32Array | undefined {
    if (this.sorted) return undefined;
    const idx = new Uint32Array(this.count);
    for (let i = 0; i < this.count; i++) idx[i] = i;
    const t = this.t;
    idx.sort((a, b) => (t[a] as number) - (t[b] as number) || a - b);
    return idx;
  }
}

/**
 * The parts of each interval during which the lane's source had an answer about its node:
 * leadership that liveness may count. An interval with no unknown stretch is returned as is.
 */
export function knownLeadership(intervals: readonly Interval[], unknown: readonly UnknownWindow[] | undefined): Interval[] {
  if (unknown === undefined || unknown.length === 0) return intervals as Interval[];
  const byNode = new Map<string, UnknownWindow[]>();
  for (const w of unknown) {
    let list = byNode.get(w.node);
    if (list === undefined) byNode.set(w.node, (list = []));
    list.push(w);
  }
  const out: Interval[] = [];
  for (const iv of intervals) {
    const windows = byNode.get(iv.node);
    if (windows === undefined) {
      out.push(iv);
      continue;
    }
    let from = iv.start;
    for (const w of windows) {
      if (w.end <= from || w.start >= iv.end) continue;
      if (w.start > from) out.push({ ...iv, start: from, end: w.start, endedBy: "end" });
      from = Math.max(from, w.end);
      if (from >= iv.end) break;
    }
    if (from < iv.end) out.push({ ...iv, start: from });
  }
  return out.sort((a, b) => a.start - b.start);
}
