import { join } from "node:path";
import { InconclusiveError } from "../errors/index.js";
import { violationKinds } from "../report/violation-kinds.js";
import { BringUpGates } from "../run/bring-up-gate.js";
import type { ReplayPlan } from "../run/replay.js";
import { runScenario } from "../run/run-scenario.js";
import { scenarioValidity, totalMs } from "../run/scenario-result.js";
import { scheduleOf } from "./fault-plan.js";
import { scenarioOf } from "./scenario-of.js";
import type { Runner } from "./search.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

export interface RealRunnerOptions {
  replay: ReplayPlan;
  /** Where the attempts' run directories go: <dir>/attempt-NNN. */
  dir: string;
  env: NodeJS.ProcessEnv;
  version: string;
  buildArgs?: Record<string, string>;
  /** Runs at once: with more than one, one bring-up at a time (as `run --parallel`). */
  parallel: number;
  signal: AbortSignal;
  /** A run's own progress lines (bring-up, faults), tagged with its attempt. */
  progress: (line: string) => void;
}

/**
 * The runner of a real shrink: each plan runs as `replay` runs a recorded run (the same
 * candidate, image, options and ensemble, on a fresh cluster), with the plan's schedule and
 * the scenario shrunk.yaml would hold. A run that cannot complete is inconclusive, not an error.
 */
export function realRunner(o: RealRunnerOptions): Runner {
  const gates = new BringUpGates();
  const about = {
    name: `${o.replay.options.scenario.name}-shrunk`,
    summary: `${o.replay.options.scenario.name}, shrunk`,
    description: `A smaller schedule of ${o.replay.options.scenario.name} found by splitbrain shrink.`,
  };
  return async (plan, attempt) => {
    const name = `attempt-${String(attempt.n).padStart(3, "0")}`;
    const started = Date.now();
    try {
      const r = await runScenario({
        ...o.replay.options,
        scenario: scenarioOf(plan, o.replay.options.timeScale, about),
        schedule: scheduleOf(plan),
        env: o.env,
        version: o.version,
        runsRoot: RUN_DEFAULTS.runsRoot,
        out: join(o.dir, name),
        keep: false,
        ...(o.buildArgs !== undefined ? { buildArgs: o.buildArgs } : {}),
        ...(o.parallel > 1 ? { bringUpGate: gates.for(o.env["DOCKER_HOST"]) } : {}),
        progress: (m) => o.progress(`${name}: ${m}`),
        signal: o.signal,
      });
      return {
        valid: scenarioValidity(r),
        violations: violationKinds(r.check?.checkers ?? {}),
        ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
        runDir: r.runDir,
        ms: totalMs(r),
      };
    } catch (err) {
      if (err instanceof InconclusiveError && !o.signal.aborted) return { valid: "unknown", violations: [], inconclusive: err.message, runDir: join(o.dir, name), ms: Date.now() - started };
      throw err;
    }
  };
}
