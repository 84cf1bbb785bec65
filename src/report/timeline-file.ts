import { mkdir, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { readHistory } from "../history/reader.js";
import { renderTimelineHtml } from "./timeline-html.js";
import { TimelineModelBuilder, type TimelineModel, type VerdictInput } from "./timeline-model.js";

export const TIMELINE_FILE = "timeline.html";

/**
 * Reads a history with the streaming reader and writes its timeline.html. The verdict, when
 * given, adds the title's verdict, the checkers' summaries and the violation outlines.
 */
export async function writeTimeline(historyFile: string, outFile: string, verdict?: VerdictInput): Promise<TimelineModel> {
  const builder = new TimelineModelBuilder();
  const summary = await readHistory(historyFile, (event) => builder.add(event));
  const model = builder.finish(summary.meta, verdict);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, renderTimelineHtml(model));
  return model;
}
