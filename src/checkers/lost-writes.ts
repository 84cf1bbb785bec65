import { PROTOCOL_SOURCE } from "../history/events.js";
import { readsCollector, type ReadBack } from "./read-backs.js";
import type { Timeline } from "./timeline.js";
import { writesCollector, type Write } from "./writes.js";
import { activeFaults, describeFaults, formatT, type Checker, type CheckerResult, type CheckOptions, type ViolationBase, type Window, type ActiveFault } from "./types.js";

export interface LostWriteViolation extends ViolationBase {
  checker: "lost-writes";
  /** lost-write: a member acknowledged `writes[0]`, and the member read at the end does not hold it. */
  kind: "lost-write";
  group: string;
  source: string;
  /** The member that acknowledged the write, then the member read. */
  nodes: [string, string];
  /** The instant the write was acknowledged. */
  window: Window;
  writes: [Write];
  /** The read that found it missing. */
  read: { t: number; from: string };
  faults: ActiveFault[];
  message: string;
}

/**
 * Lost writes (history v4): writes a member acknowledged that the member read at the end does not
 * hold (docs/history-format.md, "lost-writes"). Runs only when the history has a `read` event.
 * For every read with rows, every write of the same writer (`write.node` = `read.node`) and
 * group, accepted before the read, whose `seq` is not among the rows read, is lost: a violation.
 * When no read could be made (no member accepted writes at the end), the verdict is unknown.
 * Cost: one pass over the writes per read (a run has one read).
 */
export const lostWritesChecker = {
  name: "lost-writes",
  description: "writes a member acknowledged are still there when the primary of the end is read",
  enabled: (_options, timeline) => timeline.reads.length > 0,
  collectors: [writesCollector, readsCollector],
  view: (v) => ({ window: v.window, nodes: v.nodes }),
  check(timeline: Timeline, options: CheckOptions): CheckerResult<LostWriteViolation> {
    const violations: LostWriteViolation[] = [];
    let lost = 0;
    let acknowledged = 0;
    const made = timeline.reads.filter((r) => r.seqs !== undefined);
    const parts: string[] = [];
    for (const read of made) {
      const found = lostIn(timeline.writes, read);
      acknowledged += found.acknowledged;
      lost += found.lost.length;
      for (const w of found.lost) {
        if (violations.length >= options.maxReported) break;
        violations.push(describe(timeline, w, read));
      }
      parts.push(summaryOf(read, found));
    }
    violations.sort((a, b) => a.window.start - b.window.start);
    const stats = { reads: timeline.reads.length, readsMade: made.length, acknowledged, lost };
    if (made.length === 0) {
      const why = [...new Set(timeline.reads.map((r) => r.reason ?? "no reason given"))].join("; ");
      return {
        checker: "lost-writes",
        valid: "unknown",
        violations: [],
        violationCount: 0,
        warnings: [],
        warningCount: 0,
        summary: `could not tell which acknowledged writes survive: the rows were never read back (${why})`,
        error: `no read of the rows succeeded: ${why}`,
        stats,
      };
    }
    return {
      checker: "lost-writes",
      valid: lost === 0,
      violations,
      violationCount: lost,
      warnings: [],
      warningCount: 0,
      summary: lost === 0 ? `no acknowledged write lost: ${parts.join("; ")}` : `${lost} acknowledged write(s) lost: ${parts.join("; ")}`,
      stats,
    };
  },
} satisfies Checker<LostWriteViolation>;

/** The accepted writes of the read's writer and group before the read, and those it does not hold. */
export function lostIn(writes: readonly Write[], read: ReadBack): { acknowledged: number; lost: Write[] } {
  const held = new Set(read.seqs ?? []);
  let acknowledged = 0;
  const lost: Write[] = [];
  for (const w of writes) {
    if (w.t > read.t) break; // ordered by t
    if (w.witness !== read.reader || w.group !== read.group || w.outcome !== "accepted") continue;
    acknowledged += 1;
    if (!held.has(w.seq)) lost.push(w);
  }
  return { acknowledged, lost };
}

function summaryOf(read: ReadBack, found: { acknowledged: number; lost: Write[] }): string {
  const where = `${read.from ?? "?"} read at ${formatT(read.t)}`;
  if (found.lost.length === 0) return `all ${found.acknowledged} acknowledged write(s) on ${where}`;
  const byMember = new Map<string, Write[]>();
  for (const w of found.lost) {
    const list = byMember.get(w.from);
    if (list === undefined) byMember.set(w.from, [w]);
    else list.push(w);
  }
  const members = [...byMember.entries()].map(([m, ws]) => `${ws.length} acknowledged by ${m} (${formatT((ws[0] as Write).t)} to ${formatT((ws[ws.length - 1] as Write).t)})`);
  return `${found.lost.length} of ${found.acknowledged} missing from ${where}: ${members.join(", ")}`;
}

function describe(timeline: Timeline, w: Write, read: ReadBack): LostWriteViolation {
  const active = activeFaults(timeline.faults, w.t, w.t);
  const faults = active.list;
  return {
    checker: "lost-writes",
    kind: "lost-write",
    group: w.group,
    source: PROTOCOL_SOURCE,
    nodes: [w.from, read.from ?? "?"],
    window: { start: w.t, end: w.t },
    writes: [w],
    read: { t: read.t, from: read.from ?? "?" },
    faults,
    message: `lost write: ${w.from} acknowledged ${w.witness}'s row seq ${w.seq} at ${formatT(w.t)}, and ${read.from ?? "?"}, read at ${formatT(read.t)}, does not hold it; faults then: ${describeFaults(faults, active.total)}`,
  };
}
