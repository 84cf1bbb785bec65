import { join } from "node:path";
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
    `  splitbrain run --scenario-file shrunk.yaml --candidate ${o.candidate.label.replace(/^file .*$/, "file:<your candidate file>")} --servers ${o.servers} --candidates ${o.candidates} --time-scale ${o.timeScale} --seed ${o.seed}${o.witness !== undefined ? ` --witness ${o.witness}` : ""}${o.fencing ? " --fencing" : ""}`,
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
