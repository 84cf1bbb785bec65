import type { ChalkInstance } from "chalk";
import type { Validity } from "../checkers/types.js";
import { worst } from "../checkers/verdict.js";
import { esc, junitDocument, type JunitPart } from "./junit.js";
import { pct } from "./percent.js";
import type { RepeatFile, RepeatRun } from "../files/repeat-file.js";

export type { RepeatRun } from "../files/repeat-file.js";

/** A 95% Wilson score interval on a proportion: [low, high], both in [0, 1]. */
export interface Interval {
  low: number;
  high: number;
}

/** z for a two-sided 95% interval. */
const Z95 = 1.959963984540054;

/**
 * The Wilson score interval for `k` successes in `n` trials (95% by default): unlike k/n ± a
 * normal error, it stays inside [0, 1] and is not empty at k = 0 or k = n. n = 0 says nothing: [0, 1].
 */
export function wilsonInterval(k: number, n: number, z = Z95): Interval {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || n < 0 || k > n) throw new RangeError(`wilsonInterval: need whole numbers 0 <= k <= n, got k=${k}, n=${n}`);
  if (n === 0) return { low: 0, high: 1 };
  const p = k / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  // At k = 0 and k = n the exact bound is 0 or 1; rounding must not move it.
  return { low: k === 0 ? 0 : Math.max(0, center - half), high: k === n ? 1 : Math.min(1, center + half) };
}

/** A scenario's repeats, summed up. */
export interface RepeatSummary {
  scenario: string;
  runs: number;
  failed: number;
  passed: number;
  inconclusive: number;
  /** The failure rate's 95% Wilson interval over the runs that decided (failed + passed). */
  interval: Interval;
  /** Every kind of violation seen, with how many runs found it, most frequent first. */
  violations: Array<{ violation: string; runs: number }>;
  /** Seeds of the failing runs, in repeat order (each replayable with `run --seed`). */
  failingSeeds: number[];
  failingRunDirs: string[];
  seconds: number;
  valid: Validity;
}

/** Sums up repeated runs per scenario, scenarios in the order first seen, runs by their index. */
export function summarizeRepeats(runs: readonly RepeatRun[]): RepeatSummary[] {
  const byScenario = new Map<string, RepeatRun[]>();
  for (const r of runs) {
    const list = byScenario.get(r.scenario) ?? [];
    list.push(r);
    byScenario.set(r.scenario, list);
  }
  return [...byScenario.entries()].map(([scenario, list]) => {
    const ordered = [...list].sort((a, b) => a.index - b.index);
    const failing = ordered.filter((r) => r.valid === false);
    const passed = ordered.filter((r) => r.valid === true).length;
    const counts = new Map<string, number>();
    for (const r of failing) for (const v of new Set(r.violations)) counts.set(v, (counts.get(v) ?? 0) + 1);
    let valid: Validity = true;
    for (const r of ordered) valid = worst(valid, r.valid);
    return {
      scenario,
      runs: ordered.length,
      failed: failing.length,
      passed,
      inconclusive: ordered.length - failing.length - passed,
      interval: wilsonInterval(failing.length, failing.length + passed),
      violations: [...counts.entries()].map(([violation, n]) => ({ violation, runs: n })).sort((a, b) => b.runs - a.runs || a.violation.localeCompare(b.violation)),
      failingSeeds: failing.map((r) => r.seed),
      failingRunDirs: failing.map((r) => r.runDir),
      seconds: ordered.reduce((s, r) => s + r.seconds, 0),
      valid,
    };
  });
}

/** "failed 3/10 (95% CI 10.8%-60.3%)", or with inconclusive runs "failed 3/9 decided, 1 inconclusive (...)". */
export function rateText(s: RepeatSummary): string {
  const decided = s.failed + s.passed;
  const ci = `95% CI ${pct(s.interval.low)}-${pct(s.interval.high)}`;
  if (s.inconclusive === 0) return `failed ${s.failed}/${s.runs} (${ci})`;
  return `failed ${s.failed}/${decided} decided, ${s.inconclusive} inconclusive of ${s.runs} (${ci})`;
}

