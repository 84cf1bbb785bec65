import type { ReadEvent } from "../history/parse.js";
import { checkerTimelineBuilder } from "../checkers/checker-timeline.js";
import { placeOf } from "../checkers/registry.js";
import { evidenceOf, nodeLane, type EvidenceInfo, type Interval } from "../checkers/timeline.js";
import { MetaHeaderFieldsSchema, PROTOCOL_SOURCE } from "../history/events.js";
import type { Validity, Violation } from "../checkers/types.js";
import { reduceTimelineModel } from "./timeline-reduce.js";

import type { FaultBand, Lane, Mark, Segment, TimelineMeta, TimelineModel, VerdictInput, VerdictLabel, VerdictView, ViolationView } from "./timeline-view.js";
import { validityWord } from "../checkers/verdict.js";

export type { FaultBand, Lane, Mark, Segment, TimelineMeta, TimelineModel, VerdictInput, VerdictLabel, VerdictView, ViolationView };

interface Observed {
  t: number;
  node: string;
  type: "zk-role" | "conn" | "up" | "down";
  value: string;
  epoch: number | undefined;
}

/**
 * Streaming form: `add` every event in file order, then `finish`. Keeps only what it draws; the
 * finished model is bounded (reduceTimelineModel aggregates what a screen cannot show).
 */
export class TimelineModelBuilder {
  private readonly timeline = checkerTimelineBuilder();
  private readonly observed: Observed[] = [];
  private readonly candidates = new Set<string>();
  private readonly servers = new Set<string>();

  /** `known`: as TimelineBuilder.add (a `write` of a v2 history is not the witness's). */
  add(event: ReadEvent, known = true): void {
    this.timeline.add(event, known);
    const e = event as Record<string, unknown> & ReadEvent;
    switch (event.type) {
      case "leader":
      case "follower":
      case "unknown":
        this.candidates.add(nodeLane(event.node, e["source"]));
        break;
      case "up":
      case "down":
        this.candidates.add(event.node);
        this.observe(e, typeof e["reason"] === "string" ? e["reason"] : "");
        break;
      case "conn":
        this.candidates.add(event.node);
        this.observe(e, String(e["state"]));
        break;
      case "zk-role":
        this.servers.add(event.node);
        this.observe(e, String(e["role"]), typeof e["epoch"] === "number" ? e["epoch"] : undefined);
        break;
      case "write":
        // The writer's lane (the witness's own node gets none); the marks come from the timeline.
        if (known && typeof e["from"] === "string") this.candidates.add(e["from"]);
        break;
      default:
        break;
    }
  }

  finish(meta: TimelineMeta, verdict?: VerdictInput): TimelineModel {
    const timeline = this.timeline.finish(evidenceOfHeader(meta));
    const endT = timeline.endT;
    const observed = this.observed.map((o, i) => ({ o, i })).sort((a, b) => a.o.t - b.o.t || a.i - b.i).map((x) => x.o);

    const segments: Segment[] = [];
    for (const list of timeline.intervals.values()) {
      for (const iv of list) {
        segments.push({ lane: nodeLane(iv.node, iv.source), kind: "leader", start: iv.start, end: iv.end, label: iv.group, ...(iv.token === undefined ? {} : { token: iv.token }), endedBy: iv.endedBy });
        for (const gap of unseenParts(iv)) segments.push({ lane: nodeLane(iv.node, iv.source), kind: "unseen", start: gap.start, end: gap.end, label: iv.group });
      }
    }
    for (const lane of timeline.lanes) {
      for (const w of timeline.unknown.get(lane.key) ?? []) {
        if (w.end > w.start) segments.push({ lane: nodeLane(w.node, lane.source), kind: "unknown", start: w.start, end: w.end, label: lane.source });
      }
    }
    // A process that is down is down in every observer's lane of it too.
    const observerLanes = new Map<string, string[]>();
    for (const id of this.candidates) {
      const sp = id.indexOf(" ");
      if (sp > 0) observerLanes.set(id.slice(0, sp), [...(observerLanes.get(id.slice(0, sp)) ?? []), id]);
    }
    const marks: Mark[] = [];
    const openRole = new Map<string, Segment>();
    const openDown = new Map<string, Segment>();
    for (const o of observed) {
      if (o.type === "zk-role") {
        const prev = openRole.get(o.node);
        if (prev !== undefined) prev.end = o.t;
        const seg: Segment = { lane: o.node, kind: "role", start: o.t, end: endT, label: o.value, ...(o.epoch === undefined ? {} : { epoch: o.epoch }) };
        segments.push(seg);
        openRole.set(o.node, seg);
        continue;
      }
      for (const lane of [o.node, ...(observerLanes.get(o.node) ?? [])]) {
        marks.push({ lane, t: o.t, kind: o.type, label: o.value });
        if (o.type === "down" && !openDown.has(lane)) {
          const seg: Segment = { lane, kind: "down", start: o.t, end: endT, label: o.value };
          segments.push(seg);
          openDown.set(lane, seg);
        } else if (o.type === "up") {
          const seg = openDown.get(lane);
          if (seg !== undefined) seg.end = o.t;
          openDown.delete(lane);
        }
      }
    }

    if (timeline.writes.length > 0) {
      for (const w of timeline.writes) {
        const detail = [`seq ${w.seq}`, w.token === undefined ? "no token" : `token ${w.token}`, w.mode, w.highest === undefined ? undefined : `highest accepted ${w.highest}`];
        marks.push({ lane: w.from, t: w.t, kind: "write", label: w.outcome, detail: detail.filter((x) => x !== undefined).join(", ") });
      }
      marks.sort((a, b) => a.t - b.t); // stable: the other marks keep their order
    }

    const faults: FaultBand[] = timeline.faults.map((f) => ({ ...f }));
    // A fault may target a node that never reported anything: it still gets a lane.
    for (const f of faults) {
      for (const target of f.targets) {
        if (this.candidates.has(target) || this.servers.has(target)) continue;
        (/^zk/i.test(target) ? this.servers : this.candidates).add(target);
      }
    }
    const collator = new Intl.Collator("en", { numeric: true });
    const order = (set: Set<string>): string[] => [...set].sort(collator.compare);
    const candidateIds = order(this.candidates).filter((id) => !this.servers.has(id));
    const lanes: Lane[] = [
      ...candidateIds.map((id) => ({ id, kind: "candidate" as const })),
      ...order(this.servers).map((id) => ({ id, kind: "server" as const })),
    ];

    return reduceTimelineModel({
      title: {
        run: text(meta["run"]),
        scenario: text(meta["scenario"]),
        seed: text(meta["seed"]),
        startedAt: text(meta["startedAt"]),
      },
      verdict: verdictView(verdict),
      endT,
      events: timeline.events,
      groups: timeline.groups,
      lanes,
      segments,
      marks,
      faults,
      violations: verdict === undefined ? [] : violationViews(verdict, candidateIds),
    });
  }

