import { join } from "node:path";
import { formatRepeatReport, renderRepeatJunit, repeatToJson, summarizeRepeats } from "../report/repeat-summary.js";
import { jsonText } from "../files/json-file.js";
import { writeReportFile } from "../report/report-set.js";
import { formatRunRows } from "../report/run-summary.js";
import { styleFor } from "../report/style.js";
import { overallValidity, type PlannedScenario } from "../run/run-all.js";
import { repeatRunsOf } from "../run/repeat-runs.js";
import { runRowOf, type ScenarioResult } from "../run/scenario-result.js";
import type { CliContext } from "./context.js";
import { exitCodeFor } from "./exit-codes.js";

export interface RepeatReport {
  results: readonly ScenarioResult[];
  /** The planned runs, each with its position among its scenario's repeats. */
  planned: ReadonlyArray<PlannedScenario & { index?: number }>;
  seed: number;
  count: number;
  untilFail: boolean;
  candidate: string;
  out?: string;
  junit?: string;
}

/**
 * `run --repeat`: the runs, then per scenario its failure rate with a 95% Wilson interval, the
 * violations seen and the failing seeds; repeat.json in --out (what `merge` joins across shards)
 * and the JUnit file. The exit code is the gate's: any violation fails.
 */
export async function reportRepeats(ctx: CliContext, o: RepeatReport): Promise<void> {
  const c = styleFor(ctx.stdout, ctx.env);
  const runs = repeatRunsOf(o.results, o.planned);
  const valid = overallValidity(o.results);
  ctx.stdout.write(`\n${c.bold(`splitbrain run --repeat ${o.count}: ${o.results.length} run(s), candidate ${o.candidate}, seeds derived from --seed ${o.seed}`)}\n`);
  ctx.stdout.write(`${formatRunRows(o.results.map((r, i) => ({ ...runRowOf(r), scenario: `${r.scenario} #${runs[i]?.index ?? "?"}` })), c)}\n\n`);
  ctx.stdout.write(`${formatRepeatReport(summarizeRepeats(runs), c)}\n`);
  const notRun = o.planned.length - o.results.length;
  if (o.untilFail && notRun > 0) ctx.stdout.write(c.dim(`--until-fail: stopped after the first failure; ${notRun} run(s) not started\n`));
  ctx.stdout.write(valid === true ? c.green.bold("PASS\n") : valid === false ? c.red.bold("FAIL: a violation was found\n") : c.yellow.bold("INCONCLUSIVE\n"));
  ctx.setExitCode(exitCodeFor(valid));
  // After the verdict, so a file that cannot be written (exit 2) never hides it.
  if (o.out !== undefined) await writeReportFile(join(o.out, "repeat.json"), jsonText(repeatToJson(o.seed, o.count, runs)));
  if (o.junit !== undefined) await writeReportFile(o.junit, renderRepeatJunit(runs));
}

/**
 * An interrupted `run --repeat --out`: repeat.json for the runs that finished before the
 * interrupt, marked `interrupted`, so that they are not lost (`merge` reads them as any other).
 * A file that cannot be written is a line on stderr: the interrupt stays what the command reports.
 */
export async function writeInterruptedRepeat(ctx: CliContext, o: Pick<RepeatReport, "results" | "planned" | "seed" | "count"> & { out: string }): Promise<void> {
  const file = join(o.out, "repeat.json");
  try {
    await writeReportFile(file, jsonText(repeatToJson(o.seed, o.count, repeatRunsOf(o.results, o.planned), true)));
    ctx.stderr.write(`${file}: the ${o.results.length} run(s) that finished before the interrupt, of ${o.planned.length}\n`);
  } catch (err) {
    ctx.stderr.write(`${file}: not written: ${(err as Error).message}\n`);
  }
}
