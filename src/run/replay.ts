import { existsSync } from "node:fs";
import { join } from "node:path";
import { failedCheckersOf, readVerdictFileIfAny } from "../files/verdict-file.js";
import { fileCandidate, resolveCandidate, withZkObserver } from "../candidates/registry.js";
import { isEnsembleSize, type EnsembleSize } from "../cluster/spec.js";
import { InputError } from "../errors/index.js";
import { readRunJson } from "../report/run-json.js";
import type { RunScenarioOptions } from "./run-scenario.js";

export interface OriginalVerdict {
  valid: true | false | "unknown" | undefined;
  failed: string[];
}

export interface ReplayPlan {
  options: Omit<RunScenarioOptions, "env" | "version" | "runsRoot" | "keep" | "progress" | "signal" | "buildArgs">;
  original: OriginalVerdict;
}

/** Reads a run directory's run.json (and verdict.json) into what a replay runs. */
export async function planReplay(runDir: string): Promise<ReplayPlan> {
  const file = join(runDir, "run.json");
  if (!existsSync(file)) {
    throw new InputError(runDir, undefined, "has no run.json", "Give a run directory written by `splitbrain run` (runs/<time>-<scenario>/).");
  }
  const r = readRunJson(file);
  const { scenarioSpec, schedule, scheduleConfig, candidate: recordedChoice } = r;
  if (scenarioSpec === undefined || schedule === undefined || scheduleConfig === undefined || recordedChoice === undefined) {
    const missing = Object.entries({ scenarioSpec, schedule, scheduleConfig, candidate: recordedChoice })
      .filter(([, v]) => v === undefined)
      .map(([k]) => k);
    throw new InputError(file, undefined, `cannot be replayed: no ${missing.join(", ")}`, "Only runs of `splitbrain run` can be replayed (not `splitbrain up`).");
  }
  const size = r.config.ensemble.size;
  if (!isEnsembleSize(size)) throw new InputError(file, undefined, `config.ensemble.size: ${size} is not 1, 3, 5 or 7`);
  const kind = recordedChoice.kind === "image" ? `image:${(recordedChoice.image as { ref?: string }).ref ?? ""}` : recordedChoice.kind;
  const cfile = recordedChoice.file;
  // A candidate file runs as recorded (its content is in run.json), not as it reads today.
  let candidate = cfile !== undefined ? fileCandidate(cfile.path, cfile.content) : resolveCandidate(kind, recordedChoice.bug);
  const observe = recordedChoice.observe as Array<Record<string, unknown>> | undefined;
  const zk = observe?.find((o) => "zk" in o)?.["zk"] as { electionPath?: unknown } | undefined;
  if (typeof zk?.electionPath === "string") candidate = withZkObserver(candidate, zk.electionPath);
  const candidateEnv = r.config.candidates?.candidateEnv;
  const ownZk = r.config.zkImage.startsWith("splitbrain/zookeeper:");
  // No verdict: the original run was interrupted; the replay still runs. A broken one is bad input.
  const v = readVerdictFileIfAny(runDir);
  const original: OriginalVerdict = v === undefined ? { valid: undefined, failed: [] } : { valid: v.valid, failed: failedCheckersOf(v) };
  return {
    original,
    options: {
      scenario: scenarioSpec,
      seed: r.seed,
      servers: size as EnsembleSize,
      ...(ownZk ? {} : { zkImage: r.config.zkImage }),
      candidate,
      ...(candidateEnv !== undefined ? { candidateEnv } : {}),
      candidates: scheduleConfig.candidates.length,
      ...(r.config.candidates?.binds !== undefined ? { candidateBinds: r.config.candidates.binds } : {}),
      sessionTimeoutMs: scheduleConfig.sessionTimeoutMs,
      recoveryMs: scheduleConfig.recoveryMs,
      timeScale: scheduleConfig.timeScale,
      toleranceMs: r.config.check.toleranceMs,
      fencing: r.config.check.fencing,
      ...(r.config.check.possible !== undefined ? { possible: r.config.check.possible } : {}),
      ...(r.config.witness !== undefined ? { witness: r.config.witness } : {}),
      schedule,
      replayOf: runDir,
    },
  };
}
