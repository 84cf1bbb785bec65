import { cpus } from "node:os";
import { argValue, benchRunOptions } from "./common.js";
import { resolveCandidate } from "../candidates/registry.js";
import { formatMs } from "../checkers/types.js";
import { runScenario } from "../run/run-scenario.js";
import { HEADLINE_SCENARIOS, SCENARIOS } from "../scenarios/registry.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

/**
 * `npm run bench:scenarios`: wall time of each headline scenario, full length by default,
 * from command start to verdict, split into bring-up (images present), scenario, teardown and
 * check.
 *
 *   node dist/bench/scenarios-bench.js [--time-scale X] [--candidate KIND]
 */
async function main(): Promise<void> {
  const timeScale = Number(argValue("--time-scale") ?? "1");
  const kind = argValue("--candidate") ?? "latch";
  const candidate = resolveCandidate(kind);
  console.log(`splitbrain scenarios: ${cpus().length} cores, Node ${process.versions.node}, candidate ${kind} x3, 3 servers, time scale ${timeScale}`);
  console.log("| scenario | verdict | bring-up | scenario | teardown | check | total |");
  console.log("|---|---|---|---|---|---|---|");
  for (const name of HEADLINE_SCENARIOS) {
    const started = Date.now();
    const r = await runScenario({
      ...benchRunOptions(timeScale),
      scenario: SCENARIOS[name]({ ...RUN_DEFAULTS, seed: 1 }),
      seed: 1,
      candidate,
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
