import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { argValue, benchBoard, benchRunOptions, median } from "./common.js";
import { runSuite, type SuiteCaseResult } from "../run/run-suite.js";
import { caseLabel, SEEDS_SUITE, selectIncidents, type Suite } from "../scenarios/suites.js";

/**
 * `npm run bench:detect`: N runs (seeds 1..N) of every case of the seeds suite: the detection
 * rate of each seeded bug in its scenario, the false-positive rate of the correct candidates,
 * and the median wall time to a verdict.
 *
 *   node dist/bench/detect-bench.js [--runs N] [--first-seed S] [--time-scale X] [--only <incident,...>] [--scenario <name>] [--parallel N] [--out table.md]
 *
 * --parallel N runs N cases of a round at once on the engine (each on its own network).
 *
 * Every case's run directory is kept under runs/bench-detect/seed-<S>/, so a miss can be re-checked.
 */

interface Round {
  seed: number;
  results?: SuiteCaseResult[];
  error?: string;
}

/** The detection table over the rounds so far; a round that threw counts as inconclusive for every case. */
function table(suite: Suite, rounds: readonly Round[], timeScale: number, parallel: number): string {
  const lines = [
    `splitbrain detection: ${cpus().length} cores, Node ${process.versions.node}, parallel ${parallel}, ${rounds.length} run(s) per case (seeds ${rounds.map((r) => r.seed).join(",")}), time scale ${timeScale}`,
    "| incident | scenario | candidate | expected | rate | median time to verdict |",
    "|---|---|---|---|---|---|",
  ];
  suite.cases.forEach((c, i) => {
    const rs = rounds.map((round) => round.results?.[i]);
    const done = rs.filter((r): r is SuiteCaseResult => r !== undefined);
    const inconclusive = rs.length - done.length + done.filter((r) => r.outcome === "inconclusive").length;
    const tail = inconclusive > 0 ? `, inconclusive ${inconclusive}` : "";
    const good = done.filter((r) => (c.expect.verdict === "pass" ? r.outcome === "passed" : r.outcome === "reproduced")).length;
    const rate =
      c.expect.verdict === "pass"
        ? `false positives ${done.filter((r) => r.outcome === "false-positive").length}/${rs.length}${tail}`
        : `detected ${good}/${rs.length} (${Math.round((100 * good) / rs.length)}%)${tail}`;
    const who = caseLabel(c);
    const expected = c.expect.verdict === "pass" ? "pass" : `fail on ${c.expect.by.join("/")}`;
    lines.push(`| ${c.incident} | ${c.scenario} | ${who} | ${expected} | ${rate} | ${median(done.map((r) => r.seconds)).toFixed(0)} s |`);
  });
  const misses = rounds.flatMap((r) =>
    (r.results ?? [])
      .filter((x) => x.outcome !== "passed" && x.outcome !== "reproduced")
      .map((x) => `- seed ${r.seed}: ${caseLabel(x.case)} in ${x.case.scenario}: ${x.outcome}${x.failed.length > 0 ? ` (failed: ${x.failed.join(", ")})` : ""}, ${x.result.runDir}`),
  );
  const errors = rounds.filter((r) => r.error !== undefined).map((r) => `- seed ${r.seed}: round aborted: ${r.error}`);
  if (misses.length + errors.length > 0) lines.push("", "Runs that did not go as expected:", ...misses, ...errors);
  return lines.join("\n");
}

async function main(): Promise<void> {
  const runs = Number(argValue("--runs") ?? "10");
  const firstSeed = Number(argValue("--first-seed") ?? "1");
  const timeScale = Number(argValue("--time-scale") ?? "0.5");
  const only = argValue("--only");
  const outFile = argValue("--out");
  const scenario = argValue("--scenario");
  const parallel = Number(argValue("--parallel") ?? "1");
  if (!Number.isInteger(parallel) || parallel < 1) throw new Error(`--parallel: expected a whole number >= 1, got ${argValue("--parallel")}`);
  const incidents = selectIncidents(SEEDS_SUITE, (only ?? "").split(",").filter((x) => x !== ""));
  const suite: Suite = { ...incidents, cases: incidents.cases.filter((c) => scenario === undefined || c.scenario === scenario) };
  if (suite.cases.length === 0) throw new Error(`no case of the seeds suite matches --only ${only ?? "(any)"} --scenario ${scenario ?? "(any)"}`);
  const rounds: Round[] = [];
  for (let seed = firstSeed; seed < firstSeed + runs; seed++) {
    console.error(`--- round ${seed - firstSeed + 1}/${runs} (seed ${seed})`);
    try {
      rounds.push({ seed, results: await runSuite(suite, { ...benchRunOptions(timeScale), seed, out: join("runs", "bench-detect", `seed-${seed}`), parallel, board: benchBoard(parallel) }) });
    } catch (err) {
      rounds.push({ seed, error: err instanceof Error ? err.message : String(err) });
    }
    const text = table(suite, rounds, timeScale, parallel);
    // The table so far goes to a file after every round, so a long benchmark that dies late keeps its figures.
    if (outFile !== undefined) writeFileSync(outFile, `${text}\n`);
    if (seed < firstSeed + runs - 1) console.error(text);
  }
  console.log(table(suite, rounds, timeScale, parallel));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
