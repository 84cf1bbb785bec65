import type { FaultSpec, Schedule, ScheduledAction } from "../scenarios/types.js";

/**
 * A compiled schedule seen as what shrinking changes: a list of faults, each injected at `at`
 * and healed `length` later (all times scaled ms, as in the schedule), and the settle after the
 * last action. Pure: shrinking builds smaller plans and turns each back into a schedule.
 */
export interface PlannedFault {
  id: string;
  fault: FaultSpec;
  expectLeader: boolean;
  at: number;
  /** How long it is held; undefined: never healed by the schedule (the executor heals it at the end). */
  length?: number;
}

export interface FaultPlan {
  scenario: string;
  seed: number;
  faults: PlannedFault[];
  /** From the last inject or heal to the end. */
  settleMs: number;
}

/** The plan of a compiled schedule: each inject paired with its heal by id. */
export function planOf(schedule: Schedule): FaultPlan {
  const faults: PlannedFault[] = [];
  let last = 0;
  for (const a of schedule.actions) {
    if (a.do === "inject") {
      faults.push({ id: a.id, fault: a.fault, expectLeader: a.expectLeader, at: a.at });
      last = Math.max(last, a.at);
    } else if (a.do === "heal") {
      const f = faults.find((x) => x.id === a.id && x.length === undefined);
      if (f !== undefined) f.length = a.at - f.at;
      last = Math.max(last, a.at);
    }
  }
  return { scenario: schedule.scenario, seed: schedule.seed, faults, settleMs: schedule.endAt - last };
}

/** An inject or heal of the plan, in the order the schedule has them. */
export interface PlanEvent {
  t: number;
  do: "inject" | "heal";
  fault: PlannedFault;
}

/**
 * The plan's injects and heals in time order. At one instant: heals of faults injected before it
 * first, then injects, then heals of faults injected at that instant (a fault of length 0).
 */
export function eventsOf(plan: FaultPlan): PlanEvent[] {
  const events: Array<PlanEvent & { rank: number; order: number }> = [];
  plan.faults.forEach((f, order) => {
    events.push({ t: f.at, do: "inject", fault: f, rank: 1, order });
    if (f.length !== undefined) events.push({ t: f.at + f.length, do: "heal", fault: f, rank: f.length === 0 ? 2 : 0, order });
  });
  events.sort((a, b) => a.t - b.t || a.rank - b.rank || a.order - b.order);
  return events.map(({ t, do: d, fault }) => ({ t, do: d, fault }));
}

/** When the plan's last inject or heal happens (0 with no fault). */
export function lastActionAt(plan: FaultPlan): number {
  return plan.faults.reduce((m, f) => Math.max(m, f.at + (f.length ?? 0)), 0);
}

/** The schedule the plan stands for (what `run` executes and run.json records). */
export function scheduleOf(plan: FaultPlan): Schedule {
  const actions: ScheduledAction[] = eventsOf(plan).map((e) =>
    e.do === "inject" ? { at: e.t, do: "inject", id: e.fault.id, fault: e.fault.fault, expectLeader: e.fault.expectLeader } : { at: e.t, do: "heal", id: e.fault.id },
  );
  const endAt = lastActionAt(plan) + plan.settleMs;
  actions.push({ at: endAt, do: "end" });
  return { scenario: plan.scenario, seed: plan.seed, actions, endAt };
}

/** How long the plan runs, first inject to end (ms). */
export function planLength(plan: FaultPlan): number {
  return lastActionAt(plan) + plan.settleMs;
}

/**
 * How big a plan is, compared in this order: faults, length of the run, total time faults are
 * held, sum of the inject times. Every shrinking step makes one of them smaller without making
 * an earlier one bigger, so the search ends.
 */
export function sizeOf(plan: FaultPlan): [number, number, number, number] {
  return [plan.faults.length, planLength(plan), plan.faults.reduce((s, f) => s + (f.length ?? planLength(plan) - f.at), 0), plan.faults.reduce((s, f) => s + f.at, 0)];
}

/** Whether `a` is strictly smaller than `b` (sizeOf, compared in order). */
export function smaller(a: FaultPlan, b: FaultPlan): boolean {
  const sa = sizeOf(a);
  const sb = sizeOf(b);
  for (let i = 0; i < sa.length; i += 1) {
    if ((sa[i] as number) !== (sb[i] as number)) return (sa[i] as number) < (sb[i] as number);
  }
  return false;
}

/** The plan with only these faults (by id), times unchanged. */
export function keepFaults(plan: FaultPlan, ids: ReadonlySet<string>): FaultPlan {
  return { ...plan, faults: plan.faults.filter((f) => ids.has(f.id)) };
}

/** A stretch with no fault active: [start, end). The first starts at 0. */
export interface Gap {
  start: number;
  end: number;
}

/** The stretches before and between the faults in which no fault is active (not the settle). */
export function gapsOf(plan: FaultPlan): Gap[] {
  const gaps: Gap[] = [];
  let active = 0;
  let since = 0;
  for (const e of eventsOf(plan)) {
    if (e.do === "inject") {
      if (active === 0 && e.t > since) gaps.push({ start: since, end: e.t });
      active += 1;
    } else {
      active -= 1;
      if (active === 0) since = e.t;
    }
  }
  return gaps;
}

/** The plan with these gaps removed: every fault after a gap moves earlier by its length. */
export function withoutGaps(plan: FaultPlan, gaps: readonly Gap[]): FaultPlan {
  return {
    ...plan,
    faults: plan.faults.map((f) => {
      const shift = gaps.filter((g) => g.end <= f.at).reduce((s, g) => s + (g.end - g.start), 0);
      return shift === 0 ? f : { ...f, at: f.at - shift };
    }),
  };
}

/** The plan with one fault changed. */
export function withFault(plan: FaultPlan, id: string, change: Partial<Pick<PlannedFault, "at" | "length">>): FaultPlan {
  return { ...plan, faults: plan.faults.map((f) => (f.id === id ? { ...f, ...change } : f)) };
}
