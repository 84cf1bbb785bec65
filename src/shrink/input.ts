import { existsSync } from "node:fs";
import { join } from "node:path";
import { readVerdictFile } from "../files/verdict-file.js";
import { InputError } from "../errors/index.js";
import { readRunJson } from "../report/run-json.js";
import { violationKinds } from "../report/violation-kinds.js";
import { planReplay, type ReplayPlan } from "../run/replay.js";
import type { Schedule } from "../scenarios/types.js";

/** A failing run, read back for shrinking: what replay runs, and what the run found. */
export interface ShrinkInput {
  runDir: string;
  replay: ReplayPlan;
  schedule: Schedule;
  /** "checker/kind" of every kind of violation the run found. */
  kinds: string[];
  /** How long the run took, all in (ms), when run.json says. */
  runMs: number | undefined;
  /** Bring-up, teardown and check of the run (ms): what a run costs beyond its schedule. */
  overheadMs: number | undefined;
}

const HINT = "Shrink a run that failed (exit 1): a run directory written by `splitbrain run` with run.json and verdict.json.";

/**
 * Reads a run directory to shrink. Bad input (exit 64) when it has no run.json (planReplay says
 * so), no verdict.json (the run did not finish), or a verdict that is not a violation: a passing
 * or inconclusive run has nothing to shrink.
 */
export async function readShrinkInput(runDir: string): Promise<ShrinkInput> {
  const replay = await planReplay(runDir);
  const schedule = replay.options.schedule;
  if (schedule === undefined) throw new InputError(join(runDir, "run.json"), undefined, "has no schedule", HINT);
  const verdictFile = join(runDir, "verdict.json");
  if (!existsSync(verdictFile)) throw new InputError(runDir, undefined, "has no verdict.json: the run did not finish, so it shows no failure to shrink", HINT);
  const verdict = readVerdictFile(runDir, HINT);
  if (verdict.valid === true) throw new InputError(verdictFile, undefined, "the run passed: there is no failure to shrink", HINT);
  if (verdict.valid !== false) throw new InputError(verdictFile, undefined, "the run was inconclusive: it shows no failure to shrink", HINT);
  const kinds = violationKinds(verdict.checkers);
  if (kinds.length === 0) throw new InputError(verdictFile, undefined, "says the run failed but names no failed checker", HINT);
  const t = readRunJson(join(runDir, "run.json")).timings;
  return {
    runDir,
    replay,
    schedule,
    kinds,
    runMs: t === undefined ? undefined : t.bringUpMs + t.bodyMs + t.teardownMs + t.checkMs,
    overheadMs: t === undefined ? undefined : t.bringUpMs + t.teardownMs + t.checkMs,
  };
}
