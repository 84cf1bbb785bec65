import { longestFirst } from "./start-order.js";

/**
 * How long a run will take, from its schedules alone (pure): each run brings up its cluster
 * (one bring-up at a time when several run at once, as `bring-up-gate.ts` does), runs its
 * schedule, then tears down and checks. Runs start longest first, as `run-pool.ts` starts them
 * (`start-order.ts`). An estimate, printed before anything starts (`run`'s first line,
 * `--dry-run`): image builds on first use and a loaded machine come on top.
 */

/** A run's teardown and check, about (run.json's phases on the 2-core machine). */
export const AFTER_RUN_MS = 2000;

export interface EstimateInput {
  /** Each run's schedule length (ms), in the order given. */
  lengthsMs: readonly number[];
  /** Runs at once. */
  parallel: number;
  /** One run's bring-up (network, ensemble serving, candidates ready), ms. */
  bringUpMs: number;
  /** One run's teardown and check, ms. */
  afterMs: number;
}

/** The wall time (ms) from start to the last verdict. */
export function estimateWallMs(input: EstimateInput): number {
  const { lengthsMs, bringUpMs, afterMs } = input;
  if (lengthsMs.length === 0) return 0;
  const parallel = Math.max(1, Math.min(Math.floor(input.parallel), lengthsMs.length));
  const order = longestFirst(lengthsMs).map((i) => lengthsMs[i] as number);
  // When each slot is free again, and when the bring-up gate is.
  const free = new Array<number>(parallel).fill(0);
  let gateFree = 0;
  let end = 0;
  for (const length of order) {
    let slot = 0;
    for (let i = 1; i < parallel; i += 1) if ((free[i] as number) < (free[slot] as number)) slot = i;
    const start = parallel > 1 ? Math.max(free[slot] as number, gateFree) : (free[slot] as number);
    gateFree = start + bringUpMs;
    const done = start + bringUpMs + length + afterMs;
    free[slot] = done;
    end = Math.max(end, done);
  }
  return end;
}

/** "5 min 45 s", "50 s", "1 h 02 min": whole seconds, rounded up. */
export function formatWall(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min${s % 60 > 0 ? ` ${String(s % 60).padStart(2, "0")} s` : ""}`;
  return `${Math.floor(s / 3600)} h ${String(Math.floor((s % 3600) / 60)).padStart(2, "0")} min`;
}

/** The line that says how long: "about 5 min 45 s: 3 run(s) of 84 s to 2 min 18 s, 1 at a time, each with a bring-up of about 8 s". */
export function describeEstimate(input: EstimateInput): string {
  const total = estimateWallMs(input);
  const lo = Math.min(...input.lengthsMs);
  const hi = Math.max(...input.lengthsMs);
  const span = lo === hi ? formatWall(hi) : `${formatWall(lo)} to ${formatWall(hi)}`;
  const at = Math.max(1, Math.min(input.parallel, input.lengthsMs.length));
  return `about ${formatWall(total)}: ${input.lengthsMs.length} run(s) of ${span}, ${at} at a time, each with a bring-up of about ${formatWall(input.bringUpMs)} (images already built)`;
}

/**
 * One run at a time (longest first, as `run-pool.ts` starts them): for each run, in the order
 * given, about how long the runs that start after it take (ms). The live view adds it to the
 * current run's countdown to say when the whole command ends.
 */
export function laterMsByIndex(lengthsMs: readonly number[], bringUpMs: number, afterMs: number): number[] {
  const order = longestFirst(lengthsMs);
  const later = new Array<number>(lengthsMs.length).fill(0);
  let sum = 0;
  for (let k = order.length - 1; k >= 0; k -= 1) {
    const i = order[k] as number;
    later[i] = sum;
    sum += bringUpMs + (lengthsMs[i] as number) + afterMs;
  }
  return later;
}
