import { cpus } from "node:os";
import { packageVersion } from "../cli/version.js";
import { runSuite, type SuiteCaseResult } from "../run/run-suite.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { SEEDS_SUITE, type Suite } from "../scenarios/suites.js";

/**
 * `npm run bench:detect`: N runs (seeds 1..N) of every case of the seeds suite: the detection
 * rate of each seeded bug in its scenario, the false-positive rate of the correct candidates,
 * and the median wall time to a verdict.
 *
 *   node dist/bench/detect-bench.js [--runs N] [--time-scale X] [--only <incident>]
 */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length === 0 ? Number.NaN : s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const runs = Number(arg("--runs") ?? "10");
  const timeScale = Number(arg("--time-scale") ?? "0.5");
  const only = arg("--only");
  const suite: Suite = only === undefined ? SEEDS_SUITE : { ...SEEDS_SUITE, cases: SEEDS_SUITE.cases.filter((c) => c.incident === only) };
  const all: SuiteCaseResult[][] = [];
  for (let seed = 1; seed <= runs; seed++) {
    console.error(`--- round ${seed}/${runs}`);
    all.push(
      await runSuite(suite, {
        env: process.env,
        version: packageVersion(),
        seed,
        servers: 3,
        candidates: 3,
        sessionTimeoutMs: 6000,
        recoveryMs: 30_000,
        timeScale,
        toleranceMs: 0,
        fencing: false,
        runsRoot: "runs",
        keep: false,
        buildArgs: hostBuildArgs(process.env),
        progress: (m) => console.error(`  ${m}`),
        signal: new AbortController().signal,
      }),
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
