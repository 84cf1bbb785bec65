import type { FaultWindow, Interval } from "./timeline.js";
import { formatMs, formatT } from "./types.js";

/**
 * A leader frozen by a `pause` fault when another node took over. A frozen process cannot
 * learn that it lost, whatever its code: it believes it leads until it is thawed and hears
 * from ZooKeeper. That belief is not a split brain by itself; what the frozen node *did* is
 * (its writes, judged by the effects checker). It must still step down soon after the thaw.
 */
export interface PausedLeader {
  /** The pause that held it when it was superseded. */
  fault: FaultWindow;
  /** How long the overlap went on after the thaw (0 when it ended while still frozen). */
  afterThawMs: number;
  /** Whether it stepped down within the recovery bound after the thaw. */
  excused: boolean;
}

/**
 * Whether `first` (the earlier leader of an overlapping pair) was frozen by a `pause` fault at
 * the moment `later` started leading, and if so whether the overlap, which ends at `end`, ended
 * within `recoveryMs` after that pause healed. `faults` are ordered by start. Pairs that start
 * together are never excused: neither was superseded.
 */
export function pausedLeader(faults: readonly FaultWindow[], first: Interval, later: Interval, end: number, recoveryMs: number): PausedLeader | undefined {
  if (!(later.start > first.start)) return undefined;
  let found: PausedLeader | undefined;
  for (const f of faults) {
    if (f.start > later.start) break;
    if (f.fault !== "pause" || !(f.end > later.start) || !f.targets.includes(first.node)) continue;
    const afterThawMs = Math.max(0, end - f.end);
    const candidate = { fault: f, afterThawMs, excused: afterThawMs <= recoveryMs };
    // Of two pauses holding it (overlapping schedules), the one that thawed it last speaks for it.
    if (found === undefined || f.end > found.fault.end) found = candidate;
  }
  return found;
}

/** The sentence a report adds to an overlap of a paused leader. */
export function describePausedLeader(node: string, successor: string, p: PausedLeader, recoveryMs: number, withWrites: boolean): string {
  const frozen = `${node} was frozen by ${p.fault.id} (${formatT(p.fault.start)}..${p.fault.healed ? `${Number(p.fault.end.toFixed(3))} ms` : "the end"}) when ${successor} took over`;
  if (!p.excused) {
    return `${frozen}, but it kept leading ${formatMs(p.afterThawMs)} after it was thawed, longer than the recovery bound ${formatMs(recoveryMs)}: a split brain`;
  }
  const after = p.afterThawMs > 0 ? `it stepped down ${formatMs(p.afterThawMs)} after it was thawed` : "its leadership ended while it was still frozen";
  return `${frozen}; ${after} (within the recovery bound ${formatMs(recoveryMs)}). A frozen process cannot know it lost, so its belief alone is no violation; its acts would be, and ${
    withWrites ? "the effects checker judges its writes" : "this history has none to judge (run with --witness to record its writes)"
  }`;
}
