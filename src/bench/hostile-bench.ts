import { mkdtempSync, rmSync, writeFileSync, createWriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { readHistory } from "../history/reader.js";

/**
 * `npm run bench:hostile` (docs/benchmarks.md): inputs whose cost used to grow faster than the
 * file. No Docker.
 * 1. A crowd: 40,000 candidates that all lead one group at once (2.4 MB, 800 million pairs),
 *    checked without and with --fencing.
 * 2. A 200 MiB line: refused once the reader has seen 16 MiB of it.
 * 3. Faults that pile up: N never-healed pauses and N leader lines (40 nodes taking turns, each
 *    with a new token) for N = 5,000, 10,000 and 20,000: the check's time, and the size of the
 *    verdict as `check --json` prints it (each finding lists at most 10 active faults).
 */
const HEADER = JSON.stringify({ type: "meta", v: 2, run: "hostile", scenario: "crowd", seed: 1, startedAt: "2026-01-01T00:00:00.000Z" });

async function time<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "sb-hostile-"));
  try {
    const crowd = join(dir, "crowd.jsonl");
    const n = 40_000;
    const lines = [HEADER];
    for (let i = 0; i < n; i++) lines.push(JSON.stringify({ t: i / 10, node: `c${i}`, type: "leader", token: `0x${(i + 1).toString(16)}` }));
    lines.push(JSON.stringify({ t: 60_000, node: "nemesis", type: "log", msg: "end" }));
    writeFileSync(crowd, `${lines.join("\n")}\n`);
    for (const fencing of [false, true]) {
      const [r, ms] = await time(() => checkHistory(crowd, { ...DEFAULT_CHECK_OPTIONS, fencing }));
      const counts = Object.values(r.checkers).map((c) => `${c.checker} ${c.violationCount} violation(s), ${c.warningCount} warning(s)`);
      process.stdout.write(`crowd of ${n} leaders${fencing ? " --fencing" : ""}: ${Math.round(ms)} ms; ${counts.join("; ")}\n`);
    }

    for (const pauses of [5_000, 10_000, 20_000]) {
      const file = join(dir, `pauses-${pauses}.jsonl`);
      const rows = [HEADER];
      let t = 0;
      for (let i = 0; i < pauses; i++) {
        rows.push(JSON.stringify({ t: t++, node: "nemesis", type: "fault", id: `f${i}`, fault: "pause", targets: [`c${i % 40}`], expectLeader: true }));
        rows.push(JSON.stringify({ t: t++, node: `c${i % 40}`, type: "leader", token: String(i + 1) }));
      }
      const text = `${rows.join("\n")}\n`;
      writeFileSync(file, text);
      const [r, ms] = await time(() => checkHistory(file, DEFAULT_CHECK_OPTIONS));
      const verdictBytes = JSON.stringify(r.checkers).length;
      const overlap = r.checkers["overlap"];
      process.stdout.write(
        `${pauses} never-healed pauses + ${pauses} leader lines (${(text.length / 1e6).toFixed(1)} MB): ${Math.round(ms)} ms; ` +
          `overlap ${overlap?.violationCount ?? 0} violation(s), ${overlap?.warningCount ?? 0} warning(s); verdict ${(verdictBytes / 1e6).toFixed(2)} MB\n`,
      );
    }

    const long = join(dir, "long.jsonl");
    const out = createWriteStream(long);
    out.write(`${HEADER}\n{"t":1,"node":"a","type":"log","msg":"`);
    const mib = Buffer.alloc(1 << 20, 120);
    for (let i = 0; i < 200; i++) if (!out.write(mib)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
    await new Promise<void>((resolve) => out.end('"}\n', resolve));
    const [message, ms] = await time(() =>
      readHistory(long, () => undefined).then(
        () => "accepted",
        (err: unknown) => (err instanceof Error ? err.message : String(err)),
      ),
    );
    process.stdout.write(`200 MiB line: ${Math.round(ms)} ms; ${message}\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
