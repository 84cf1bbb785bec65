import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { fileCandidate, resolveCandidate, withZkObserver } from "../candidates/registry.js";
import { isEnsembleSize, type EnsembleSize } from "../cluster/spec.js";
import { InputError } from "../errors/index.js";
import { pathMessages } from "../scenarios/load.js";
import type { Schedule, ScenarioSpec } from "../scenarios/types.js";
import type { RunScenarioOptions } from "./run-scenario.js";

/** The parts of run.json that replay needs; everything else in it is kept for people. */
const RunJsonSchema = z.looseObject({
  run: z.string(),
  scenario: z.string(),
  seed: z.number().int(),
  scenarioSpec: z.looseObject({ name: z.string(), steps: z.array(z.unknown()) }),
  schedule: z.looseObject({ scenario: z.string(), seed: z.number(), actions: z.array(z.looseObject({ at: z.number(), do: z.string() })), endAt: z.number() }),
  scheduleConfig: z.looseObject({ sessionTimeoutMs: z.number(), recoveryMs: z.number(), timeScale: z.number(), candidates: z.array(z.string()) }),
  config: z.looseObject({
    ensemble: z.looseObject({ size: z.number() }),
    zkImage: z.string(),
    check: z.looseObject({ toleranceMs: z.number(), fencing: z.boolean() }),
    candidates: z.looseObject({ binds: z.array(z.string()).optional() }).nullable().optional(),
  }),
  candidate: z.looseObject({ kind: z.string(), bug: z.string().optional(), image: z.unknown() }),
});

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
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    throw new InputError(runDir, undefined, "has no run.json", "Give a run directory written by `splitbrain run` (runs/<time>-<scenario>/).");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(file, undefined, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = RunJsonSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(file, undefined, `cannot be replayed:\n  ${pathMessages(parsed.error).join("\n  ")}`, "Only runs of `splitbrain run` can be replayed (not `splitbrain up`).");
  }
  const r = parsed.data;
  const size = r.config.ensemble.size;
  if (!isEnsembleSize(size)) throw new InputError(file, undefined, `config.ensemble.size: ${size} is not 1, 3, 5 or 7`);
  const kind = r.candidate.kind === "image" ? `image:${(r.candidate.image as { ref?: string }).ref ?? ""}` : r.candidate.kind;
  const recorded = r.candidate as Record<string, unknown>;
  const cfile = recorded["file"] as { path?: unknown; content?: unknown } | undefined;
  // A candidate file runs as recorded (its content is in run.json), not as it reads today.
  let candidate =
    cfile !== undefined && typeof cfile.path === "string" && typeof cfile.content === "string"
      ? fileCandidate(cfile.path, cfile.content)
      : resolveCandidate(kind, r.candidate.bug);
  const observe = recorded["observe"] as Array<Record<string, unknown>> | undefined;
  const zk = observe?.find((o) => "zk" in o)?.["zk"] as { electionPath?: unknown } | undefined;
  if (typeof zk?.electionPath === "string") candidate = withZkObserver(candidate, zk.electionPath);
  const candidateEnv = (r.config.candidates as { candidateEnv?: Record<string, string> } | null | undefined)?.candidateEnv;
  const ownZk = r.config.zkImage.startsWith("splitbrain/zookeeper:");
  let original: OriginalVerdict = { valid: undefined, failed: [] };
  try {
    const v = JSON.parse(await readFile(join(runDir, "verdict.json"), "utf8")) as { valid: true | false | "unknown"; checkers: Record<string, { valid: unknown }> };
    original = { valid: v.valid, failed: Object.entries(v.checkers ?? {}).filter(([, c]) => c.valid === false).map(([n]) => n) };
  } catch {
    // no verdict: the original run was interrupted; the replay still runs
  }
  return {
    original,
    options: {
      scenario: r.scenarioSpec as unknown as ScenarioSpec,
      seed: r.seed,
      servers: size as EnsembleSize,
      ...(ownZk ? {} : { zkImage: r.config.zkImage }),
      candidate,
      ...(candidateEnv !== undefined ? { candidateEnv } : {}),
      candidates: r.scheduleConfig.candidates.length,
      ...(r.config.candidates?.binds !== undefined ? { candidateBinds: r.config.candidates.binds } : {}),
      sessionTimeoutMs: r.scheduleConfig.sessionTimeoutMs,
      recoveryMs: r.scheduleConfig.recoveryMs,
      timeScale: r.scheduleConfig.timeScale,
      toleranceMs: r.config.check.toleranceMs,
      fencing: r.config.check.fencing,
      schedule: r.schedule as unknown as Schedule,
      replayOf: runDir,
    },
  };
}
