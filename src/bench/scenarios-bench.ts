import { cpus } from "node:os";
import { resolveCandidate } from "../candidates/registry.js";
import { packageVersion } from "../cli/version.js";
import { formatMs } from "../checkers/types.js";
import { runScenario } from "../run/run-scenario.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { HEADLINE_SCENARIOS, SCENARIOS } from "../scenarios/registry.js";

/**
 * `npm run bench:scenarios`: wall time of each headline scenario, full length by default,
 * from command start to verdict, split into bring-up (images present), scenario, teardown and
 * check.
 *
 *   node dist/bench/scenarios-bench.js [--time-scale X] [--candidate KIND]
 */
async function main(): Promise<void> {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const timeScale = Number(arg("--time-scale") ?? "1");
  const kind = arg("--candidate") ?? "latch";
  const candidate = resolveCandidate(kind);
  console.log(`splitbrain scenarios: ${cpus().length} cores, Node ${process.versions.node}, candidate ${kind} x3, 3 servers, time scale ${timeScale}`);
  console.log("| scenario | verdict | bring-up | scenario | teardown | check | total |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of HEADLINE_SCENARIOS) {
    const started = Date.now();
    const r = await runScenario({
      env: process.env,
      version: packageVersion(),
      scenario: SCENARIOS[name]({ away: "kill", seed: 1, durationMs: 300_000, sessionTimeoutMs: 6000 }),
      seed: 1,
      servers: 3,
      candidate,
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
    });
    const total = Date.now() - started;
    const t = r.timings;
    const verdict = r.check === undefined ? "?" : r.check.valid === true ? "pass" : r.check.valid === false ? "FAIL" : "unknown";
    console.log(`| ${name} | ${verdict} | ${formatMs(t.bringUpMs)} | ${formatMs(t.bodyMs)} | ${formatMs(t.teardownMs)} | ${formatMs(t.checkMs)} | ${formatMs(total)} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
