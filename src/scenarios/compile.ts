import { durationMs } from "./duration.js";
import { pick, seededRandom } from "./random.js";
import type { FaultSpec, Schedule, ScheduleConfig, ScheduledAction, ScenarioSpec, TargetSpec } from "./types.js";

/** Every target spec that is resolved at run time from the cluster's state. */
export const RUNTIME_TARGETS = ["leader", "follower", "zk-leader", "zk-follower", "all-candidates", "all-zk"] as const;

function resolveSeeded(targets: readonly TargetSpec[], rand: () => number, config: ScheduleConfig): TargetSpec[] {
  return targets.map((t) => {
    if (t === "random-candidate") return pick(rand, config.candidates);
    if (t === "random-zk") return pick(rand, config.servers);
    return t;
  });
}

function checkTarget(t: TargetSpec, config: ScheduleConfig, where: string): void {
  if ((RUNTIME_TARGETS as readonly string[]).includes(t) || t === "random-candidate" || t === "random-zk") return;
  if (config.candidates.includes(t) || config.servers.includes(t)) return;
  throw new Error(
    `${where}: unknown target "${t}" (use ${[...RUNTIME_TARGETS, "random-candidate", "random-zk"].join(", ")}, or a node: ${[...config.candidates, ...config.servers].join(", ")})`,
  );
}

/** The fault with its seeded targets drawn. */
function seedFault(fault: FaultSpec, rand: () => number, config: ScheduleConfig, where: string): FaultSpec {
  const check = (ts: readonly TargetSpec[]): void => ts.forEach((t) => checkTarget(t, config, where));
  switch (fault.kind) {
    case "partition-from-zk":
    case "kill":
    case "pause":
    case "partition":
      check(fault.targets);
      return { ...fault, targets: resolveSeeded(fault.targets, rand, config) };
    case "partition-zk":
      check(fault.minority);
      return { ...fault, minority: resolveSeeded(fault.minority, rand, config) };
    default:
      return fault;
  }
}

/**
 * Whether a correct system must still have a leader while this fault is active (DESIGN.md,
 * liveness): the ZooKeeper quorum serves and some candidate can reach it.
 */
export function defaultExpectLeader(fault: FaultSpec, config: ScheduleConfig): boolean {
  const quorum = Math.floor(config.servers.length / 2) + 1;
  const countOf = (targets: readonly TargetSpec[], all: readonly string[], allName: string): number => {
    if (targets.includes(allName)) return all.length;
    return new Set(targets).size;
  };
  switch (fault.kind) {
    case "zk-outage":
    case "zk-total-loss":
      return false;
    case "partition-zk":
      return config.servers.length - countOf(fault.minority, config.servers, "all-zk") >= quorum;
    case "partition-from-zk":
      return countOf(fault.targets, config.candidates, "all-candidates") < config.candidates.length;
    case "kill":
    case "pause": {
      const zkHit = fault.targets.filter((t) => config.servers.includes(t) || t === "zk-leader" || t === "zk-follower" || t === "all-zk" || t === "random-zk");
      const cHit = fault.targets.filter((t) => !zkHit.includes(t));
      const zkLeft = config.servers.length - countOf(zkHit, config.servers, "all-zk");
      const cLeft = config.candidates.length - countOf(cHit, config.candidates, "all-candidates");
      return zkLeft >= quorum && cLeft > 0;
    }
    case "partition":
      // Shapes that cut the ensemble or the candidates in parts have no safe default.
      return fault.shape === "isolate" && fault.targets.length === 1;
  }
}

/**
 * Compiles a scenario into a schedule: absolute, scaled times; seeded choices drawn. Pure and
 * deterministic: the same scenario, config and seed give the same schedule.
 */
export function compileSchedule(scenario: ScenarioSpec, config: ScheduleConfig, seed: number): Schedule {
  const rand = seededRandom(seed);
  const scale = (spec: Parameters<typeof durationMs>[0], where: string): number => {
    try {
      return Math.round(durationMs(spec, config.sessionTimeoutMs) * config.timeScale);
    } catch (err) {
      throw new Error(`${where}: ${(err as Error).message}`);
    }
  };
  const actions: ScheduledAction[] = [];
  const active = new Set<string>();
  const used = new Set<string>();
  let t = 0;
  let n = 0;
  const newId = (given: string | undefined, where: string): string => {
    const id = given ?? `f${++n}`;
    if (used.has(id)) throw new Error(`${where}: fault id "${id}" is used twice`);
    used.add(id);
    return id;
  };
  scenario.steps.forEach((step, i) => {
    const where = `steps[${i}]`;
    if ("wait" in step) {
      t += scale(step.wait, `${where}.wait`);
    } else if ("fault" in step) {
      const id = newId(step.id, where);
      const fault = seedFault(step.fault, rand, config, `${where}.fault`);
      actions.push({ at: t, do: "inject", id, fault, expectLeader: step.expectLeader ?? defaultExpectLeader(fault, config) });
      t += scale(step.for, `${where}.for`);
      actions.push({ at: t, do: "heal", id });
    } else if ("inject" in step) {
      const id = newId(step.id, where);
      const fault = seedFault(step.inject, rand, config, `${where}.inject`);
      actions.push({ at: t, do: "inject", id, fault, expectLeader: step.expectLeader ?? defaultExpectLeader(fault, config) });
      active.add(id);
    } else {
      if (!active.has(step.heal)) throw new Error(`${where}.heal: no active fault "${step.heal}" to heal (inject it first with an id)`);
      active.delete(step.heal);
      actions.push({ at: t, do: "heal", id: step.heal });
    }
  });
  const settle = scenario.settle ?? config.recoveryMs + 2 * config.sessionTimeoutMs;
  t += scale(settle, "settle");
  actions.push({ at: t, do: "end" });
  return { scenario: scenario.name, seed, actions, endAt: t };
}
