import type { Collector } from "./collector.js";
import type { FaultWindow, Timeline } from "./timeline.js";
import type { RegisteredViolation } from "./registry.js";

/** A checker's answer (Jepsen's `valid?`): true, false, or "unknown" when it could not decide. */
export type Validity = true | false | "unknown";

/** How an overlap in a polled lane was graded (checkers/evidence.ts): seen at once, or only possible. */
export interface OverlapEvidence {
  grade: "seen" | "possible";
  /** The lane's poll interval (ms); undefined for a push lane. */
  pollMs?: number;
  /** The longest time, within the overlap, that either node's source had no answer about it (ms). */
  unknownMs: number;
  /** Whether a possible overlap rests on answers missing for longer than one poll interval. */
  restsOnUnknown: boolean;
  /** The answers the grade rests on, one text per node, e.g. "c2: last seen leading t=77300 ms, unknown t=78000 ms (exit code 2), follower t=78970 ms". */
  answers: string[];
}

export interface Window {
  start: number;
  end: number;
}

/** A fault as named in a violation: which one, what kind, on which nodes, whether healed by then. */
export interface ActiveFault {
  id: string;
  fault: string;
  targets: string[];
  expectLeader: boolean;
  start: number;
  end: number;
}

/**
 * What every finding has. Each checker's module declares its own findings as an interface that
 * extends this one (its `checker` name and its `kind`s as literals), and `Violation`, the union of
 * them all, comes from the registry: a new checker edits no shared type.
 */
export interface ViolationBase {
  checker: string;
  kind: string;
  group: string;
  /** The observer whose view this is ("protocol": the candidate's own lines). */
  source: string;
  faults: ActiveFault[];
  message: string;
}

/** Any registered checker's finding: the union of their violation types (registry.ts). */
export type Violation = RegisteredViolation;

/** Where the timeline page draws a finding: over `window`, on the lanes of `nodes` (none: every candidate's lane of its observer). */
export interface ViolationPlace {
  window: Window;
  nodes: readonly string[];
}

export interface CheckerResult<V extends ViolationBase = Violation> {
  checker: string;
  valid: Validity;
  /** Violations in time order; at most `maxReported` of them (see `violationCount`). */
  violations: V[];
  violationCount: number;
  /** Findings that do not fail the check (e.g. fenced overlaps). */
  warnings: V[];
  warningCount: number;
  /** One line that says what was checked and what was found. */
  summary: string;
  /** Why the verdict is "unknown", when it is. */
  error?: string;
  stats: Record<string, number>;
}

export interface CheckOptions {
  /** An overlap must be longer than this to count (ms). */
  toleranceMs: number;
  /** A leaderless period inside a leader-expected stretch may last this long (ms). */
  recoveryMs: number;
  /** Fenced overlaps become warnings, and the fencing checker runs. */
  fencing: boolean;
  /** How many violations each checker reports in detail. */
  maxReported: number;
  /**
   * What a possible overlap (a polled lane's overlap that was not seen) resting on answers missing
   * for longer than one poll interval makes of the overlap check: "inconclusive" (the default:
   * exit 2), "warn", or "fail" (every possible overlap fails, as a seen one does). A possible
   * overlap within poll granularity is a warning unless "fail".
   */
  possible: PossiblePolicy;
}

export const POSSIBLE_POLICIES = ["inconclusive", "warn", "fail"] as const;
export type PossiblePolicy = (typeof POSSIBLE_POLICIES)[number];

export const DEFAULT_CHECK_OPTIONS: CheckOptions = {
  toleranceMs: 0,
  recoveryMs: 30_000,
  fencing: false,
  maxReported: 100,
  possible: "inconclusive",
};

/** A checker whose findings are `V`s (its module's violation type). */
export interface Checker<V extends ViolationBase = ViolationBase> {
  name: string;
  /** One line for --help and reports. */
  description: string;
  /**
   * Whether it runs with these options on this history (fencing runs only with --fencing,
   * effects only when the history has writes). One that does not run is left out of the verdict.
   */
  enabled(options: CheckOptions, timeline: Timeline): boolean;
  /** What it collects from the events beside the shared timeline: each collector fills one field of the timeline. */
  collectors?: readonly Collector[];
  check(timeline: Timeline, options: CheckOptions): CheckerResult<V>;
  /** Where the timeline page draws one of its findings. */
  view(v: V): ViolationPlace;
}

/** How many active faults a finding lists (the rest are counted): its size never grows with the faults. */
export const MAX_LISTED_FAULTS = 10;

/** The faults active during a finding: the first MAX_LISTED_FAULTS by start, and how many there were. */
export interface ActiveFaults {
  list: ActiveFault[];
  total: number;
}

/** Faults whose window shares time with [start, end) (or contains the instant when start == end). */
export function activeFaults(faults: readonly FaultWindow[], start: number, end: number): ActiveFaults {
  const list: ActiveFault[] = [];
  let total = 0;
  for (const f of faults) {
    if (f.start > end) break; // ordered by start
    const shares = start === end ? f.start <= start && f.end > start : f.start < end && f.end > start;
    if (!shares) continue;
    total += 1;
    if (list.length < MAX_LISTED_FAULTS) list.push({ id: f.id, fault: f.fault, targets: f.targets, expectLeader: f.expectLeader, start: f.start, end: f.end });
  }
  return { list, total };
}

/** The first MAX_LISTED_FAULTS faults active during [start, end) (activeFaults also counts them all). */
export function faultsDuring(faults: readonly FaultWindow[], start: number, end: number): ActiveFault[] {
  return activeFaults(faults, start, end).list;
}

/** "12.3 s" or "450 ms" or "0.4 ms". */
export function formatMs(ms: number): string {
  if (Math.abs(ms) >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (Math.abs(ms) >= 1000) return `${(ms / 1000).toFixed(2)} s`;
  if (Number.isInteger(ms)) return `${ms} ms`;
  return `${Number(ms.toFixed(3))} ms`;
}

/** A time on the history's clock, "t=1234.5". */
export function formatT(ms: number): string {
  return `t=${Number(ms.toFixed(3))}`;
}

/** "pause f1 on c1; kill f2 on c3", and "… and 12 more" past the listed ones (`total`: how many were active). */
export function describeFaults(faults: readonly ActiveFault[], total = faults.length): string {
  if (total === 0) return "no fault active";
  const more = total > faults.length ? `; … and ${total - faults.length} more` : "";
  return `${faults.map((f) => `${f.fault} ${f.id}${f.targets.length > 0 ? ` on ${f.targets.join(",")}` : ""}`).join("; ")}${more}`;
}
