import { stringify } from "yaml";
import type { DurationSpec, ScenarioSpec, StepSpec } from "../scenarios/types.js";
import { eventsOf, type FaultPlan } from "./fault-plan.js";

/**
 * A duration as a scenario file writes it, unscaled: `run --time-scale` multiplies it back to
 * `scaledMs`. Whole seconds as "12s", else milliseconds (a fraction only when the scale needs one).
 */
function unscaled(scaledMs: number, timeScale: number): DurationSpec {
  const ms = Math.round((scaledMs / timeScale) * 1000) / 1000;
  return Number.isInteger(ms) && ms % 1000 === 0 ? `${ms / 1000}s` : ms;
}

/**
 * The plan as a scenario whose steps compile (with the same time scale and any seed: targets
 * drawn by a seed are already drawn) back to the plan's schedule. A fault healed before anything
 * else happens is one `fault` step with `for`; overlapping faults are `inject` and `heal` steps.
 */
export function scenarioOf(plan: FaultPlan, timeScale: number, about: { name: string; summary: string; description: string }): ScenarioSpec {
  const steps: StepSpec[] = [];
  const events = eventsOf(plan);
  let t = 0;
  for (let i = 0; i < events.length; i += 1) {
    const e = events[i]!;
    if (e.t > t) steps.push({ wait: unscaled(e.t - t, timeScale) });
    t = e.t;
    const f = e.fault;
    if (e.do === "heal") {
      steps.push({ heal: f.id });
      continue;
    }
    const next = events[i + 1];
    if (f.length !== undefined && next !== undefined && next.do === "heal" && next.fault === f) {
      steps.push({ fault: f.fault, for: unscaled(f.length, timeScale), expectLeader: f.expectLeader, id: f.id });
      t = next.t;
      i += 1;
    } else {
      steps.push({ inject: f.fault, expectLeader: f.expectLeader, id: f.id });
    }
  }
  return { ...about, steps, settle: unscaled(plan.settleMs, timeScale) };
}

/** The scenario as a scenario file (shrunk.yaml), with a comment saying where it came from. */
export function scenarioFileText(scenario: ScenarioSpec, header: readonly string[]): string {
  const body = stringify(
    { name: scenario.name, summary: scenario.summary, description: scenario.description, steps: scenario.steps, ...(scenario.settle !== undefined ? { settle: scenario.settle } : {}) },
    { lineWidth: 0 },
  );
  return `${header.map((l) => `# ${l}`).join("\n")}\n${body}`;
}
