import { existsSync } from "node:fs";
import { join } from "node:path";
import { z } from "zod";
import { ValiditySchema } from "./field-schemas.js";
import { readJsonFile } from "./json-file.js";

/**
 * verdict.json: the check as `splitbrain check --json` prints it, plus the scenario, the seed and,
 * when the run could not be completed, why (docs/contracts.md, the run directory). Written by
 * `run` and `report` (report/check-summary.ts `checkToJson`), read by `merge`, `replay` and
 * `shrink` through this one schema. Fields a newer splitbrain adds are kept, not refused.
 */

/**
 * The schema, built once for both uses: `z.object` gives the type the writer must satisfy (tsc
 * catches a field renamed on one side), `z.looseObject` the reader, which keeps what it does not
 * know (a violation's details, a newer splitbrain's fields).
 */
function verdictSchema(object: typeof z.object) {
  const checker = object({
    valid: ValiditySchema,
    summary: z.string(),
    violations: z.array(object({ message: z.string(), kind: z.string().optional() })),
    violationCount: z.number(),
    error: z.string().optional(),
  });
  return object({
    valid: ValiditySchema,
    exitCode: z.number().int().optional(),
    file: z.string().optional(),
    // Optional, so that a verdict.json of an older splitbrain still reads.
    history: object({
      run: z.string().nullable(),
      scenario: z.string().nullable(),
      seed: z.number().nullable(),
      startedAt: z.string().nullable(),
      lines: z.number(),
      events: z.number(),
      endT: z.number(),
    }).optional(),
    options: object({
      toleranceMs: z.number(),
      recoveryMs: z.number(),
      fencing: z.boolean(),
      possible: z.string().optional(),
      recorded: z.array(z.string()),
    }).optional(),
    scenario: z.string().nullish(),
    seed: z.number().nullish(),
    inconclusive: z.string().optional(),
    checkers: z.record(z.string(), checker),
    warnings: z.array(z.string()).optional(),
  });
}

export const VerdictFileSchema = verdictSchema(z.looseObject as typeof z.object);

export type VerdictFile = z.infer<typeof VerdictFileSchema>;

export const VERDICT_FILE = "verdict.json";

/** A run directory's verdict.json; bad input (exit 64) naming the field when it is not one splitbrain writes. */
export function readVerdictFile(runDir: string, hint?: string): VerdictFile {
  return readJsonFile(join(runDir, VERDICT_FILE), VerdictFileSchema, VERDICT_FILE, hint);
}

/** The verdict.json of a run directory, or undefined when there is none (the run did not finish). */
export function readVerdictFileIfAny(runDir: string, hint?: string): VerdictFile | undefined {
  return existsSync(join(runDir, VERDICT_FILE)) ? readVerdictFile(runDir, hint) : undefined;
}

/** The checkers that found a violation, in the file's order. */
export function failedCheckersOf(v: Pick<VerdictFile, "checkers">): string[] {
  return Object.entries(v.checkers)
    .filter(([, c]) => c.valid === false)
    .map(([n]) => n);
}
