import { join } from "node:path";
import { jsonText } from "../files/json-file.js";
import { VERDICT_FILE, type VerdictFile } from "../files/verdict-file.js";
import { writeReportSet, type ReportSetResult } from "./report-set.js";
import { TIMELINE_FILE, timelineReportFile } from "./timeline-file.js";
import type { VerdictInput } from "./timeline-model.js";

/** What a run directory's reports hold: the verdict.json value, junit.xml's text, and what the timeline draws. */
export interface RunReports {
  verdict: VerdictFile;
  junit: string;
  history: string;
  timelineVerdict: VerdictInput;
}

/**
 * Writes verdict.json, junit.xml and timeline.html into a run directory as one set
 * (writeReportSet): never a verdict.json beside a junit.xml of another check, and a timeline.html
 * that cannot be written never costs the other two (it is then in `skipped`, its old copy removed).
 */
export function writeRunReports(dir: string, reports: RunReports): Promise<ReportSetResult> {
  return writeReportSet(
    [
      { path: join(dir, VERDICT_FILE), render: () => jsonText(reports.verdict) },
      { path: join(dir, "junit.xml"), render: () => reports.junit },
    ],
    [timelineReportFile(reports.history, join(dir, TIMELINE_FILE), reports.timelineVerdict)],
  );
}
