import type { Validity } from "../checkers/types.js";
import { gapsOf, keepFaults, planLength, scheduleOf, smaller, withFault, withoutGaps, type FaultPlan } from "./fault-plan.js";
import { roleNamedPlans, type RolesAtInjection } from "./roles.js";

/** What one run of a plan came to. */
export interface Outcome {
  valid: Validity;
  /** "checker/kind" of every kind of violation found (report/violation-kinds.ts). */
  violations: string[];
  inconclusive?: string;
  runDir?: string;
  /** How long the run took, all in (ms). */
  ms: number;
}

/** Runs a plan once on a fresh cluster. The search only calls it; the CLI gives the real one, tests a fake. */
export type Runner = (plan: FaultPlan, attempt: { n: number; strategy: Strategy | "confirm" }) => Promise<Outcome>;

export type Strategy = "drop-faults" | "name-roles" | "drop-waits" | "shorten-faults" | "move-earlier";

/** The strategies, cheapest first (naming roles makes nothing smaller: it makes the failure repeat). */
export const STRATEGIES: readonly Strategy[] = ["drop-faults", "name-roles", "drop-waits", "shorten-faults", "move-earlier"];

/** One run the search made: what was tried and what came of it. */
export interface Attempt extends Outcome {
  n: number;
  strategy: Strategy | "confirm";
  /** What this candidate changed, in words. */
  change: string;
  /** Which try of this candidate (1 .. --tries; 1 .. --confirm for the confirmation). */
  try: number;
  faults: number;
  lengthMs: number;
  /** It failed with the target violation. */
  sameWay: boolean;
  schedule: ReturnType<typeof scheduleOf>;
}

export interface ShrinkOptions {
  /** The violation a candidate must show to count: "checker/kind". */
  target: string;
  /** A candidate fails when it fails the same way in at least one of this many runs. */
  tries: number;
  /** Runs of the final plan after the search, to say how often it fails. */
  confirm: number;
  /** At most this many runs for the search (the confirmation comes on top). */
  maxRuns: number;
  /** The search starts no run that would not end within this much time from its start (ms). */
  budgetMs: number;
  /** Runs at once (the tries of one candidate, the confirmation). */
  parallel: number;
  /** Stop shortening or moving a fault when the step is at most this (scaled ms). Default 1000. */
  resolutionMs?: number;
  /** The clock (ms); the search has none of its own. */
  now: () => number;
  /** How long a run of this plan takes, all in (ms); default: the plan's length. */
  estimateMs?: (plan: FaultPlan) => number;
  signal?: AbortSignal;
  onAttempt?: (attempt: Attempt) => void;
  /**
   * The role each node a fault named held when it was injected, in the run that showed a plan
   * failing (its run directory; undefined: the original run). Without it, faults keep the nodes
   * they name.
   */
  rolesOf?: (runDir: string | undefined) => Promise<RolesAtInjection | undefined>;
}

export type StopReason = "done" | "max-runs" | "budget" | "interrupted";

export interface ShrinkResult {
  original: FaultPlan;
  /** The smallest plan seen failing the same way (the original when none smaller did). */
  best: FaultPlan;
  /** The search's run that showed `best` failing; undefined when `best` is the original. */
  bestShownBy: Attempt | undefined;
  attempts: Attempt[];
  searchRuns: number;
  stopped: StopReason;
  elapsedMs: number;
  /** The final plan's confirmation runs: how many failed the same way. */
  confirmation: { runs: number; failed: number } | undefined;
}

/**
 * Shrinks a failing plan: tries smaller plans, cheapest strategy first, and keeps the smallest
 * that still fails the same way (the target violation in at least one of `tries` runs). Passes
 * over the strategies repeat until none makes the plan smaller, the runs or the time are used
 * up, or `signal` fires; the best so far is returned in every case. Pure but for the runner and
 * the clock, both given.
 */
