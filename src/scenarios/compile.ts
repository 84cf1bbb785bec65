import { durationMs, MAX_DURATION_MS, MAX_DURATION_TEXT } from "./duration.js";
import { printable } from "../util/printable.js";
import { pick, seededRandom } from "./random.js";
import { FAULT_KIND_NAMES, kindOf } from "../faults/registry.js";
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

/** A mistake in a scenario, found while compiling it: where (`steps.2.fault.targets.0`) and what. */
export interface ScenarioProblem {
  path: string;
  message: string;
}

/** A scenario that does not compile, with every problem found (not just the first). */
export class ScenarioCompileError extends Error {
  override name = "ScenarioCompileError";
  constructor(readonly scenario: string, readonly problems: readonly ScenarioProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("\n"));
  }
}

// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

const SYMBOLIC_TARGETS: readonly string[] = [...RUNTIME_TARGETS, "random-candidate", "random-zk"];

function targetProblem(t: TargetSpec, config: ScheduleConfig): string | undefined {
  if (SYMBOLIC_TARGETS.includes(t) || config.candidates.includes(t) || config.servers.includes(t)) return undefined;
  return `unknown target "${t}" (use ${SYMBOLIC_TARGETS.join(", ")}, or a node of this run: ${[...config.candidates, ...config.servers].join(", ")})`;
}

/**
 * The fault with its seeded targets drawn: its kind says which field holds its targets and what
 * else to check. Every problem is added to `problems`.
 */
function seedFault(fault: FaultSpec, rand: () => number, config: ScheduleConfig, where: string, problems: ScenarioProblem[]): FaultSpec {
  const kind = kindOf(fault.kind);
  if (kind === undefined) {
    problems.push({ path: `${where}.kind`, message: `unknown fault kind ${JSON.stringify(fault.kind)}: use one of ${FAULT_KIND_NAMES.join(", ")}` });
    return fault;
  }
  let seeded = fault;
  const field = kind.targetField;
  if (field !== undefined) {
    const targets = fault[field as keyof FaultSpec] as unknown as readonly TargetSpec[];
    targets.forEach((t, i) => {
      const message = targetProblem(t, config);
      if (message !== undefined) problems.push({ path: `${where}.${field}.${i}`, message });
      // Drawn targets may repeat; a node named twice is a mistake (it would be hit once).
      else if (!t.startsWith("random-") && targets.indexOf(t) !== i) problems.push({ path: `${where}.${field}.${i}`, message: `target "${printable(t)}" is named twice` });
    });
    seeded = { ...fault, [field]: resolveSeeded(targets, rand, config) };
  }
  for (const p of kind.check?.(seeded, config) ?? []) problems.push({ path: `${where}.${p.field}`, message: p.message });
  return seeded;
}

/**
 * Whether a correct system must still have a leader while this fault is active (docs/contracts.md,
 * "Whether a leader is expected"): the ZooKeeper quorum serves and some candidate can reach it.
 * Each kind decides (src/faults/kinds/); an unknown kind expects none.
 */
export function defaultExpectLeader(fault: FaultSpec, config: ScheduleConfig): boolean {
  return kindOf(fault.kind)?.expectLeader(fault, config) ?? false;
}

/**
 * Compiles a scenario into a schedule: absolute, scaled times; seeded choices drawn. Pure and
 * deterministic: the same scenario, config and seed give the same schedule. A scenario with
 * mistakes (an unknown target, a heal of a fault that is not active, an id used twice, a bad
 * duration) throws a ScenarioCompileError naming every one by its path (`steps.2.heal`).
 */
export function compileSchedule(scenario: ScenarioSpec, config: ScheduleConfig, seed: number): Schedule {
  const rand = seededRandom(seed);
  const problems: ScenarioProblem[] = [];
  const scale = (spec: Parameters<typeof durationMs>[0], path: string): number => {
    try {
      return Math.round(durationMs(spec, config.sessionTimeoutMs) * config.timeScale);
    } catch (err) {
      problems.push({ path, message: (err as Error).message });
      return 0;
    }
  };
  const actions: ScheduledAction[] = [];
  const active = new Set<string>();
  // Ids the file gives are reserved up front, so an unnamed fault's "f1" never clashes with a named one.
  const named = new Set(scenario.steps.flatMap((s) => ("fault" in s || "inject" in s) && s.id !== undefined ? [s.id] : []));
  const used = new Set<string>();
  let t = 0;
  let n = 0;
  const newId = (given: string | undefined, where: string): string => {
    if (given === undefined) {
      let id: string;
      do id = `f${++n}`;
      while (named.has(id));
      return id;
    }
    if (UNPRINTABLE.test(given)) problems.push({ path: `${where}.id`, message: `fault id ${JSON.stringify(given)} holds control characters; use letters, digits and punctuation` });
    if (used.has(given)) problems.push({ path: `${where}.id`, message: `fault id "${given}" is used twice (give every fault its own id)` });
    used.add(given);
    return given;
  };
  scenario.steps.forEach((step, i) => {
    const where = `steps.${i}`;
    if ("wait" in step) {
      t += scale(step.wait, `${where}.wait`);
    } else if ("fault" in step) {
      const id = newId(step.id, where);
      const fault = seedFault(step.fault, rand, config, `${where}.fault`, problems);
      actions.push({ at: t, do: "inject", id, fault, expectLeader: step.expectLeader ?? defaultExpectLeader(fault, config) });
      t += scale(step.for, `${where}.for`);
      actions.push({ at: t, do: "heal", id });
    } else if ("inject" in step) {
      const id = newId(step.id, where);
      const fault = seedFault(step.inject, rand, config, `${where}.inject`, problems);
      actions.push({ at: t, do: "inject", id, fault, expectLeader: step.expectLeader ?? defaultExpectLeader(fault, config) });
      active.add(id);
    } else {
      if (!active.has(step.heal)) {
        const known = [...active];
        problems.push({
          path: `${where}.heal`,
          message: `no active fault "${step.heal}" to heal (${known.length > 0 ? `active here: ${known.join(", ")}` : "none is active here"}; inject it first with an inject step and this id)`,
        });
        return;
      }
      active.delete(step.heal);
      actions.push({ at: t, do: "heal", id: step.heal });
    }
  });
  const settle = scenario.settle ?? config.recoveryMs + 2 * config.sessionTimeoutMs;
  t += scale(settle, "settle");
  if (t > MAX_DURATION_MS) {
    problems.push({ path: "steps", message: `the schedule lasts ${Math.round(t / 3_600_000)} h with its settle time; a scenario lasts at most ${MAX_DURATION_TEXT} in all` });
  }
  if (problems.length > 0) throw new ScenarioCompileError(scenario.name, problems);
  actions.push({ at: t, do: "end" });
  return { scenario: scenario.name, seed, actions, endAt: t };
}
