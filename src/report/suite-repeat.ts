import type { ChalkInstance } from "chalk";
import { caseLabel, caseSlug, type SuiteCase } from "../scenarios/suites.js";
import { printable } from "../util/printable.js";
import { wilsonInterval, type Interval } from "./repeat-summary.js";
import { pct } from "./percent.js";
import type { SuiteCaseRow } from "./suite-summary.js";

/** A suite case's repeats (`run --suite --repeat`), summed up: how often it came out as expected. */
export interface SuiteRepeatSummary {
  case: SuiteCase;
  runs: number;
  /** Reproduced (a bug case) or passed (a correct case). */
  asExpected: number;
  /** Missed (a bug case) or a false alarm (a correct case). */
  otherwise: number;
  inconclusive: number;
  /** The rate of runs that came out otherwise, 95% Wilson interval over the runs that decided. */
  interval: Interval;
  /** Seeds and run directories of the runs that came out otherwise, in repeat order. */
  otherwiseSeeds: number[];
  otherwiseRunDirs: string[];
}

/** Sums up a suite's runs per case (cases in the order first seen, runs by their index). */
export function summarizeSuiteRepeats(rows: readonly SuiteCaseRow[]): SuiteRepeatSummary[] {
  const byCase = new Map<string, SuiteCaseRow[]>();
  for (const r of rows) {
    const key = `${r.case.incident}/${caseSlug(r.case, ".")}`;
    byCase.set(key, [...(byCase.get(key) ?? []), r]);
  }
  return [...byCase.values()].map((list) => {
    const ordered = [...list].sort((a, b) => (a.index ?? 0) - (b.index ?? 0));
    const otherwise = ordered.filter((r) => r.outcome === "missed" || r.outcome === "false-positive");
    const asExpected = ordered.filter((r) => r.outcome === "reproduced" || r.outcome === "passed").length;
    return {
      case: (ordered[0] as SuiteCaseRow).case,
      runs: ordered.length,
      asExpected,
      otherwise: otherwise.length,
      inconclusive: ordered.length - asExpected - otherwise.length,
      interval: wilsonInterval(otherwise.length, otherwise.length + asExpected),
      otherwiseSeeds: otherwise.map((r) => r.result.seed),
      otherwiseRunDirs: otherwise.map((r) => r.result.runDir),
    };
  });
}

/** "reproduced 10/10; missed 0 (95% CI 0%-27.8%)"; for a correct case "passed 10/10; false alarms 0 (...)". */
export function suiteRateText(s: SuiteRepeatSummary): string {
  const bug = s.case.expect.verdict === "violation";
  const decided = s.asExpected + s.otherwise;
  const inc = s.inconclusive > 0 ? `, ${s.inconclusive} inconclusive` : "";
  return `${bug ? "reproduced" : "passed"} ${s.asExpected}/${s.runs}${inc}; ${bug ? "missed" : "false alarms"} ${s.otherwise}/${decided} (95% CI ${pct(s.interval.low)}-${pct(s.interval.high)})`;
}

/** The per-case rates of a repeated suite: a line per case, with the seeds of the runs that came out otherwise. */
export function formatSuiteRepeatReport(summaries: readonly SuiteRepeatSummary[], c: ChalkInstance): string {
  const labels = summaries.map((s) => `${printable(s.case.incident)}: ${printable(s.case.scenario)}, ${printable(caseLabel(s.case))}`);
  const width = Math.max(0, ...labels.map((l) => l.length));
  const lines: string[] = [];
  summaries.forEach((s, i) => {
    const color = s.otherwise > 0 ? c.red : s.inconclusive > 0 ? c.yellow : c.green;
    lines.push(`  ${(labels[i] ?? "").padEnd(width)}  ${color(suiteRateText(s))}`);
    if (s.otherwiseSeeds.length > 0) lines.push(c.dim(`      came out otherwise with seeds: ${s.otherwiseSeeds.join(", ")} (replay one: splitbrain replay <its run directory>)`));
  });
  return lines.join("\n");
}

/** Whether a suite's rows hold repeats (a case run more than once). */
export function isRepeatedSuite(rows: readonly SuiteCaseRow[]): boolean {
  return rows.some((r) => r.index !== undefined);
}
