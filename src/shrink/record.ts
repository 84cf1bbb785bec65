import { join } from "node:path";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { CURATOR_OVERRIDE_DIR } from "../candidates/curator-override.js";
import { RUN_DEFAULTS } from "../run/defaults.js";
import { writeReportSet } from "../report/report-set.js";
import type { ReplayPlan } from "../run/replay.js";
import { planLength, scheduleOf } from "./fault-plan.js";
import { planText } from "./describe.js";
import { scenarioFileText, scenarioOf } from "./scenario-of.js";
import type { ShrinkResult } from "./search.js";

/** "fails 3/3 in confirmation" or what is known without one. */
export function confirmationText(r: ShrinkResult): string {
  if (r.confirmation === undefined) return r.stopped === "interrupted" ? "not confirmed (interrupted)" : "not confirmed (--confirm 0)";
  return `fails ${r.confirmation.failed}/${r.confirmation.runs} in confirmation`;
}

/** "19 faults, 300 s → 1 fault, 57.0 s: partition-from-zk on leader at 0 ms for 6.00 s; fails 3/3 in confirmation". */
export function beforeAfterText(r: ShrinkResult): string {
  const after = r.best === r.original ? "nothing smaller failed the same way" : planText(r.best);
  return `${planText(r.original)} → ${after}; ${confirmationText(r)}`;
}

/** A word for a shell: as it is when it is plain, else in single quotes. */
function shellWord(w: string): string {
  return /^[\w@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, "'\\''")}'`;
}

/**
 * The `run` flags that give an attempt what the shrunk run had: candidate (kind and bug, or the
 * file), ensemble, timings, check options, witness, ZooKeeper image, --candidate-env and Curator
 * jars. Flags left at their defaults are left out.
 */
export function runFlagsText(o: ReplayPlan["options"]): string {
  const flags = [
    `--candidate ${o.candidate.label.replace(/^file .*$/, "file:<your candidate file>")}`,
    `--servers ${o.servers}`,
    `--candidates ${o.candidates}`,
    ...(o.sessionTimeoutMs !== RUN_DEFAULTS.sessionTimeoutMs ? [`--session-timeout ${o.sessionTimeoutMs}ms`] : []),
    ...(o.recoveryMs !== RUN_DEFAULTS.recoveryMs ? [`--recovery ${o.recoveryMs}ms`] : []),
    `--time-scale ${o.timeScale}`,
    `--seed ${o.seed}`,
    ...(o.witness !== undefined ? [`--witness ${o.witness}`] : []),
    ...(o.fencing ? ["--fencing"] : []),
    ...(o.toleranceMs !== DEFAULT_CHECK_OPTIONS.toleranceMs ? [`--tolerance-ms ${o.toleranceMs}`] : []),
    ...(o.possible !== undefined && o.possible !== DEFAULT_CHECK_OPTIONS.possible ? [`--possible ${o.possible}`] : []),
    ...(o.zkImage !== undefined ? [`--zk-image ${shellWord(o.zkImage)}`] : []),
    ...Object.entries(o.candidateEnv ?? {}).map(([k, v]) => `--candidate-env ${shellWord(`${k}=${v}`)}`),
    ...(o.candidateBinds ?? []).filter((b) => b.endsWith(`:${CURATOR_OVERRIDE_DIR}:ro`)).map((b) => `--curator-jars ${shellWord(b.slice(0, -`:${CURATOR_OVERRIDE_DIR}:ro`.length))}`),
  ];
  return flags.join(" ");
}

/**
 * Writes shrunk.yaml (the smallest failing schedule as a scenario file for `run --scenario-file`)
 * and shrink.json (every attempt), replaced together.
 */
export async function writeShrinkRecord(dir: string, input: { runDir: string; replay: ReplayPlan; target: string; tries: number }, r: ShrinkResult): Promise<{ yaml: string; json: string }> {
  const o = input.replay.options;
  const scenario = scenarioOf(r.best, o.timeScale, {
    name: `${o.scenario.name}-shrunk`,
    summary: `${o.scenario.name} shrunk: ${planText(r.best)}`,
    description: `The smallest schedule of ${input.runDir} found still failing with ${input.target} (${beforeAfterText(r)}).`,
  });
  const header = [
    `shrunk by splitbrain shrink from ${input.runDir}: ${beforeAfterText(r)}`,
    `it compiles to the schedule it was shrunk to with the original run's flags:`,
    `  splitbrain run --scenario-file shrunk.yaml ${runFlagsText(o)}`,
  ];
  const yaml = join(dir, "shrunk.yaml");
  const json = join(dir, "shrink.json");
  const record = {
    runDir: input.runDir,
    target: input.target,
    tries: input.tries,
    stopped: r.stopped,
    searchRuns: r.searchRuns,
    elapsedMs: Math.round(r.elapsedMs),
    before: { faults: r.original.faults.length, lengthMs: planLength(r.original), text: planText(r.original, Infinity), schedule: scheduleOf(r.original) },
    after: {
      faults: r.best.faults.length,
      lengthMs: planLength(r.best),
      text: planText(r.best, Infinity),
      schedule: scheduleOf(r.best),
      shownBy: r.bestShownBy === undefined ? "the original run" : { attempt: r.bestShownBy.n, runDir: r.bestShownBy.runDir ?? null },
    },
    confirmation: r.confirmation ?? null,
    attempts: r.attempts,
  };
  await writeReportSet([
    { path: yaml, render: () => scenarioFileText(scenario, header) },
    { path: json, render: () => `${JSON.stringify(record, null, 2)}\n` },
  ]);
  return { yaml, json };
}
