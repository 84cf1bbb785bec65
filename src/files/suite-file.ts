import { z } from "zod";
import { caseLabel, type CaseOutcome, type Suite, type SuiteCase } from "../scenarios/suites.js";
import { ExpectSchema } from "./field-schemas.js";
import { readJsonFile } from "./json-file.js";

/**
 * suite-<name>.json: a suite's results (`run --suite --out`), per incident whether its bug was
 * reproduced and its correct candidate passed, and every case run with its run directory (with
 * `--repeat`, its `index`). Written by run/run-suite.ts, read by `merge` through this one schema.
 */

export const SuiteFileSchema = z.object({
  suite: z.string(),
  incidents: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      reproduced: z.boolean().optional(),
      correctPassed: z.boolean().optional(),
      cases: z.array(
        z.object({
          scenario: z.string(),
          candidate: z.string(),
          expect: ExpectSchema,
          outcome: z.enum(["reproduced", "missed", "passed", "false-positive", "inconclusive"]),
          failedCheckers: z.array(z.string()),
          seconds: z.number(),
          runDir: z.string(),
          seed: z.number(),
          index: z.number().int().positive().optional(),
          note: z.string().optional(),
        }),
      ),
    }),
  ),
});

export type SuiteFile = z.infer<typeof SuiteFileSchema>;

/** What the file records of one case run (report/suite-summary.ts SuiteCaseRow has these). */
export interface SuiteFileRow {
  case: SuiteCase;
  index?: number;
  outcome: CaseOutcome;
  failed: string[];
  seconds: number;
  result: { seed: number; runDir: string };
}

/** The suite's results as the file holds them. */
export function suiteFileOf(suite: Suite, rows: readonly SuiteFileRow[]): SuiteFile {
  return {
    suite: suite.name,
    incidents: suite.incidents.map((incident) => {
      const cases = rows.filter((r) => r.case.incident === incident.id);
      return {
        id: incident.id,
        title: incident.title,
        reproduced: cases.filter((r) => r.case.expect.verdict === "violation").every((r) => r.outcome === "reproduced"),
        correctPassed: cases.filter((r) => r.case.expect.verdict === "pass").every((r) => r.outcome === "passed"),
        cases: cases.map((r) => ({
          scenario: r.case.scenario,
          candidate: caseLabel(r.case),
          expect: r.case.expect,
          outcome: r.outcome,
          failedCheckers: r.failed,
          seconds: Math.round(r.seconds * 10) / 10,
          runDir: r.result.runDir,
          seed: r.result.seed,
          ...(r.index !== undefined ? { index: r.index } : {}),
          ...(r.case.note !== undefined ? { note: r.case.note } : {}),
        })),
      };
    }),
  };
}

/** A suite-<name>.json; bad input (exit 64) naming the field when it is not one splitbrain writes. */
export function readSuiteFile(file: string): SuiteFile {
  return readJsonFile(file, SuiteFileSchema, "suite result");
}