  private observe(e: ReadEvent, value: string, epoch?: number): void {
    this.observed.push({ t: e.t, node: e.node, type: e.type as Observed["type"], value, epoch });
  }
}

/** The evidence info of a header read as a plain record (a foreign header may lack either field). */
/** The header's version and observers, read with the history's own schema (the reader has checked them). */
const HeaderEvidenceSchema = MetaHeaderFieldsSchema.pick({ v: true, observers: true });

function evidenceOfHeader(meta: TimelineMeta): EvidenceInfo {
  const header = HeaderEvidenceSchema.safeParse(meta);
  return header.success ? evidenceOf({ v: header.data.v ?? 1, observers: header.data.observers }) : evidenceOf({ v: 1 });
}

/** The parts of a polled leadership its source did not see: between seen stretches and after the last. */
export function unseenParts(iv: Interval): Array<{ start: number; end: number }> {
  if (iv.seen === undefined) return [];
  const out: Array<{ start: number; end: number }> = [];
  let from = iv.start;
  for (const s of iv.seen) {
    if (s.start > from) out.push({ start: from, end: s.start });
    from = Math.max(from, s.end);
  }
  if (iv.end > from) out.push({ start: from, end: iv.end });
  return out;
}

/** Builds the model from events in memory (file order; they are sorted by `t` as the checkers do). */
export function buildTimelineModel(events: Iterable<ReadEvent>, meta: TimelineMeta, verdict?: VerdictInput): TimelineModel {
  const builder = new TimelineModelBuilder();
  for (const e of events) builder.add(e);
  return builder.finish(meta, verdict);
}

export function verdictLabel(valid: Validity | undefined): VerdictLabel {
  if (valid === undefined) return "NOT CHECKED";
  return validityWord(valid);
}

function verdictView(verdict: VerdictInput | undefined): VerdictView {
  if (verdict === undefined) return { label: "NOT CHECKED", checkers: [] };
  return {
    label: verdictLabel(verdict.valid),
    checkers: Object.entries(verdict.checkers).map(([name, r]) => ({
      name,
      label: verdictLabel(r.valid),
      summary: r.summary,
      violationCount: r.violationCount,
      warningCount: r.warningCount,
    })),
  };
}

function violationViews(verdict: VerdictInput, candidates: string[]): ViolationView[] {
  const out: ViolationView[] = [];
  for (const [name, result] of Object.entries(verdict.checkers)) {
    for (const v of result.violations) out.push(violationView(name, v, "violation", candidates));
    for (const v of result.warnings) out.push(violationView(name, v, "warning", candidates));
  }
  return out.sort((a, b) => a.start - b.start);
}

/**
 * Where a finding is drawn: over the window its checker's view gives, on the lanes of the nodes
 * it names as the observer that saw it sees them; a finding that names no node (a stretch without
 * a leader) spans every candidate's lane of that observer.
 */
function violationView(checker: string, v: Violation, severity: ViolationView["severity"], candidates: string[]): ViolationView {
  const base = { checker, kind: v.kind, severity, group: v.group, message: v.message };
  const source = v.source ?? PROTOCOL_SOURCE;
  const { window, nodes } = placeOf(checker, v);
  if (nodes.length > 0) return { ...base, lanes: nodes.map((n) => nodeLane(n, source)), start: window.start, end: window.end };
  const own = candidates.filter((id) => (source === PROTOCOL_SOURCE ? !id.includes(" ") : id.endsWith(` ${source}`)));
  return { ...base, lanes: own.length > 0 ? own : candidates, start: window.start, end: window.end };
}

function text(value: unknown): string {
  if (value === undefined || value === null) return "?";
  return typeof value === "string" ? value : JSON.stringify(value);
}
