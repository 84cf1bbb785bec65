import { existsSync, readFileSync } from "node:fs";
import { z } from "zod";
import { POSSIBLE_POLICIES } from "../checkers/types.js";
import type { ObserverInfo } from "../candidates/observers/observe.js";
import type { CandidateChoice } from "../candidates/registry.js";
import { fileSystemError } from "../errors/file-system.js";
import { InputError } from "../errors/index.js";
import { WRITE_MODES } from "../history/events.js";
import type { EngineInfo } from "../runtime/types.js";
import type { ExecutedAction } from "../scenarios/executor.js";
import { pathMessages } from "../scenarios/load.js";
import type { ScenarioSpec, Schedule, ScheduleConfig } from "../scenarios/types.js";
import { writeReportSet } from "./report-set.js";

/**
 * A recorded value that is kept whole (every field passes through, for replay) and typed as the
 * value the run wrote; the schema checks the fields readers rely on.
 */
function recorded<T>(schema: z.ZodType): z.ZodType<T> {
  return schema as unknown as z.ZodType<T>;
}

const EnsembleSchema = z.object({ size: z.number(), tickTime: z.number(), initLimit: z.number(), syncLimit: z.number() });

const CheckOptionsSchema = z.object({
  toleranceMs: z.number(),
  recoveryMs: z.number(),
  fencing: z.boolean(),
  maxReported: z.number().optional(),
  /** --possible (absent before history v5: the default). */
  possible: z.enum(POSSIBLE_POLICIES).optional(),
});

const CandidateChoiceSchema = recorded<CandidateChoice>(
  z.looseObject({
    kind: z.string(),
    bug: z.string().optional(),
    image: z.unknown(),
    label: z.string(),
    /** A candidate file: replay runs this content. */
    file: z.object({ path: z.string(), content: z.string() }).optional(),
    observe: z.array(z.looseObject({})).optional(),
  }),
);

/**
 * run.json (docs/contracts.md, run directory): the history header's fields, the engine and the
 * images; `splitbrain run` adds the scenario, its schedule and the candidate (what `replay`
 * needs) and, once the run is over, what was executed and how long each phase took; `up` adds
 * how long it stayed up. Reading accepts fields it does not know (a newer splitbrain's).
 */
export const RunJsonSchema = z.object({
  observers: recorded<ObserverInfo[]>(z.array(z.looseObject({ source: z.string(), kind: z.string(), pollMs: z.number().optional() }))).optional(),
  leaderSource: z.string().optional(),
  run: z.string(),
  scenario: z.string(),
  seed: z.number().int(),
  startedAt: z.string(),
  /** splitbrain's version. */
  splitbrain: z.string(),
  engine: recorded<EngineInfo>(z.looseObject({ endpoint: z.string(), version: z.string(), apiVersion: z.string(), os: z.string(), arch: z.string() })),
  config: z.object({
    ensemble: EnsembleSchema,
    zkImage: z.string(),
    candidates: z
      .object({
        choice: CandidateChoiceSchema,
        count: z.number().int(),
        sessionTimeoutMs: z.number(),
        electionPath: z.string(),
        extraEnv: z.record(z.string(), z.string()).optional(),
        binds: z.array(z.string()).optional(),
        candidateEnv: z.record(z.string(), z.string()).optional(),
        readyTimeoutMs: z.number().optional(),
        image: z.string().optional(),
      })
      .nullable(),
    observeIntervalMs: z.number(),
    check: CheckOptionsSchema,
    /** --witness: the witness's mode, when one ran (history v3 `write` events). */
    witness: z.enum(WRITE_MODES).optional(),
  }),
  // `splitbrain run`: what replay needs.
  scenarioSpec: recorded<ScenarioSpec>(z.looseObject({ name: z.string(), steps: z.array(z.unknown()) })).optional(),
  schedule: recorded<Schedule>(
    z.looseObject({ scenario: z.string(), seed: z.number(), actions: z.array(z.looseObject({ at: z.number(), do: z.string() })), endAt: z.number() }),
  ).optional(),
  scheduleConfig: recorded<ScheduleConfig>(
    z.looseObject({ sessionTimeoutMs: z.number(), recoveryMs: z.number(), timeScale: z.number(), candidates: z.array(z.string()), servers: z.array(z.string()) }),
  ).optional(),
  timeScale: z.number().optional(),
  scaled: z.object({ ensemble: EnsembleSchema, sessionTimeoutMs: z.number(), recoveryMs: z.number(), windowMs: z.number() }).optional(),
  candidate: CandidateChoiceSchema.optional(),
  /** The run directory this run replays. */
  replayOf: z.string().optional(),
  // `splitbrain up`: how long it stayed up (null: until Ctrl-C).
  durationMs: z.number().nullable().optional(),
  images: z.object({ zookeeper: z.string(), netutil: z.string(), candidate: z.string().nullable(), witness: z.string().optional() }),
  // Written when the run is over.
  executed: recorded<ExecutedAction[]>(z.array(z.looseObject({ at: z.number(), t: z.number(), do: z.string() }))).optional(),
  timings: z.object({ bringUpMs: z.number(), bodyMs: z.number(), teardownMs: z.number(), checkMs: z.number() }).optional(),
});

export type RunJson = z.infer<typeof RunJsonSchema>;

/** The fields a run adds to the history header and run.json: `run`'s scenario, or `up`'s duration. */
export type RunRecord = Pick<RunJson, "scenarioSpec" | "schedule" | "scheduleConfig" | "timeScale" | "scaled" | "candidate" | "replayOf" | "durationMs">;

/** Writes run.json (to a temporary name, then renamed: never a half-written file). */
export async function writeRunJson(path: string, value: RunJson): Promise<void> {
  await writeReportSet([{ path, render: () => `${JSON.stringify(value, null, 2)}\n` }]);
}

/**
 * Reads a run.json. A file that cannot be read is an UnreadableInputError; one that is not JSON
 * or not a run.json as splitbrain writes it is an InputError with one `file: field: message` line
 * per problem (exit 64).
 */
export function readRunJson(path: string): RunJson {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (err) {
    throw fileSystemError(err, path, "read");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(path, undefined, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = RunJsonSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(path, undefined, pathMessages(parsed.error).join(`\n${path}: `), "This is not a run.json as splitbrain writes it (docs/contracts.md, run directory).");
  }
  return parsed.data;
}

/** The run.json in a run directory, or undefined when there is none. */
export function readRunJsonIfAny(path: string): RunJson | undefined {
  return existsSync(path) ? readRunJson(path) : undefined;
}
