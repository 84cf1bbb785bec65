import { readHistory, resolveHistoryPath } from "../history/reader.js";
import type { ParseSummary } from "../history/parse.js";
import { TimelineBuilder } from "./timeline.js";
import { checkTimeline, type Verdict } from "./verdict.js";
import type { CheckOptions } from "./types.js";

export interface HistoryCheck extends Verdict {
  file: string;
  history: ParseSummary;
  options: CheckOptions;
  /** Reader and timeline warnings (out-of-order lines, unknown types, stray heals, a torn last line). */
  warnings: string[];
}

/** Reads a history file (or run directory) and runs the checkers on it. */
export async function checkHistory(target: string, options: CheckOptions): Promise<HistoryCheck> {
  const file = await resolveHistoryPath(target);
  const builder = new TimelineBuilder();
  const history = await readHistory(file, (event) => builder.add(event));
  const timeline = builder.finish();
  const verdict = checkTimeline(timeline, options);
  return { ...verdict, file, history, options, warnings: [...history.warnings, ...timeline.warnings] };
}
