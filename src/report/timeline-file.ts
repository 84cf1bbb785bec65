import { readHistory } from "../history/reader.js";
import { writeReportSet, type ReportFile } from "./report-set.js";
import { renderTimelineHtml } from "./timeline-html.js";
import { TimelineModelBuilder, type TimelineModel, type VerdictInput } from "./timeline-model.js";

export const TIMELINE_FILE = "timeline.html";

/** Reads a history with the streaming reader into the model timeline.html draws. */
export async function readTimelineModel(historyFile: string, verdict?: VerdictInput): Promise<TimelineModel> {
  const builder = new TimelineModelBuilder();
  const summary = await readHistory(historyFile, (event, _line, known) => builder.add(event, known));
  return builder.finish(summary.meta, verdict);
}

/** timeline.html as a file of a report set: rendered only when the set is written. */
export function timelineReportFile(historyFile: string, outFile: string, verdict?: VerdictInput): ReportFile {
  return { path: outFile, render: async () => renderTimelineHtml(await readTimelineModel(historyFile, verdict)) };
}

/**
 * Reads a history and writes its timeline.html (through a temporary file). The verdict, when
 * given, adds the title's verdict, the checkers' summaries and the violation outlines.
 */
export async function writeTimeline(historyFile: string, outFile: string, verdict?: VerdictInput): Promise<TimelineModel> {
  const model = await readTimelineModel(historyFile, verdict);
  await writeReportSet([{ path: outFile, render: () => renderTimelineHtml(model) }]);
  return model;
}
