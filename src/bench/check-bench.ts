import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { bareParse, type RssReport } from "./check-rss.js";
import { GENERATOR_VERSION, writeHistoryFile, type GeneratedStats } from "./generate-history.js";

/**
 * `npm run bench`: the benchmark of `splitbrain check` (docs/benchmarks.md).
 *
 *   node --expose-gc dist/bench/check-bench.js [--events N] [--seed S] [--runs R] [--skip-10m]
 *
 * 1. Generates .bench/history-1m.jsonl (reused when a file of the same size, seed and generator
 *    version exists).
 * 2. In this process, alternating, best of R (3): the bare baseline (chunked read, line split,
 *    JSON.parse of each line) and checkHistory(file, DEFAULT_CHECK_OPTIONS).
 * 3. Peak RSS of a check of that file and of 10M events, each in a fresh child process.
 *
 * Goals (issue): check within 3x of the bare parse; under 1 GiB peak RSS at 10M events.
 */

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, "..", "..");
const BENCH_DIR = join(ROOT, ".bench");
const RSS_SCRIPT = join(HERE, "check-rss.js");
const RATIO_GOAL = 3;
const RSS_GOAL_MIB = 1024;
const BIG = 10_000_000;

interface Flags {
  events: number;
  seed: number;
  runs: number;
  skip10m: boolean;
}

function parseFlags(argv: string[]): Flags {
  const flags: Flags = { events: 1_000_000, seed: 42, runs: 3, skip10m: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = (): number => {
      const v = Number(argv[++i]);
      if (!Number.isSafeInteger(v) || v <= 0) usage(`${a} needs a positive integer`);
      return v;
    };
    if (a === "--events") flags.events = value();
    else if (a === "--seed") flags.seed = value();
    else if (a === "--runs") flags.runs = value();
    else if (a === "--skip-10m") flags.skip10m = true;
    else usage(`unknown flag ${a}`);
  }
  return flags;
}

function usage(problem: string): never {
  process.stderr.write(`check-bench: ${problem}\nusage: node --expose-gc dist/bench/check-bench.js [--events N] [--seed S] [--runs R] [--skip-10m]\n`);
  process.exit(64);
}

function label(events: number): string {
  if (events % 1_000_000 === 0) return `${events / 1_000_000}m`;
  if (events % 1000 === 0) return `${events / 1000}k`;
  return String(events);
}

interface Sidecar extends GeneratedStats {
  generatorVersion: number;
  seed: number;
  bytes: number;
}

/** The history file for `events` and `seed`, generated unless an identical one is cached. */
function ensureHistory(events: number, seed: number): { file: string; info: Sidecar } {
  const file = join(BENCH_DIR, `history-${label(events)}.jsonl`);
  const sidecarFile = `${file}.meta.json`;
  if (existsSync(file) && existsSync(sidecarFile)) {
    try {
      const info = JSON.parse(readFileSync(sidecarFile, "utf8")) as Sidecar;
      if (info.generatorVersion === GENERATOR_VERSION && info.seed === seed && info.events === events && info.bytes === statSync(file).size) {
        log(`reusing ${relative(process.cwd(), file)} (${fmtInt(events)} events, ${fmtMiB(info.bytes)}, seed ${seed})`);
        return { file, info };
      }
    } catch {
      // regenerate
    }
  }
  log(`generating ${relative(process.cwd(), file)} (${fmtInt(events)} events, seed ${seed}) ...`);
  const start = performance.now();
  const stats = writeHistoryFile(file, { seed, events });
  const info: Sidecar = { ...stats, generatorVersion: GENERATOR_VERSION, seed };
  writeFileSync(sidecarFile, `${JSON.stringify(info, null, 2)}\n`);
  log(`  done in ${fmtS(performance.now() - start)}: ${fmtMiB(stats.bytes)}, planted ${stats.overlaps} overlap(s) and ${stats.leaderless} leaderless stretch(es), ${stats.outOfOrder} line(s) out of order`);
  return { file, info };
}

/** Runs check-rss.js in a fresh process and returns its report. */
function inChild(file: string, bare = false): RssReport | { error: string } {
  const args = [RSS_SCRIPT, ...(bare ? ["--bare"] : []), file];
  const child = spawnSync(process.execPath, args, { encoding: "utf8", maxBuffer: 1 << 20 });
  if (child.status !== 0) {
    const why = child.signal !== null ? `killed by ${child.signal}` : `exit code ${child.status}`;
    return { error: `${why}: ${(child.stderr || "").trim().split("\n").slice(-3).join(" | ")}` };
  }
  return JSON.parse(child.stdout.trim().split("\n").pop() as string) as RssReport;
}

