import { z } from "zod";
import { RepeatFileSchema } from "./repeat-file.js";
import { ExpectSchema, ValiditySchema } from "./field-schemas.js";
import { readJsonFile } from "./json-file.js";

/**
 * merge.json (`splitbrain merge --out DIR`): the merged verdict and exit code, every run, the
 * failure rate of every repeated scenario, and every suite case. Written by report/merge.ts
 * `mergedToJson` (its type is this schema's), read by whatever a user's pipeline does with it.
 */

export const MergeFileSchema = z.object({
  valid: ValiditySchema,
  exitCode: z.number().int(),
  runs: z.array(
    z.object({
      scenario: z.string(),
      valid: ValiditySchema,
      failedCheckers: z.array(z.string()),
      inconclusive: z.string().optional(),
      seed: z.number().nullable(),
      seconds: z.number().nullable(),
      runDir: z.string(),
    }),
  ),
  repeats: RepeatFileSchema.shape.summaries.unwrap(),
  suites: z.array(
    z.object({
      suite: z.string(),
      cases: z.array(
        z.object({
          incident: z.string(),
          scenario: z.string(),
          slug: z.string(),
          expect: ExpectSchema,
          outcome: z.enum(["reproduced", "missed", "passed", "false-positive", "inconclusive"]),
          failedCheckers: z.array(z.string()),
          seed: z.number(),
          runDir: z.string(),
        }),
      ),
    }),
  ),
});

export type MergeFile = z.infer<typeof MergeFileSchema>;

/** A merge.json; bad input (exit 64) naming the field when it is not one splitbrain writes. */
export function readMergeFile(file: string): MergeFile {
  return readJsonFile(file, MergeFileSchema, "merge.json");
}
