import { writeFileSync } from "node:fs";
import { argValue, benchRunOptions } from "./common.js";
import { leaderSource, resolveCandidate } from "../candidates/registry.js";
import { sourceNames } from "../candidates/observers/spec.js";
import { formatMs, type Violation } from "../checkers/types.js";
import { readHistory } from "../history/reader.js";
import type { ReadEvent } from "../history/parse.js";
import { agreement } from "../report/observer-agreement.js";
import { runScenario } from "../run/run-scenario.js";
import { scenarioValidity } from "../run/scenario-result.js";
import { isScenarioName, SCENARIO_NAMES, SCENARIOS } from "../scenarios/registry.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

/**
 * `npm run bench:matrix -- --candidate patroni [--runs 3] [--first-pass 1] [--time-scale 0.5] [--scenarios a,b] [--out F.json]`:
 * every scenario (or those named), several runs each, with one candidate kind; per run and per
 * observer, what the checkers found, and how long the first two observers disagreed about who
 * leads (for Patroni: the REST API against PostgreSQL itself). This is how docs/patroni-3.0.2.md
 * was measured. Pass k uses seed 999 + k, so `--first-pass 3 --runs 1` adds a third pass to an
 * earlier matrix of two.
 */

interface RunRow {
  scenario: string;
  run: number;
  seed: number;
  verdict: string;
  perSource: Record<string, string>;
  disagreement?: { a: string; b: string; disagreeMs: number; longestMs: number; comparedMs: number };
  runDir: string;
  inconclusive?: string;
  wallMs: number;
}

function describeSource(violations: readonly Violation[], source: string): string {
  const mine = violations.filter((v) => v.source === source);
  if (mine.length === 0) return "ok";
  const parts: string[] = [];
  const overlaps = mine.filter((v) => v.checker === "overlap");
  const leaderless = mine.filter((v) => v.checker === "liveness");
  if (overlaps.length > 0) parts.push(`${overlaps.length} overlap(s), longest ${formatMs(Math.max(...overlaps.map((v) => (v.checker === "overlap" ? v.durationMs : 0))))}`);
  if (leaderless.length > 0) parts.push(`leaderless ${formatMs(Math.max(...leaderless.map((v) => (v.checker === "liveness" ? v.durationMs : 0))))}`);
  return parts.join("; ");
}

async function main(): Promise<void> {
  const kind = argValue("--candidate") ?? "patroni";
  const runs = Number(argValue("--runs") ?? "3");
  const firstPass = Number(argValue("--first-pass") ?? "1");
  const timeScale = Number(argValue("--time-scale") ?? "0.5");
  const names = (argValue("--scenarios") ?? SCENARIO_NAMES.join(",")).split(",").filter((n) => n !== "");
  const outFile = argValue("--out");
  const candidate = resolveCandidate(kind);
  const sources = [...(candidate.protocol === false ? [] : ["protocol"]), ...sourceNames(candidate.observe ?? [])];
  const rows: RunRow[] = [];
  console.error(`bench:matrix: candidate ${kind}, ${runs} run(s) of ${names.join(", ")}, time scale ${timeScale}; leader source ${leaderSource(candidate)}`);
  for (const name of names) if (!isScenarioName(name)) throw new Error(`unknown scenario ${name}`);
  // Pass by pass (every scenario once, then again): a matrix cut short still covers every scenario.
  for (let i = firstPass - 1; i < firstPass - 1 + runs; i++) {
    for (const name of names.filter(isScenarioName)) {
      const seed = 1000 + i;
      const started = Date.now();
      const r = await runScenario({
        ...benchRunOptions(timeScale),
        scenario: SCENARIOS[name]({ ...RUN_DEFAULTS, seed }),
        seed,
        candidate,
      });
      const all: Violation[] = Object.values(r.check?.checkers ?? {}).flatMap((c) => c.violations);
      const events: ReadEvent[] = [];
      await readHistory(`${r.runDir}/history.jsonl`, (e) => events.push(e));
      const [a, b] = sources;
      const valid = scenarioValidity(r);
      const row: RunRow = {
        scenario: name,
        run: i + 1,
        seed,
        verdict: r.inconclusive !== undefined ? "inconclusive" : valid === true ? "pass" : valid === false ? "FAIL" : "unknown",
        perSource: Object.fromEntries(sources.map((s) => [s, describeSource(all, s)])),
        ...(a !== undefined && b !== undefined ? { disagreement: { a, b, ...agreement(events, a, b) } } : {}),
        runDir: r.runDir,
        ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
        wallMs: Date.now() - started,
      };
      rows.push(row);
      console.error(`  ${name} #${i + 1}: ${row.verdict} ${JSON.stringify(row.perSource)} (${formatMs(row.wallMs)}) ${r.runDir}`);
      if (outFile !== undefined) writeFileSync(outFile, `${JSON.stringify(rows, null, 2)}\n`);
    }
  }
  console.log(`| scenario | run | verdict | ${sources.join(" | ")} | ${sources[0]} vs ${sources[1]} disagree (total / longest) | wall |`);
  console.log(`|---|---|---|${sources.map(() => "---|").join("")}---|---|`);
  for (const r of rows) {
    const d = r.disagreement === undefined ? "-" : `${formatMs(r.disagreement.disagreeMs)} / ${formatMs(r.disagreement.longestMs)}`;
    console.log(`| ${r.scenario} | ${r.run} | ${r.verdict} | ${sources.map((s) => r.perSource[s] ?? "-").join(" | ")} | ${d} | ${formatMs(r.wallMs)} |`);
  }
}

main().then(
  // A connection the engine never answered must not keep a long matrix from its next step.
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(2);
  },
);
