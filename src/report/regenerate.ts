import { writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkHistoryAsRecorded, type HistoryCheck } from "../checkers/check-history.js";
import type { CheckOptions } from "../checkers/types.js";
import { checkToJson } from "./check-summary.js";
import { renderJunit } from "./junit.js";
import { writeJson } from "./run-dir.js";
import { TIMELINE_FILE, writeTimeline } from "./timeline-file.js";

export interface RegeneratedReports {
  dir: string;
  check: HistoryCheck;
  files: string[];
}

/**
 * Rebuilds verdict.json, junit.xml and timeline.html next to a history, from the history alone
 * (and the check options its header recorded, unless `overrides` says otherwise).
 */
export async function regenerateReports(target: string, overrides: Partial<CheckOptions>): Promise<RegeneratedReports> {
  const check = await checkHistoryAsRecorded(target, overrides);
  const dir = dirname(check.file);
  const meta = check.history.meta;
  const verdictFile = join(dir, "verdict.json");
  writeJson(verdictFile, { ...checkToJson(check), scenario: meta.scenario ?? null, seed: meta.seed ?? null });
  const junitFile = join(dir, "junit.xml");
  writeFileSync(
    junitFile,
    renderJunit([
      {
        scenario: String(meta.scenario ?? "history"),
        seed: Number(meta.seed ?? 0),
        runDir: dir,
        seconds: check.history.endT / 1000,
        checkers: check.checkers,
      },
    ]),
  );
  const timelineFile = join(dir, TIMELINE_FILE);
  await writeTimeline(check.file, timelineFile, { valid: check.valid, checkers: check.checkers });
  return { dir, check, files: [verdictFile, junitFile, timelineFile] };
}
