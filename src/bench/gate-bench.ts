import { writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { resolveCandidate } from "../candidates/registry.js";
import { scenarioValidity } from "../run/scenario-result.js";
import { runScenarios } from "../run/run-all.js";
import { runSuite } from "../run/run-suite.js";
import { scheduleConfigOf } from "../run/schedule-config.js";
import { compileSchedule } from "../scenarios/compile.js";
import { HEADLINE_SCENARIOS, SCENARIOS } from "../scenarios/registry.js";
import { SEEDS_SUITE } from "../scenarios/suites.js";
import { argValue, benchBoard, benchRunOptions } from "./common.js";
import { suiteScenarioOptions } from "../run/defaults.js";

/**
 * `npm run bench:gate`: wall time of the headline gate (`splitbrain run`: its three scenarios
 * with the correct latch) at each --parallel N, as a ratio to the longest single scenario of
 * the same round run alone; and the false positives (a correct candidate not passing) at each N.
 * With --suite, the same for the seeds suite (its misses too).
 *
 *   node dist/bench/gate-bench.js [--parallel 1,2,3] [--rounds R] [--time-scale X] [--suite] [--suite-parallel 1,3] [--out table.md]
 *
 * The ratio's goal is 1.15 at N = 3 (docs/benchmarks.md). Run directories: runs/bench-gate/.
 */

interface GateRow {
  round: number;
  parallel: number;
  wallS: number;
  scenarioS: Record<string, number>;
  falsePositives: string[];
}

interface SuiteRow {
  parallel: number;
  wallS: number;
  longestCaseS: number;
  falsePositives: number;
  misses: number;
  inconclusive: number;
  cases: number;
}

function list(value: string | undefined, fallback: number[]): number[] {
  if (value === undefined) return fallback;
  const xs = value.split(",").map(Number);
  if (xs.some((x) => !Number.isInteger(x) || x < 1)) throw new Error(`expected whole numbers >= 1, got "${value}"`);
  return xs;
}

function render(timeScale: number, gate: readonly GateRow[], suite: readonly SuiteRow[]): string {
  const lines = [
    `splitbrain gate: ${cpus().length} cores, Node ${process.versions.node}, time scale ${timeScale}, candidate latch (correct)`,
    "",
    "| round | --parallel | wall | longest single scenario (alone, same round) | ratio | false positives |",
    "|---|---|---|---|---|---|",
  ];
  for (const r of gate) {
    const alone = gate.find((x) => x.round === r.round && x.parallel === 1);
    const longest = alone === undefined ? undefined : Math.max(...Object.values(alone.scenarioS));
    const ratio = longest === undefined ? "n/a (no --parallel 1 run)" : `${(r.wallS / longest).toFixed(2)}x`;
    lines.push(`| ${r.round} | ${r.parallel} | ${r.wallS.toFixed(0)} s | ${longest === undefined ? "n/a" : `${longest.toFixed(0)} s`} | ${ratio} | ${r.falsePositives.length === 0 ? "0/3" : `${r.falsePositives.length}/3 (${r.falsePositives.join(", ")})`} |`);
  }
  if (suite.length > 0) {
    lines.push("", "| seeds suite --parallel | wall | longest case | ratio | false positives | misses | inconclusive |", "|---|---|---|---|---|---|---|");
    for (const s of suite) {
      lines.push(`| ${s.parallel} | ${s.wallS.toFixed(0)} s | ${s.longestCaseS.toFixed(0)} s | ${(s.wallS / s.longestCaseS).toFixed(2)}x | ${s.falsePositives} | ${s.misses} | ${s.inconclusive} (of ${s.cases}) |`);
    }
  }
  return lines.join("\n");
}

async function main(): Promise<void> {
  const parallels = list(argValue("--parallel"), [1, 2, 3]);
  const suiteParallels = list(argValue("--suite-parallel"), [1, 3]);
  const rounds = Number(argValue("--rounds") ?? "1");
  const timeScale = Number(argValue("--time-scale") ?? "1");
  const withSuite = process.argv.includes("--suite");
  const outFile = argValue("--out");
  const gate: GateRow[] = [];
  const suite: SuiteRow[] = [];
  const save = (): void => {
    const text = render(timeScale, gate, suite);
    if (outFile !== undefined) writeFileSync(outFile, `${text}\n`);
    console.error(text);
  };
  const candidate = resolveCandidate("latch", undefined);
  for (let round = 1; round <= rounds; round++) {
    const seed = round;
    for (const parallel of parallels) {
      console.error(`--- gate round ${round}/${rounds}, --parallel ${parallel}`);
      const base = benchRunOptions(timeScale);
      const config = scheduleConfigOf({ ...base, servers: 3, candidates: 3 });
      const planned = HEADLINE_SCENARIOS.map((name) => {
        const scenario = SCENARIOS[name](suiteScenarioOptions(seed, base.sessionTimeoutMs));
        return { scenario, schedule: compileSchedule(scenario, config, seed) };
      });
      const started = Date.now();
      const results = await runScenarios(planned, {
        ...base,
        seed,
        candidate,
        out: join("runs", "bench-gate", `round-${round}-p${parallel}`),
        parallel,
        board: benchBoard(parallel),
      });
      const wallS = (Date.now() - started) / 1000;
      const scenarioS = Object.fromEntries(results.map((r) => [r.scenario, (r.timings.bringUpMs + r.timings.bodyMs + r.timings.teardownMs + r.timings.checkMs) / 1000]));
      gate.push({ round, parallel, wallS, scenarioS, falsePositives: results.filter((r) => scenarioValidity(r) !== true).map((r) => `${r.scenario}: ${r.inconclusive ?? "violation"} ${r.runDir}`) });
      save();
    }
  }
  if (withSuite) {
    for (const parallel of suiteParallels) {
      console.error(`--- seeds suite, --parallel ${parallel}`);
      const started = Date.now();
      const results = await runSuite(SEEDS_SUITE, { ...benchRunOptions(timeScale), seed: 1, out: join("runs", "bench-gate", `suite-p${parallel}`), parallel, board: benchBoard(parallel) });
      suite.push({
        parallel,
        wallS: (Date.now() - started) / 1000,
        longestCaseS: Math.max(...results.map((r) => r.seconds)),
        falsePositives: results.filter((r) => r.outcome === "false-positive").length,
        misses: results.filter((r) => r.outcome === "missed").length,
        inconclusive: results.filter((r) => r.outcome === "inconclusive").length,
        cases: results.length,
      });
      save();
    }
  }
  console.log(render(timeScale, gate, suite));
  process.exit(0);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