export async function shrink(original: FaultPlan, runner: Runner, options: ShrinkOptions): Promise<ShrinkResult> {
  const started = options.now();
  const resolution = options.resolutionMs ?? 1000;
  const estimate = options.estimateMs ?? planLength;
  const attempts: Attempt[] = [];
  /** Plans run before: the run that showed one failing the same way, or null when none did. */
  const tested = new Map<string, Attempt | null>();
  let best = original;
  let bestShownBy: Attempt | undefined;
  let searchRuns = 0;
  let stopped: StopReason | undefined;

  const record = (plan: FaultPlan, strategy: Strategy | "confirm", change: string, tryNo: number, outcome: Outcome): Attempt => {
    const attempt: Attempt = {
      n: attempts.length + 1,
      strategy,
      change,
      try: tryNo,
      faults: plan.faults.length,
      lengthMs: planLength(plan),
      ...outcome,
      sameWay: outcome.valid === false && outcome.violations.includes(options.target),
      schedule: scheduleOf(plan),
    };
    attempts.push(attempt);
    options.onAttempt?.(attempt);
    return attempt;
  };

  /** Runs `count` runs of `plan` at once; undefined when interrupted. */
  const runBatch = async (plan: FaultPlan, strategy: Strategy | "confirm", change: string, firstTry: number, count: number): Promise<Attempt[] | undefined> => {
    const settled = await Promise.allSettled(Array.from({ length: count }, (_, i) => runner(plan, { n: attempts.length + 1 + i, strategy })));
    const done: Attempt[] = [];
    settled.forEach((s, i) => {
      if (s.status === "fulfilled") done.push(record(plan, strategy, change, firstTry + i, s.value));
    });
    const failure = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
    if (failure !== undefined) {
      if (options.signal?.aborted === true) {
        stopped = "interrupted";
        return undefined;
      }
      throw failure.reason;
    }
    return done;
  };

  /** Whether another search run may start for this plan; sets `stopped` when not. */
  const mayRun = (plan: FaultPlan): boolean => {
    if (stopped !== undefined) return false;
    if (options.signal?.aborted === true) stopped = "interrupted";
    else if (searchRuns >= options.maxRuns) stopped = "max-runs";
    else if (options.now() - started + estimate(plan) > options.budgetMs) stopped = "budget";
    return stopped === undefined;
  };

  /** The run that showed `plan` failing the same way in one of `tries` runs, if one did; a plan is never run twice. */
  const shownFailing = async (plan: FaultPlan, strategy: Strategy, change: string): Promise<Attempt | undefined> => {
    const key = JSON.stringify(scheduleOf(plan).actions);
    const known = tested.get(key);
    if (known !== undefined) return known ?? undefined;
    let tries = 0;
    while (tries < options.tries) {
      if (!mayRun(plan)) return undefined; // not known: not cached
      const count = Math.min(options.parallel, options.tries - tries, options.maxRuns - searchRuns);
      searchRuns += count;
      const done = await runBatch(plan, strategy, change, tries + 1, count);
      if (done === undefined) return undefined;
      tries += count;
      const shown = done.find((a) => a.sameWay);
      if (shown !== undefined) {
        tested.set(key, shown);
        return shown;
      }
    }
    tested.set(key, null);
    return undefined;
  };

  /** Whether `plan` fails the same way (then it becomes the best when it is smaller). */
  const failsSameWay = async (plan: FaultPlan, strategy: Strategy, change: string): Promise<boolean> => {
    const shown = await shownFailing(plan, strategy, change);
    return shown !== undefined && accept(plan, shown);
  };

  /** A plan shown failing the same way becomes the best when it is smaller. */
  const accept = (plan: FaultPlan, shown: Attempt): true => {
    if (smaller(plan, best)) {
      best = plan;
      bestShownBy = shown;
    }
    return true;
  };

  /** Tries `plan` if it is smaller than the best; true when it became the best. */
  const attempt = async (plan: FaultPlan, strategy: Strategy, change: string): Promise<boolean> => {
    if (!smaller(plan, best)) return false;
    return failsSameWay(plan, strategy, change);
  };

  /** The smallest value in (lo, hi) found failing by halving, `make` giving the plan; hi when none. */
  const bisect = async (lo: number, hi: number, make: (v: number) => FaultPlan, strategy: Strategy, change: (v: number) => string): Promise<void> => {
    while (hi - lo > resolution && stopped === undefined) {
      const mid = Math.round((lo + hi) / 2);
      if (await attempt(make(mid), strategy, change(mid))) hi = mid;
      else lo = mid;
    }
  };

  const strategies: Record<Strategy, () => Promise<void>> = {
    // Delta debugging (Zeller's ddmin) over the faults: keep a part, or drop one.
    "drop-faults": async () => {
      let current = best.faults.map((f) => f.id);
      let n = 2;
      while (current.length >= 2 && stopped === undefined) {
        const parts = split(current, n);
        let reduced = false;
        for (const part of parts) {
          if (await attempt(keepFaults(best, new Set(part)), "drop-faults", `keep ${part.join(", ")}`)) {
            current = part;
            n = 2;
            reduced = true;
            break;
          }
        }
        if (!reduced && n > 2) {
          for (const part of parts) {
            const rest = current.filter((id) => !part.includes(id));
            if (await attempt(keepFaults(best, new Set(rest)), "drop-faults", `drop ${part.join(", ")}`)) {
              current = rest;
              n = Math.max(n - 1, 2);
              reduced = true;
              break;
            }
          }
        }
        if (!reduced) {
          if (n >= current.length) break;
          n = Math.min(current.length, 2 * n);
        }
      }
    },
    // A fault that names a node which held a role when it was injected (in the run that showed
    // the best plan failing) names the role instead, if that fails the same way too: the same
    // size, but it hits what the failure needed whichever node holds the role in a new run.
    "name-roles": async () => {
      if (options.rolesOf === undefined) return;
      const roles = await options.rolesOf(bestShownBy?.runDir);
      if (roles === undefined) return;
      for (const id of best.faults.map((f) => f.id)) {
        if (stopped !== undefined) return;
        const named = roleNamedPlans(best, roles).find((x) => x.id === id);
        if (named === undefined) continue;
        const { plan, change } = named;
        const shown = await shownFailing(plan, "name-roles", change);
        if (shown !== undefined && !smaller(best, plan)) {
          best = plan;
          bestShownBy = shown;
        }
      }
    },
    // Every stretch with no fault active at once, then each alone (the last first, so the earlier ones stay where they are).
    "drop-waits": async () => {
      const gaps = gapsOf(best);
      if (gaps.length === 0) return;
      if (await attempt(withoutGaps(best, gaps), "drop-waits", `drop every wait (${gaps.length})`)) return;
      if (gaps.length === 1) return;
      for (const g of [...gapsOf(best)].reverse()) {
        if (stopped !== undefined) return;
        await attempt(withoutGaps(best, [g]), "drop-waits", `drop the wait at ${g.start}-${g.end} ms`);
      }
    },
    "shorten-faults": async () => {
      for (const id of best.faults.map((f) => f.id)) {
        const f = best.faults.find((x) => x.id === id);
        if (f?.length === undefined) continue;
        await bisect(0, f.length, (v) => withFault(best, id, { length: v }), "shorten-faults", (v) => `hold ${id} for ${v} ms`);
      }
    },
    "move-earlier": async () => {
      for (const id of best.faults.map((f) => f.id)) {
        const starts = best.faults.map((f) => f.at).sort((a, b) => a - b);
        const f = best.faults.find((x) => x.id === id);
        if (f === undefined) continue;
        const before = starts.filter((t) => t < f.at).pop() ?? 0;
        await bisect(before, f.at, (v) => withFault(best, id, { at: v }), "move-earlier", (v) => `inject ${id} at ${v} ms`);
      }
    },
  };

  for (;;) {
    const before = best;
    for (const s of STRATEGIES) {
      if (stopped !== undefined) break;
      await strategies[s]();
    }
    if (stopped !== undefined || best === before) break;
  }
  const reason: StopReason = stopped ?? "done";

  let confirmation: ShrinkResult["confirmation"];
  if (reason !== "interrupted" && options.confirm > 0) {
    let runs = 0;
    let failed = 0;
    while (runs < options.confirm) {
      const count = Math.min(options.parallel, options.confirm - runs);
      const done = await runBatch(best, "confirm", "confirm the result", runs + 1, count);
      if (done === undefined) break;
      runs += done.length;
      failed += done.filter((a) => a.sameWay).length;
    }
    confirmation = { runs, failed };
  }
  return { original, best, bestShownBy, attempts, searchRuns, stopped: stopped === "interrupted" ? "interrupted" : reason, elapsedMs: options.now() - started, confirmation };
}

/** `items` in `n` parts of nearly equal size, in order. */
export function split<T>(items: readonly T[], n: number): T[][] {
  const parts: T[][] = [];
  let start = 0;
  for (let i = 0; i < n; i += 1) {
    const end = start + Math.floor((items.length - start) / (n - i));
    if (end > start) parts.push(items.slice(start, end));
    start = end;
  }
  return parts;
}
