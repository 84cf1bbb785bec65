import { z } from "zod";
import { ValiditySchema } from "./field-schemas.js";
import { readJsonFile } from "./json-file.js";

/**
 * repeat.json (`run --repeat N --out DIR`): every run of the repeat (scenario, its index among
 * the scenario's repeats, seed, verdict, violations, run directory), the seed they were derived
 * from, and per scenario its failure rate. Written by cli/run-repeat.ts (report/repeat-summary.ts
 * `repeatToJson`), read by `merge` through this one schema, which joins the shards of one repeat.
 * An interrupted repeat (exit 130) writes it too, with the runs that finished and `interrupted`.
 */

export const RepeatRunSchema = z.object({
  scenario: z.string(),
  /** Its position among the scenario's repeats, from 1. */
  index: z.number().int().positive(),
  seed: z.number().int(),
  valid: ValiditySchema,
  /** "checker/kind" of every kind of violation it found (report/violation-kinds.ts). */
  violations: z.array(z.string()),
  inconclusive: z.string().optional(),
  seconds: z.number(),
  runDir: z.string(),
});

/** One run of a repeated scenario (`run --repeat`), live or read back from repeat.json. */
export type RepeatRun = z.infer<typeof RepeatRunSchema>;

const RepeatSummarySchema = z.object({
  scenario: z.string(),
  runs: z.number(),
  failed: z.number(),
  passed: z.number(),
  inconclusive: z.number(),
  interval: z.object({ low: z.number(), high: z.number() }),
  violations: z.array(z.object({ violation: z.string(), runs: z.number() })),
  failingSeeds: z.array(z.number()),
  failingRunDirs: z.array(z.string()),
  seconds: z.number(),
  valid: ValiditySchema,
  rate: z.string(),
});

export const RepeatFileSchema = z.object({
  repeat: z.object({ baseSeed: z.number().int(), count: z.number().int().positive() }),
  /** True when the repeat was interrupted (Ctrl-C, SIGTERM): `runs` are those that finished before it. Absent otherwise. */
  interrupted: z.literal(true).optional(),
  /** Derived from the runs; a reader recomputes them (merge joins shards first). */
  summaries: z.array(RepeatSummarySchema).optional(),
  runs: z.array(RepeatRunSchema),
});

export type RepeatFile = z.infer<typeof RepeatFileSchema>;

/** A repeat.json; bad input (exit 64) naming the field when it is not one splitbrain writes. */
export function readRepeatJson(file: string): RepeatFile {
  return readJsonFile(file, RepeatFileSchema, "repeat.json");
}
