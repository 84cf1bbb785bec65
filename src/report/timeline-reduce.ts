import type { FaultBand, Mark, Reduction, Segment, TimelineModel, ViolationView } from "./timeline-view.js";

export type { Reduction } from "./timeline-view.js";

/**
 * Keeps timeline.html bounded for any history. A page draws at most a few thousand pixel
 * columns, so beyond `maxItems` drawn items (segments, marks, faults) the model is aggregated:
 * the history's length is cut into columns, and on each lane the items of one kind (and group,
 * role, state) that are less than a column apart are drawn as one item with a `count`. Items that
 * touch a violation window stay exact, so zooming to a violation shows what happened there. At
 * most `maxViolations` violations are drawn (verdict.json lists them). Pure.
 */
export interface ReduceLimits {
  /** Drawn items (segments + marks + faults) above which the model is aggregated. */
  maxItems: number;
  /** Violations and warnings drawn and listed. */
  maxViolations: number;
}

/** About 10 MB of page, which Chromium loads and redraws smoothly; a screen is ~2000 px wide. */
export const DEFAULT_LIMITS: ReduceLimits = { maxItems: 100_000, maxViolations: 1000 };


export function reduceTimelineModel(model: TimelineModel, limits: ReduceLimits = DEFAULT_LIMITS): TimelineModel {
  const violations = model.violations.length > limits.maxViolations ? model.violations.slice(0, limits.maxViolations) : model.violations;
  const items = model.segments.length + model.marks.length + model.faults.length;
  if (items <= limits.maxItems) {
    if (violations === model.violations) return model;
    return { ...model, violations, reduced: reduction(0, model, model, violations) };
  }
  const keep = exactWindows(violations);
  const span = Math.max(model.endT, 1);
  // Grouped and sorted once; each try below is linear.
  const segmentGroups = groupsOf(model.segments, (s) => `${s.lane}\u0000${s.kind}\u0000${s.kind === "down" ? "" : s.label}`, (s) => s.start);
  const markGroups = groupsOf(model.marks, (m) => `${m.lane}\u0000${m.kind}\u0000${m.label}`, (m) => m.t);
  const faultGroups = groupsOf(model.faults, (f) => `${f.fault}\u0000${f.targets.join(",")}\u0000${f.expectLeader}`, (f) => f.start);
  // A group keeps at most one item per column (plus exact ones), so columns * groups items always
  // fit: start at four times that and halve until the page fits.
  const groups = segmentGroups.length + markGroups.length + faultGroups.length;
  const start = Math.min(8192, 2 ** Math.floor(Math.log2(Math.max(64, (4 * limits.maxItems) / groups))));
  for (let columns = start; ; columns /= 2) {
    const columnMs = span / columns;
    const reduced = {
      segments: mergeSegments(segmentGroups, columnMs, keep),
      marks: thinMarks(markGroups, columnMs, keep),
      faults: mergeFaults(faultGroups, columnMs, keep),
    };
    if (reduced.segments.length + reduced.marks.length + reduced.faults.length <= limits.maxItems || columns <= 64) {
      return { ...model, ...reduced, violations, reduced: reduction(columnMs, model, reduced, violations) };
    }
  }
}

function reduction(columnMs: number, from: TimelineModel, to: Pick<TimelineModel, "segments" | "marks" | "faults">, violations: ViolationView[]): Reduction {
  return {
    columnMs,
    segments: [from.segments.length, to.segments.length],
    marks: [from.marks.length, to.marks.length],
    faults: [from.faults.length, to.faults.length],
    violations: [from.violations.length, violations.length],
  };
}

/** The union of the violation windows, sorted: items that touch one are never merged. */
type Windows = { starts: number[]; ends: number[] };

function exactWindows(violations: readonly ViolationView[]): Windows {
  const sorted = violations.map((v) => [v.start, v.end] as const).sort((a, b) => a[0] - b[0]);
  const starts: number[] = [];
  const ends: number[] = [];
  for (const [s, e] of sorted) {
    const last = ends.length - 1;
    if (last >= 0 && s <= (ends[last] as number)) ends[last] = Math.max(ends[last] as number, e);
    else {
      starts.push(s);
      ends.push(e);
    }
  }
  return { starts, ends };
}

/** Whether [start, end] touches a window (binary search for the last window starting at or before end). */
function touches(w: Windows, start: number, end: number): boolean {
  let lo = 0;
  let hi = w.starts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((w.starts[mid] as number) <= end) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found >= 0 && (w.ends[found] as number) >= start;
}

/** Groups items by a key, each group in start order. */
function groupsOf<T>(items: readonly T[], key: (item: T) => string, start: (item: T) => number): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list === undefined) groups.set(k, [item]);
    else list.push(item);
  }
  return [...groups.values()].map((list) => list.sort((a, b) => start(a) - start(b)));
}

function mergeSegments(groups: readonly Segment[][], columnMs: number, keep: Windows): Segment[] {
  const out: Segment[] = [];
  for (const list of groups) {
    let cur: Segment | undefined;
    for (const s of list) {
      const exact = touches(keep, s.start, s.end);
      if (cur !== undefined && !exact && s.start - cur.end < columnMs) {
        cur.count = (cur.count ?? 1) + (s.count ?? 1);
        cur.end = Math.max(cur.end, s.end);
        if (cur.token !== undefined || s.token !== undefined) cur.token = range(firstToken(cur.token), s.token);
        if (s.endedBy !== undefined) cur.endedBy = s.endedBy;
        if (cur.label !== s.label) cur.label = "";
        if (cur.epoch !== s.epoch) delete cur.epoch;
        continue;
      }
      cur = exact ? undefined : { ...s };
      out.push(cur ?? s);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function firstToken(token: string | undefined): string {
  if (token === undefined) return "(none)";
  const i = token.indexOf(" … ");
  return i < 0 ? token : token.slice(0, i);
}

function range(first: string, last: string | undefined): string {
  const l = last ?? "(none)";
  return first === l ? first : `${first} … ${l}`;
}

function thinMarks(groups: readonly Mark[][], columnMs: number, keep: Windows): Mark[] {
  const out: Mark[] = [];
  for (const list of groups) {
    let cur: Mark | undefined;
    for (const m of list) {
      const exact = touches(keep, m.t, m.t);
      if (cur !== undefined && !exact && Math.floor(m.t / columnMs) === Math.floor(cur.t / columnMs)) {
        cur.count = (cur.count ?? 1) + 1;
        continue;
      }
      cur = exact ? undefined : { ...m };
      out.push(cur ?? m);
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

function mergeFaults(groups: readonly FaultBand[][], columnMs: number, keep: Windows): FaultBand[] {
  const out: FaultBand[] = [];
  for (const list of groups) {
    let cur: FaultBand | undefined;
    let firstId = "";
    for (const f of list) {
      const exact = touches(keep, f.start, f.end);
      if (cur !== undefined && !exact && f.start - cur.end < columnMs) {
        cur.count = (cur.count ?? 1) + (f.count ?? 1);
        cur.end = Math.max(cur.end, f.end);
        cur.healed = f.healed;
        cur.id = `${firstId}…${f.id}`;
        continue;
      }
      firstId = f.id;
      cur = exact ? undefined : { ...f, targets: [...f.targets] };
      out.push(cur ?? f);
    }
  }
  return out.sort((a, b) => a.start - b.start);
}
