import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { checkHistory, type HistoryCheck } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "../checkers/types.js";
import { checkToJson } from "./check-summary.js";
import { renderJunit } from "./junit.js";
import { writeJson } from "./run-dir.js";
import { TIMELINE_FILE, writeTimeline } from "./timeline-file.js";

export interface RegeneratedReports {
  dir: string;
  check: HistoryCheck;
  files: string[];
}

/** The check options a run recorded in run.json (config.check), if any. */
function recordedOptions(dir: string): Partial<CheckOptions> {
  const file = join(dir, "run.json");
  if (!existsSync(file)) return {};
  try {
    const run = JSON.parse(readFileSync(file, "utf8")) as { config?: { check?: Partial<CheckOptions> } };
    const c = run.config?.check ?? {};
    return {
      ...(typeof c.toleranceMs === "number" ? { toleranceMs: c.toleranceMs } : {}),
      ...(typeof c.recoveryMs === "number" ? { recoveryMs: c.recoveryMs } : {}),
      ...(typeof c.fencing === "boolean" ? { fencing: c.fencing } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Rebuilds verdict.json, junit.xml and timeline.html next to a history, from the history alone
 * (and the check options run.json recorded, unless `overrides` says otherwise).
 */
export async function regenerateReports(target: string, overrides: Partial<CheckOptions>): Promise<RegeneratedReports> {
  const options: CheckOptions = { ...DEFAULT_CHECK_OPTIONS, ...recordedOptions(existsSync(join(target, "run.json")) ? target : dirname(target)), ...overrides };
  const check = await checkHistory(target, options);
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
