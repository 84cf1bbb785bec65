import { cpus } from "node:os";
import { argValue, benchRunOptions, median } from "./common.js";
import { runSuite, type SuiteCaseResult } from "../run/run-suite.js";
import { SEEDS_SUITE, type Suite } from "../scenarios/suites.js";

/**
 * `npm run bench:detect`: N runs (seeds 1..N) of every case of the seeds suite: the detection
 * rate of each seeded bug in its scenario, the false-positive rate of the correct candidates,
 * and the median wall time to a verdict.
 *
 *   node dist/bench/detect-bench.js [--runs N] [--time-scale X] [--only <incident>]
 */

async function main(): Promise<void> {
  const runs = Number(argValue("--runs") ?? "10");
  const timeScale = Number(argValue("--time-scale") ?? "0.5");
  const only = argValue("--only");
  const suite: Suite = only === undefined ? SEEDS_SUITE : { ...SEEDS_SUITE, cases: SEEDS_SUITE.cases.filter((c) => c.incident === only) };
  const all: SuiteCaseResult[][] = [];
  for (let seed = 1; seed <= runs; seed++) {
    console.error(`--- round ${seed}/${runs}`);
    all.push(
      await runSuite(suite, { ...benchRunOptions(timeScale), seed }),
    );
  }
  console.log(`splitbrain detection: ${cpus().length} cores, Node ${process.versions.node}, ${runs} run(s) per case (seeds 1..${runs}), time scale ${timeScale}`);
  console.log("| incident | scenario | candidate | expected | rate | median time to verdict |");
  console.log("|---|---|---|---|---|---|");
  suite.cases.forEach((c, i) => {
    const rs = all.map((round) => round[i] as SuiteCaseResult);
    const good = rs.filter((r) => (c.expect.verdict === "pass" ? r.outcome === "passed" : r.outcome === "reproduced")).length;
    const rate =
      c.expect.verdict === "pass"
        ? `false positives ${rs.filter((r) => r.outcome === "false-positive").length}/${rs.length}${rs.some((r) => r.outcome === "inconclusive") ? `, inconclusive ${rs.filter((r) => r.outcome === "inconclusive").length}` : ""}`
        : `detected ${good}/${rs.length} (${Math.round((100 * good) / rs.length)}%)`;
    const who = `${c.candidate}${c.bug !== undefined ? ` --bug ${c.bug}` : ""}`;
    const expected = c.expect.verdict === "pass" ? "pass" : `fail on ${c.expect.by.join("/")}`;
    console.log(`| ${c.incident} | ${c.scenario} | ${who} | ${expected} | ${rate} | ${median(rs.map((r) => r.seconds)).toFixed(0)} s |`);
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
