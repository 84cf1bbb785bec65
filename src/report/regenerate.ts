import { dirname } from "node:path";
import { checkHistoryAsRecorded, type HistoryCheck } from "../checkers/check-history.js";
import type { CheckOptions } from "../checkers/types.js";
import { checkToJson } from "./check-summary.js";
import { renderJunit } from "./junit.js";
import { writeRunReports } from "./run-reports.js";

export interface RegeneratedReports {
  dir: string;
  check: HistoryCheck;
  files: string[];
  /** Files that could not be written (timeline.html), with the error that says why. */
  skipped: { path: string; error: unknown }[];
}

/**
 * Rebuilds verdict.json, junit.xml and timeline.html next to a history, from the history alone
 * (and the check options its header recorded, unless `overrides` says otherwise). The three are
 * written as one set (writeRunReports).
 */
export async function regenerateReports(target: string, overrides: Partial<CheckOptions>): Promise<RegeneratedReports> {
  const check = await checkHistoryAsRecorded(target, overrides);
  const dir = dirname(check.file);
  const meta = check.history.meta;
  const verdict = { ...checkToJson(check), scenario: meta.scenario ?? null, seed: meta.seed ?? null };
  const junit = renderJunit([
    {
      scenario: String(meta.scenario ?? "history"),
      seed: Number(meta.seed ?? 0),
      runDir: dir,
      seconds: check.history.endT / 1000,
      checkers: check.checkers,
    },
  ]);
  const { written, skipped } = await writeRunReports(dir, { verdict, junit, history: check.file, timelineVerdict: { valid: check.valid, checkers: check.checkers } });
  return { dir, check, files: written, skipped };
}