/** The repeat table: a block per scenario with its rate, violations and failing seeds. */
export function formatRepeatReport(summaries: readonly RepeatSummary[], c: ChalkInstance): string {
  const width = Math.max(...summaries.map((s) => s.scenario.length));
  const lines: string[] = [];
  for (const s of summaries) {
    const color = s.failed > 0 ? c.red : s.inconclusive > 0 ? c.yellow : c.green;
    lines.push(`  ${s.scenario.padEnd(width)}  ${color(rateText(s))}`);
    for (const v of s.violations) lines.push(`      ${v.violation} in ${v.runs} run(s)`);
    if (s.failingSeeds.length > 0) lines.push(c.dim(`      failing seeds: ${s.failingSeeds.join(", ")} (replay one: splitbrain replay <its run directory>, or run --seed <seed>)`));
  }
  return lines.join("\n");
}

/**
 * JUnit for repeated runs: a test suite per scenario whose properties and first test case name
 * the failure rate, then a test case per run (a failure names its violations, seed and run
 * directory).
 */
export function renderRepeatJunit(runs: readonly RepeatRun[], name = "splitbrain"): string {
  return junitDocument(name, [repeatJunitPart(runs, name)]);
}

/** The repeats' test suites, one per scenario (renderRepeatJunit wraps them). */
export function repeatJunitPart(runs: readonly RepeatRun[], name = "splitbrain"): JunitPart {
  let tests = 0;
  let failures = 0;
  let errors = 0;
  const suites = summarizeRepeats(runs).map((s) => {
    const cls = esc(`${name}.${s.scenario}`);
    const cases: string[] = [];
    const rate = rateText(s);
    cases.push(
      s.failed > 0
        ? `    <testcase classname="${cls}" name="failure rate" time="0">\n      <failure message="${esc(rate)}" type="repeat">${esc(`${rate}\nviolations: ${s.violations.map((v) => `${v.violation} x${v.runs}`).join(", ")}\nfailing seeds: ${s.failingSeeds.join(", ")}`)}</failure>\n    </testcase>`
        : `    <testcase classname="${cls}" name="failure rate" time="0">\n      <system-out>${esc(rate)}</system-out>\n    </testcase>`,
    );
    let sf = s.failed > 0 ? 1 : 0;
    let se = 0;
    const ordered = runs.filter((r) => r.scenario === s.scenario).sort((a, b) => a.index - b.index);
    for (const r of ordered) {
      const head = `    <testcase classname="${cls}" name="${esc(`run ${r.index} seed ${r.seed}`)}" time="${r.seconds.toFixed(3)}">`;
      if (r.valid === true) cases.push(`${head}\n    </testcase>`);
      else if (r.valid === false) {
        sf += 1;
        cases.push(`${head}\n      <failure message="${esc(`violation: ${r.violations.join(", ")}`)}" type="violation">${esc(`seed ${r.seed}, run directory ${r.runDir}`)}</failure>\n    </testcase>`);
      } else {
        se += 1;
        cases.push(`${head}\n      <error message="${esc((r.inconclusive ?? "a checker could not decide").split("\n")[0] ?? "")}" type="inconclusive">${esc(`run directory ${r.runDir}`)}</error>\n    </testcase>`);
      }
    }
    tests += cases.length;
    failures += sf;
    errors += se;
    const props = [
      ["repeat", String(s.runs)],
      ["failed", String(s.failed)],
      ["inconclusive", String(s.inconclusive)],
      ["failureRateLow95", s.interval.low.toFixed(4)],
      ["failureRateHigh95", s.interval.high.toFixed(4)],
      ["failingSeeds", s.failingSeeds.join(",")],
    ]
      .map(([k, v]) => `      <property name="${k}" value="${esc(v ?? "")}"/>`)
      .join("\n");
    return `  <testsuite name="${cls}" tests="${cases.length}" failures="${sf}" errors="${se}" skipped="0" time="${s.seconds.toFixed(3)}">\n    <properties>\n${props}\n    </properties>\n${cases.join("\n")}\n  </testsuite>`;
  });
  return { suites, tests, failures, errors, seconds: runs.reduce((sum, r) => sum + r.seconds, 0) };
}

/** repeat.json: every run of a repeat, with the seed they were derived from; when interrupted, the runs that finished, marked so. */
export function repeatToJson(baseSeed: number, count: number, runs: readonly RepeatRun[], interrupted = false): RepeatFile {
  return {
    repeat: { baseSeed, count },
    ...(interrupted ? { interrupted: true as const } : {}),
    summaries: summarizeRepeats(runs).map((s) => ({ ...s, rate: rateText(s) })),
    runs: [...runs],
  };
}
