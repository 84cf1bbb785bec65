import { createReadStream } from "node:fs";
import { pathToFileURL } from "node:url";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { LineSplitter } from "../history/line-splitter.js";

/**
 * The bare baseline of the check benchmark: the same chunked read and line splitting as the
 * history reader, `JSON.parse` of every non-blank line, nothing else. Returns the lines parsed.
 */
export async function bareParse(file: string): Promise<number> {
  const splitter = new LineSplitter(file);
  let parsed = 0;
  const onLine = (line: string): void => {
    if (line.length === 0) return;
    const value: unknown = JSON.parse(line);
    if (value !== null) parsed += 1;
  };
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  for await (const chunk of stream) splitter.push(chunk as Buffer, onLine);
  const rest = splitter.end();
  if (rest !== undefined) onLine(rest);
  return parsed;
}

/** What one measured child run reports on stdout (one JSON line). */
export interface RssReport {
  mode: "check" | "bare";
  ms: number;
  /** Peak resident set size of the whole process, KiB (`process.resourceUsage().maxRSS`). */
  maxRssKiB: number;
  events: number;
  valid?: boolean | "unknown";
  violations?: Record<string, number>;
}

/**
 * `node dist/bench/check-rss.js [--bare] <history.jsonl>`: runs one check (or the bare parse) in
 * a fresh process, so that its peak RSS is the check's alone, and prints an RssReport.
 */
async function main(argv: string[]): Promise<void> {
  const bare = argv.includes("--bare");
  const file = argv.find((a) => !a.startsWith("--"));
  if (file === undefined) {
    process.stderr.write("usage: node dist/bench/check-rss.js [--bare] <history.jsonl>\n");
    process.exit(64);
  }
  const start = performance.now();
  let report: RssReport;
  if (bare) {
    const lines = await bareParse(file);
    report = { mode: "bare", ms: 0, maxRssKiB: 0, events: lines - 1 };
  } else {
    const result = await checkHistory(file, DEFAULT_CHECK_OPTIONS);
    const violations: Record<string, number> = {};
    for (const [name, r] of Object.entries(result.checkers)) violations[name] = r.violationCount;
    report = { mode: "check", ms: 0, maxRssKiB: 0, events: result.history.events, valid: result.valid, violations };
  }
  report.ms = performance.now() - start;
  report.maxRssKiB = process.resourceUsage().maxRSS;
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(2);
  });
}