function gc(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

const log = (s: string): void => void process.stdout.write(`${s}\n`);
const fmtInt = (n: number): string => Math.round(n).toLocaleString("en-US");
const fmtS = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const fmtMiB = (bytes: number): string => `${(bytes / 1048576).toFixed(1)} MiB`;
const kibToMiB = (kib: number): number => kib / 1024;

function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? "").length))) ?? [];
  return rows
    .map((r, ri) => {
      const line = r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))).join("  ");
      return ri === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if ((globalThis as { gc?: unknown }).gc === undefined) log("note: run with node --expose-gc for steadier figures");
  log(`splitbrain check benchmark: Node ${process.version}, ${cpus().length} CPU(s) (${cpus()[0]?.model ?? "?"}), ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);

  const { file, info } = ensureHistory(flags.events, flags.seed);
  const events = info.events;

  // (a) bare read + JSON.parse and (b) checkHistory, alternating, best of `runs`
  const bareTimes: number[] = [];
  const checkTimes: number[] = [];
  let result: Awaited<ReturnType<typeof checkHistory>> | undefined;
  for (let run = 1; run <= flags.runs; run++) {
    gc();
    let start = performance.now();
    const parsed = await bareParse(file);
    bareTimes.push(performance.now() - start);
    if (parsed !== info.lines) throw new Error(`bare parse saw ${parsed} lines, expected ${info.lines}`);
    gc();
    start = performance.now();
    result = await checkHistory(file, DEFAULT_CHECK_OPTIONS);
    checkTimes.push(performance.now() - start);
    log(`  run ${run}: bare ${fmtS(bareTimes[run - 1] as number)}, check ${fmtS(checkTimes[run - 1] as number)}`);
  }
  if (result === undefined) throw new Error("no run");
  const bare = Math.min(...bareTimes);
  const check = Math.min(...checkTimes);
  const ratio = check / bare;

  // (c) peak RSS, each in a fresh process
  log("measuring peak RSS in child processes ...");
  const rssBare = inChild(file, true);
  const rssCheck = inChild(file);
  let rss10m: RssReport | { error: string } | undefined;
  let bigInfo: Sidecar | undefined;
  if (!flags.skip10m && events !== BIG) {
    const big = ensureHistory(BIG, flags.seed);
    bigInfo = big.info;
    log(`checking ${fmtInt(BIG)} events in a child process ...`);
    rss10m = inChild(big.file);
  } else if (events === BIG) rss10m = rssCheck;

  // report
  const lbl = label(events);
  const overlap = result.checkers["overlap"]?.violationCount ?? 0;
  const liveness = result.checkers["liveness"]?.violationCount ?? 0;
  const plantedOk = overlap === info.overlaps && liveness === info.leaderless;
  const rssCell = (r: RssReport | { error: string } | undefined): string =>
    r === undefined ? "skipped" : "error" in r ? `failed (${r.error})` : `${kibToMiB(r.maxRssKiB).toFixed(0)} MiB`;
  const timeCell = (r: RssReport | { error: string } | undefined, n: number): string =>
    r === undefined || "error" in r ? "" : `${fmtS(r.ms)} (${fmtInt((n / r.ms) * 1000)} ev/s)`;

  log("");
  log(`history: ${relative(process.cwd(), file)}: ${fmtInt(events)} events, ${fmtMiB(info.bytes)}, seed ${flags.seed}`);
  log(
    table([
      [`${lbl} events, in one process (best of ${flags.runs})`, "time", "events/s", "MB/s", "vs bare"],
      ["bare: chunked read + split + JSON.parse", fmtS(bare), fmtInt((events / bare) * 1000), ((info.bytes / 1e6 / bare) * 1000).toFixed(0), "1.00x"],
      ["check: checkHistory(file, defaults)", fmtS(check), fmtInt((events / check) * 1000), ((info.bytes / 1e6 / check) * 1000).toFixed(0), `${ratio.toFixed(2)}x`],
    ]),
  );
  log("");
  const rssRows: string[][] = [
    ["peak RSS, fresh child process", "maxRSS", "time in child"],
    [`bare parse, ${lbl} events`, rssCell(rssBare), timeCell(rssBare, events)],
    [`check, ${lbl} events`, rssCell(rssCheck), timeCell(rssCheck, events)],
  ];
  if (events !== BIG) rssRows.push([`check, ${label(BIG)} events${bigInfo ? ` (${fmtMiB(bigInfo.bytes)})` : ""}`, rssCell(rss10m), timeCell(rss10m, BIG)]);
  log(table(rssRows));
  log("");
  log(
    `verdict: valid=${String(result.valid)}; overlap violations ${overlap} (planted ${info.overlaps}), liveness violations ${liveness} (planted ${info.leaderless})${plantedOk ? "" : "  <-- MISMATCH"}`,
  );
  log(`warnings: ${result.warnings.join("; ") || "none"}`);
  if (rss10m !== undefined && !("error" in rss10m) && rss10m.violations !== undefined && bigInfo !== undefined) {
    const ok = rss10m.violations["overlap"] === bigInfo.overlaps && rss10m.violations["liveness"] === bigInfo.leaderless;
    log(`10m verdict: overlap ${rss10m.violations["overlap"]} (planted ${bigInfo.overlaps}), liveness ${rss10m.violations["liveness"]} (planted ${bigInfo.leaderless})${ok ? "" : "  <-- MISMATCH"}`);
  }
  log("");
  const ratioMet = ratio <= RATIO_GOAL;
  log(`goal: check within ${RATIO_GOAL}x of the bare parse: ${ratio.toFixed(2)}x -> ${ratioMet ? "met" : "NOT met"}`);
  if (rss10m === undefined) log(`goal: under ${RSS_GOAL_MIB} MiB peak RSS at 10M events: not measured (--skip-10m)`);
  else if ("error" in rss10m) log(`goal: under ${RSS_GOAL_MIB} MiB peak RSS at 10M events: NOT met (the check failed: ${rss10m.error})`);
  else {
    const mib = kibToMiB(rss10m.maxRssKiB);
    log(`goal: under ${RSS_GOAL_MIB} MiB peak RSS at 10M events: ${mib.toFixed(0)} MiB -> ${mib < RSS_GOAL_MIB ? "met" : "NOT met"}`);
  }
  if (!plantedOk) process.exitCode = 1;
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(2);
});
