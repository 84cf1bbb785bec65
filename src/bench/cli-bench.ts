import { spawn } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { argValue, median } from "./common.js";

/**
 * `npm run bench:cli`: how long the built CLI takes to start and finish small commands
 * (docs/benchmarks.md, "CLI start time").
 *
 *   node dist/bench/cli-bench.js [--runs N] [--bin PATH]
 *
 * Starts each command N times (default 15), one after another, after one warm-up start that is not
 * counted, and prints the wall time from spawn to exit as min, median and max. `node -e 0` is the
 * floor: Node's own start on this machine. --bin times another checkout's bin/splitbrain (built),
 * for a before/after on the same machine and load.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SMALL_HISTORY = join(ROOT, "fixtures", "histories", "overlap-unknown-types-fields-pass.jsonl");

interface Case {
  label: string;
  args: string[];
}

function cases(bin: string): Case[] {
  return [
    { label: "node -e 0 (the floor)", args: ["-e", "0"] },
    { label: "splitbrain --version", args: [bin, "--version"] },
    { label: "splitbrain check --version", args: [bin, "check", "--version"] },
    { label: "splitbrain check <11-line history>", args: [bin, "check", SMALL_HISTORY] },
    { label: "splitbrain check --help", args: [bin, "check", "--help"] },
    { label: "splitbrain run --help", args: [bin, "run", "--help"] },
    { label: "splitbrain --help", args: [bin, "--help"] },
  ];
}

/** Wall milliseconds from spawn to exit of one `node ...args`; throws when it exits non-zero. */
function timeOnce(args: string[]): Promise<number> {
  const started = performance.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { stdio: "ignore", env: { ...process.env, NO_COLOR: "1" } });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? done(performance.now() - started) : fail(new Error(`node ${args.join(" ")} exited ${code}`))));
  });
}

async function main(): Promise<void> {
  const runs = Number(argValue("--runs") ?? 15);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a whole number of at least 1, got ${argValue("--runs")}`);
  const bin = resolve(argValue("--bin") ?? join(ROOT, "bin", "splitbrain"));
  console.log(`CLI start, ${runs} run(s) each after 1 warm-up, wall ms from spawn to exit; bin ${bin}`);
  console.log(`${"command".padEnd(40)} ${"min".padStart(6)} ${"median".padStart(7)} ${"max".padStart(6)}`);
  for (const c of cases(bin)) {
    await timeOnce(c.args);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await timeOnce(c.args));
    const fmt = (ms: number, width: number): string => ms.toFixed(0).padStart(width);
    console.log(`${c.label.padEnd(40)} ${fmt(Math.min(...times), 6)} ${fmt(median(times), 7)} ${fmt(Math.max(...times), 6)}`);
  }
}

await main();
