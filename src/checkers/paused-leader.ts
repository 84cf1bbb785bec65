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
 * The pauses of each node, for "which pause held this node at time t": per node its pauses by
 * start, and the running "thawed last" pause over them. A query is a binary search, so judging
 * an overlap costs the same with 10 or 20,000 pauses in the history.
 */
export class PauseIndex {
  private readonly byNode = new Map<string, { starts: number[]; lastThawed: FaultWindow[] }>();

  /** `faults` ordered by start, as a timeline has them. */
  constructor(faults: readonly FaultWindow[]) {
    for (const f of faults) {
      if (f.fault !== "pause") continue;
      for (const node of new Set(f.targets)) {
        let entry = this.byNode.get(node);
        if (entry === undefined) this.byNode.set(node, (entry = { starts: [], lastThawed: [] }));
        const before = entry.lastThawed[entry.lastThawed.length - 1];
        entry.starts.push(f.start);
        // Of two pauses holding it (overlapping schedules), the one that thawed it last speaks for it (ties: the first).
        entry.lastThawed.push(before !== undefined && before.end >= f.end ? before : f);
      }
    }
  }

  /** The pause that began at or before `t`, was still holding `node` at `t`, and thawed it last. */
  holding(node: string, t: number): FaultWindow | undefined {
    const entry = this.byNode.get(node);
    if (entry === undefined) return undefined;
    let lo = 0;
    let hi = entry.starts.length; // first index whose start is > t
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((entry.starts[mid] as number) <= t) lo = mid + 1;
      else hi = mid;
    }
    const f = lo === 0 ? undefined : entry.lastThawed[lo - 1];
    return f !== undefined && f.end > t ? f : undefined;
  }
}

/**
 * Whether `first` (the earlier leader of an overlapping pair) was frozen by a `pause` fault at
 * the moment `later` started leading, and if so whether the overlap, which ends at `end`, ended
 * within `recoveryMs` after that pause healed. `faults` are ordered by start (or indexed once by
 * PauseIndex when many pairs are judged). Pairs that start together are never excused: neither
 * was superseded.
 */
export function pausedLeader(faults: readonly FaultWindow[] | PauseIndex, first: Interval, later: Interval, end: number, recoveryMs: number): PausedLeader | undefined {
  if (!(later.start > first.start)) return undefined;
  const index = faults instanceof PauseIndex ? faults : new PauseIndex(faults);
  const f = index.holding(first.node, later.start);
  if (f === undefined) return undefined;
  const afterThawMs = Math.max(0, end - f.end);
  return { fault: f, afterThawMs, excused: afterThawMs <= recoveryMs };
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
