import type { FaultWindow } from "../checkers/timeline.js";
import type { CheckerResult, Validity } from "../checkers/types.js";

/**
 * What timeline.html draws, computed from a history (and optionally its verdict). Pure: no I/O.
 * Leadership intervals and fault windows come from the checkers' TimelineBuilder, so the page
 * shows exactly what the checkers judged.
 */
export interface TimelineModel {
  title: { run: string; scenario: string; seed: string; startedAt: string };
  verdict: VerdictView;
  /** The end of the history: the largest `t` of any event (ms). */
  endT: number;
  events: number;
  /** Election groups; a bar's sub-row when there are several. */
  groups: string[];
  /**
   * Candidates first, then ZooKeeper servers, each in natural order (c2 before c10). A candidate
   * watched by observers has a lane per observer too ("c1 http", "c1 zk": ZooKeeper's view).
   */
  lanes: Lane[];
  segments: Segment[];
  marks: Mark[];
  faults: FaultBand[];
  violations: ViolationView[];
  /** Set when the history was too large to draw item by item (timeline-reduce.ts). */
  reduced?: Reduction;
}

export type VerdictLabel = "PASS" | "FAIL" | "INCONCLUSIVE" | "NOT CHECKED";

export interface VerdictView {
  label: VerdictLabel;
  checkers: { name: string; label: VerdictLabel; summary: string; violationCount: number; warningCount: number }[];
}

export interface Lane {
  id: string;
  kind: "candidate" | "server";
}

/**
 * A stretch of a lane: a leadership (candidates), a down period (candidates), a stretch an
 * observer had no answer (unknown), the part of a polled observer's leadership it did not see
 * (unseen: after its last "leader" answer until its next definite one; the leadership there is
 * possible, not seen; docs/history-format.md, "Evidence") or a role (servers).
 */
export interface Segment {
  lane: string;
  kind: "leader" | "down" | "unknown" | "unseen" | "role";
  start: number;
  end: number;
  /** leader: the group; role: the role (leading, following, looking, down, …); down: the reason. */
  label: string;
  token?: string;
  endedBy?: string;
  epoch?: number;
  /** Aggregated (large histories): how many items of the history this one stands for. */
  count?: number;
}

/**
 * An instant on a candidate lane: the process went down or up, its session changed state, or
 * the witness received one of its writes (v3).
 */
export interface Mark {
  lane: string;
  t: number;
  kind: "down" | "up" | "conn" | "write";
  /** conn: the state; down: the reason, if any; write: "accepted" or "refused". */
  label: string;
  /** write: its sequence number, token, the witness's mode, and on a refusal the highest token. */
  detail?: string;
  /** Aggregated (large histories): how many marks of this lane, kind and state fall in this column. */
  count?: number;
}

/** A fault as the checkers saw it (the same window the verdict was judged on). */
export type FaultBand = FaultWindow & {
  /** Aggregated (large histories): how many faults of this kind and targets this band stands for. */
  count?: number;
};

export interface ViolationView {
  checker: string;
  kind: string;
  severity: "violation" | "warning";
  group: string;
  /** The lanes it is outlined on: both nodes of an overlap, every candidate for liveness. */
  lanes: string[];
  start: number;
  end: number;
  message: string;
}

/** The header fields the page shows; any history header (even an incomplete one) fits. */
export type TimelineMeta = Record<string, unknown>;

export interface VerdictInput {
  valid: Validity;
  checkers: Record<string, CheckerResult>;
}

/** What aggregation did, shown at the top of the page: [items in the history, items drawn]. */
export interface Reduction {
  columnMs: number;
  segments: [number, number];
  marks: [number, number];
  faults: [number, number];
  violations: [number, number];
}
