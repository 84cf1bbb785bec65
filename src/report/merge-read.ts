import { existsSync, readdirSync, realpathSync, statSync } from "node:fs";
import { readVerdictFile } from "../files/verdict-file.js";
import { readSuiteFile, type SuiteFile } from "../files/suite-file.js";
import { basename, join } from "node:path";
import type { CheckerResult } from "../checkers/types.js";
import { InputError, UserError } from "../errors/index.js";
import { isScenarioName } from "../scenarios/registry.js";
import { SUITES, type SuiteCase } from "../scenarios/suites.js";
import { joinSuites, type Merged, type MergedRun, type MergedSuite } from "./merge.js";
import { readRunJsonIfAny } from "./run-json.js";
import { joinRepeatRuns, readRepeatFile } from "./repeat-read.js";
import type { RepeatRun } from "./repeat-summary.js";
import type { SuiteCaseRow } from "./suite-summary.js";
import { ownValue } from "../util/own.js";

/** How deep below a given directory results are looked for (artifact folder / shard / run). */
const MAX_DEPTH = 4;

/**
 * Reads the results under each directory: run directories (verdict.json; a run directory with
 * run.json or history.jsonl but no verdict.json did not finish and counts as inconclusive),
 * suite results (suite-<name>.json with its cases' run directories beside it), and directories
 * that hold any of these up to a few levels down. A directory that holds none is bad input.
 */
export function readResults(dirs: readonly string[]): Merged {
  const runs: MergedRun[] = [];
  const suites: MergedSuite[] = [];
  const repeats: RepeatRun[][] = [];
  const seen = new Set<string>();
  for (const dir of dirs) {
    if (!existsSync(dir)) throw new UserError(`${dir}: no such directory`, "Give run directories, or directories that hold them (as `splitbrain run --out` writes them).");
    if (!statSync(dir).isDirectory()) throw new UserError(`${dir}: not a directory`, "Give run directories, or directories that hold them (as `splitbrain run --out` writes them).");
    const before = runs.length + suites.length + repeats.length;
    collect(dir, 0, seen, runs, suites, repeats);
    if (runs.length + suites.length + repeats.length === before && !alreadyMerged(dir, seen)) {
      throw new UserError(
        `${dir}: holds no results (no verdict.json, run.json, history.jsonl, suite-<name>.json or repeat.json in it or up to ${MAX_DEPTH} levels below)`,
        "Give run directories, or directories that hold them (as `splitbrain run --out` writes them).",
      );
    }
  }
  return { runs, suites: joinSuites(suites), repeats: joinRepeatRuns(repeats) };
}

function alreadyMerged(dir: string, seen: Set<string>): boolean {
  return seen.has(realpathSync(dir));
}

function collect(dir: string, depth: number, seen: Set<string>, runs: MergedRun[], suites: MergedSuite[], repeats: RepeatRun[][]): void {
  const real = realpathSync(dir);
  if (seen.has(real)) return;
  const names = readdirSync(dir).sort();
  // `run --repeat --out`: its runs are one repeat, not plain runs.
  if (names.includes("repeat.json")) {
    seen.add(real);
    repeats.push(readRepeatFile(dir, seen).runs);
    return;
  }
  // Everything found counts: a suite result does not hide a run directory beside it (its own
  // cases' run directories are marked seen when the suite is read, so they count once).
  const suiteFiles = names.filter((n) => /^suite-.+\.json$/.test(n));
  if (suiteFiles.length > 0) seen.add(real);
  for (const f of suiteFiles) suites.push(readSuite(dir, join(dir, f), seen));
  if (names.includes("verdict.json") || names.includes("run.json") || names.includes("history.jsonl")) {
    seen.add(real);
    runs.push(readRun(dir));
    return;
  }
  if (depth >= MAX_DEPTH) return;
  for (const n of names) {
    if (n === "logs" || n === "latest") continue;
    const sub = join(dir, n);
    if (statSync(sub).isDirectory()) collect(sub, depth + 1, seen, runs, suites, repeats);
  }
}

/** One run directory. */
function readRun(dir: string): MergedRun {
  const runJson = readRunJsonIfAny(join(dir, "run.json"));
  const t = runJson?.timings;
  const ms = t === undefined ? undefined : t.bringUpMs + t.bodyMs + t.teardownMs + t.checkMs;
  const verdictFile = join(dir, "verdict.json");
  if (!existsSync(verdictFile)) {
    return {
      scenario: runJson?.scenario ?? basename(dir),
      valid: "unknown",
      failed: [],
      inconclusive: "no verdict.json: the run did not finish",
      ms,
      seed: runJson?.seed,
      runDir: dir,
      checkers: {},
    };
  }
  const v = readVerdictFile(dir);
  // The file keeps each violation's details (the reader is loose): they are the checker's own results.
  const checkers = v.checkers as unknown as Record<string, CheckerResult>;
  return {
    scenario: v.scenario ?? runJson?.scenario ?? basename(dir),
    valid: v.valid,
    failed: Object.entries(checkers)
      .filter(([, c]) => c.valid === false)
      .map(([n]) => n),
    ...(v.inconclusive !== undefined ? { inconclusive: v.inconclusive } : {}),
    ms,
    seed: v.seed ?? runJson?.seed,
    runDir: dir,
    checkers,
  };
}

/** A suite's results: suite-<name>.json, with each case's run directory looked up beside it. */
function readSuite(dir: string, file: string, seen: Set<string>): MergedSuite {
  const s = readSuiteFile(file);
  const cases: SuiteCaseRow[] = [];
  for (const incident of s.incidents) {
    for (const c of incident.cases) {
      const suiteCase = caseOf(file, incident.id, c);
      // The recorded path is where the run wrote it; after a download it sits beside the suite file.
      const beside = join(dir, basename(c.runDir));
      const runDir = existsSync(beside) ? beside : c.runDir;
      if (existsSync(runDir)) seen.add(realpathSync(runDir));
      const verdictFile = join(runDir, "verdict.json");
      const inconclusive =
        c.outcome !== "inconclusive"
          ? undefined
          : existsSync(verdictFile)
            ? (readVerdictFile(runDir).inconclusive ?? "a checker could not decide")
            : "no verdict.json: the run did not finish";
      cases.push({
        case: suiteCase,
        ...(c.index !== undefined ? { index: c.index } : {}),
        outcome: c.outcome,
        failed: c.failedCheckers,
        seconds: c.seconds,
        result: { seed: c.seed, runDir, ...(inconclusive !== undefined ? { inconclusive } : {}) },
      });
    }
  }
  return {
    name: s.suite,
    summary: ownValue(SUITES, s.suite)?.summary ?? "",
    incidents: s.incidents.map((i) => ({ id: i.id, title: i.title })),
    cases,
  };
}

/** The suite case back from its recorded label ("latch --bug ignore-disconnect --fencing"). */
function caseOf(file: string, incident: string, c: SuiteFile["incidents"][number]["cases"][number]): SuiteCase {
  if (!isScenarioName(c.scenario)) throw new InputError(file, undefined, `incident ${incident}: unknown scenario "${c.scenario}"`);
  const words = c.candidate.split(" ");
  const bugAt = words.indexOf("--bug");
  const bug = bugAt >= 0 ? words[bugAt + 1] : undefined;
  return {
    incident,
    scenario: c.scenario,
    candidate: words[0] ?? c.candidate,
    ...(bug !== undefined ? { bug } : {}),
    ...(words.includes("--fencing") ? { fencing: true } : {}),
    expect: c.expect,
    ...(c.note !== undefined ? { note: c.note } : {}),
  };
}
