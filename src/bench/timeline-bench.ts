import { existsSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { writeTimeline } from "../report/timeline-file.js";
import { argValue } from "./common.js";
import { writeHistoryFile } from "./generate-history.js";

/**
 * timeline.html for large generated histories: size and time of the page, peak RSS.
 *   node dist/bench/timeline-bench.js --events 1000000 [--dir .bench/timeline]
 * One size per process, so that the peak RSS is this size's own. The history is generated once
 * (seed 1) and reused.
 */
const events = Number(argValue("--events") ?? 100_000);
const dir = resolve(argValue("--dir") ?? join(".bench", "timeline"));
const history = join(dir, `h-${events}`, "history.jsonl");
if (!existsSync(history)) writeHistoryFile(history, { seed: 1, events });

let peak = 0;
const sample = (): void => {
  peak = Math.max(peak, process.memoryUsage().rss);
};
const timer = setInterval(sample, 50);
const t0 = performance.now();
const check = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
const t1 = performance.now();
const out = join(dir, `h-${events}`, "timeline.html");
const model = await writeTimeline(history, out, check);
const t2 = performance.now();
sample();
clearInterval(timer);
const mib = (b: number): string => `${(b / 2 ** 20).toFixed(1)} MiB`;
console.log(
  JSON.stringify({
    events,
    historyBytes: statSync(history).size,
    checkMs: Math.round(t1 - t0),
    timelineMs: Math.round(t2 - t1),
    timelineBytes: statSync(out).size,
    timeline: mib(statSync(out).size),
    segments: model.segments.length,
    marks: model.marks.length,
    faults: model.faults.length,
    reduced: (model as { reduced?: unknown }).reduced ?? null,
    peakRss: mib(peak),
  }),
);
