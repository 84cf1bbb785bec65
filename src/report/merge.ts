import type { MergeFile } from "../files/merge-file.js";
import type { CheckerResult, Validity } from "../checkers/types.js";
import { verdictExitCode, worst } from "../checkers/verdict.js";
import { caseSlug, SUITES, type Incident, type SuiteCase } from "../scenarios/suites.js";
import { junitDocument, junitScenariosPart, type JunitPart } from "./junit.js";
import type { RunRow } from "./run-summary.js";
import { suiteJunitPart } from "./suite-junit.js";
import { rateText, repeatJunitPart, summarizeRepeats, type RepeatRun } from "./repeat-summary.js";
import type { SuiteCaseRow } from "./suite-summary.js";
import { ownValue } from "../util/own.js";

/** A scenario's run read back from its run directory (verdict.json, run.json). */
export interface MergedRun extends RunRow {
  checkers: Record<string, CheckerResult>;
}

/** A suite's cases read back from suite-<name>.json, of one run or joined over shards. */
export interface MergedSuite {
  name: string;
  summary: string;
  incidents: Incident[];
  cases: SuiteCaseRow[];
}

/** Everything `merge` found, in the order it found it. */
export interface Merged {
  runs: MergedRun[];
  suites: MergedSuite[];
  /** The runs of `run --repeat` (repeat.json), joined over shards. */
  repeats: RepeatRun[];
}

/**
 * The merged verdict: a violation anywhere is a violation, else an inconclusive run or case
 * makes it inconclusive (docs/contracts.md: false > unknown > true). A suite case counts by its
 * outcome, as `run --suite` does: a missed bug or a false alarm is a violation.
 */
export function mergedValidity(m: Merged): Validity {
  let valid: Validity = true;
  for (const r of m.runs) valid = worst(valid, r.valid);
  for (const r of m.repeats) valid = worst(valid, r.valid);
  for (const s of m.suites) {
    for (const c of s.cases) {
      valid = worst(valid, c.outcome === "missed" || c.outcome === "false-positive" ? false : c.outcome === "inconclusive" ? "unknown" : true);
    }
  }
  return valid;
}

/** 0 every run and case passed, 1 a violation, 2 inconclusive and no violation. */
export function mergedExitCode(m: Merged): 0 | 1 | 2 {
  return verdictExitCode(mergedValidity(m));
}

/**
 * Joins the suites of the same name (the shards of one suite run) into one, with the cases and
 * incidents in the suite's own order when splitbrain knows the suite, else in the order found.
 */
export function joinSuites(parts: readonly MergedSuite[]): MergedSuite[] {
  const byName = new Map<string, MergedSuite>();
  for (const p of parts) {
    const seen = byName.get(p.name);
    if (seen === undefined) {
      byName.set(p.name, { ...p, incidents: [...p.incidents], cases: [...p.cases] });
      continue;
    }
    for (const i of p.incidents) if (!seen.incidents.some((x) => x.id === i.id)) seen.incidents.push(i);
    seen.cases.push(...p.cases);
  }
  return [...byName.values()].map((s) => {
    const known = ownValue(SUITES, s.name);
    if (known === undefined) return s;
    const caseRank = (c: SuiteCase): number => rank(known.cases.map((k) => caseSlug(k, ".")), caseSlug(c, "."));
    const incidentRank = (i: Incident): number => rank(known.incidents.map((k) => k.id), i.id);
    return {
      ...s,
      incidents: [...s.incidents].sort((a, b) => incidentRank(a) - incidentRank(b)),
      cases: [...s.cases].sort((a, b) => caseRank(a.case) - caseRank(b.case)),
    };
  });
}

function rank(order: readonly string[], key: string): number {
  const i = order.indexOf(key);
  return i < 0 ? order.length : i;
}

/**
 * One JUnit XML for everything merged: a test suite per scenario run (a test case per checker,
 * as each run's junit.xml has it) and a test suite per suite (a test case per suite case, as
 * `run --suite --junit` writes it).
 */
export function renderMergedJunit(m: Merged): string {
  const parts: JunitPart[] = [];
  if (m.runs.length > 0) {
    parts.push(
      junitScenariosPart(
        m.runs.map((r) => ({
          scenario: r.scenario,
          seed: r.seed ?? 0,
          runDir: r.runDir,
          seconds: (r.ms ?? 0) / 1000,
          checkers: r.checkers,
          ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
        })),
      ),
    );
  }
  if (m.repeats.length > 0) parts.push(repeatJunitPart(m.repeats));
  for (const s of m.suites) parts.push(suiteJunitPart({ name: s.name, summary: s.summary, incidents: s.incidents, cases: s.cases.map((c) => c.case) }, s.cases));
  return junitDocument("splitbrain", parts);
}

/** The merged report as data (merge.json). */
export function mergedToJson(m: Merged): MergeFile {
  const valid = mergedValidity(m);
  return {
    valid,
    exitCode: verdictExitCode(valid),
    runs: m.runs.map((r) => ({
      scenario: r.scenario,
      valid: r.valid,
      failedCheckers: r.failed,
      ...(r.inconclusive !== undefined ? { inconclusive: r.inconclusive } : {}),
      seed: r.seed ?? null,
      seconds: r.ms === undefined ? null : Math.round(r.ms / 100) / 10,
      runDir: r.runDir,
    })),
    repeats: summarizeRepeats(m.repeats).map((s) => ({ ...s, rate: rateText(s) })),
    suites: m.suites.map((s) => ({
      suite: s.name,
      cases: s.cases.map((c) => ({
        incident: c.case.incident,
        scenario: c.case.scenario,
        slug: caseSlug(c.case, "."),
        expect: c.case.expect,
        outcome: c.outcome,
        failedCheckers: c.failed,
        seed: c.result.seed,
        runDir: c.result.runDir,
      })),
    })),
  };
}
