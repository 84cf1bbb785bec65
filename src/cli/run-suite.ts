import { randomInt } from "node:crypto";
import { UserError } from "../errors/index.js";
import { formatSuiteRepeatReport, summarizeSuiteRepeats } from "../report/suite-repeat.js";
import { formatSuiteReport } from "../report/suite-summary.js";
import { styleFor } from "../report/style.js";
import { suiteScenarioOptions } from "../run/defaults.js";
import { repeatSeeds } from "../run/repeat-seeds.js";
import { planSuite } from "../run/plan.js";
import { expandRepeats } from "../run/repeat-runs.js";
import { runSuite, suiteOutcome, suiteRunsOf, writeSuiteJunit, type SuiteCaseResult, type SuiteRun } from "../run/run-suite.js";
import { scheduleConfigOf } from "../run/schedule-config.js";
import { describeShard, selectShard, shardSuite } from "../run/shard.js";
import { formatSchedule } from "../scenarios/format-schedule.js";
import { compileChecked } from "../scenarios/load.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { caseExpectation, caseLabel, selectIncidents, SUITES, type Suite } from "../scenarios/suites.js";
import { ownValue } from "../util/own.js";
import type { CliContext } from "./context.js";
import { withInterrupts } from "./interrupt.js";
import { chooseBoard } from "./reporter-choice.js";
import { checkEnginesReach, commonRunOptions, enginesOf, type RunFlags } from "./run-options.js";

/**
 * `run --suite NAME`: every case of the suite (an incident's scenario with its buggy and its
 * correct candidate), judged by its expectation; with --repeat, each case once per derived seed.
 */
export async function runSuiteCommand(ctx: CliContext, names: string[], flags: RunFlags): Promise<void> {
  const whole = ownValue(SUITES, flags.suite ?? "");
  if (whole === undefined) throw new UserError(`unknown suite "${flags.suite}"`, `Suites: ${Object.keys(SUITES).join(", ")}.`);
  let suite: Suite;
  try {
    suite = selectIncidents(whole, (flags.incident ?? "").split(",").map((x) => x.trim()).filter((x) => x !== ""));
  } catch (err) {
    throw new UserError(`--incident: ${(err as Error).message}`);
  }
  if (names.length > 0 || flags.scenarioFile !== undefined || flags.bug !== undefined || flags.candidate !== "latch" || flags.fencing || flags.observeZk) {
    throw new UserError(
      "--suite chooses the scenarios, candidates and --fencing itself",
      "Leave out scenario names, --scenario-file, --candidate, --bug and --fencing (the suite judges its pause cases with --fencing).",
    );
  }
  if (flags.untilFail && flags.repeat === undefined) throw new UserError("--until-fail applies to --repeat", "Add --repeat N, or leave out --until-fail.");
  const seed = flags.seed ?? randomInt(0, 2 ** 31);
  // With --repeat, every case once per seed derived from --seed; --shard splits those runs.
  const seeds = flags.repeat === undefined ? [seed] : repeatSeeds(seed, flags.repeat);
  let runs: SuiteRun[] =
    flags.repeat === undefined ? suiteRunsOf(suite, seed) : expandRepeats(suite.cases, seeds).map((x) => ({ case: x.item, seed: x.seed, index: x.index, count: flags.repeat }));
  if (flags.shard !== undefined) {
    const total = runs.length;
    if (flags.repeat === undefined) {
      suite = shardSuite(suite, flags.shard);
      runs = suiteRunsOf(suite, seed);
    } else {
      runs = selectShard(runs, flags.shard);
      suite = { ...suite, incidents: suite.incidents.filter((i) => runs.some((r) => r.case.incident === i.id)), cases: suite.cases.filter((c) => runs.some((r) => r.case === c)) };
    }
    if (runs.length === 0) {
      ctx.stdout.write(`shard ${describeShard(flags.shard)}: no cases (${total} suite ${flags.repeat === undefined ? "case(s)" : "run(s)"} over ${flags.shard.count} shards); nothing to run\n`);
      return;
    }
  }
  const engines = enginesOf(ctx, flags);
  const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
  // Every run's schedule compiled once, for the estimate and for the runs.
  const plan = planSuite({ runs, config, sessionTimeoutMs: flags.sessionTimeout, parallel: flags.parallel });
  if (flags.dryRun) {
    const scenarioOptions = suiteScenarioOptions(seed, flags.sessionTimeout);
    suite.cases.forEach((c, i) => ctx.stdout.write(`${String(i + 1).padStart(2)}. ${c.incident}: ${c.scenario} with ${caseLabel(c)} must ${caseExpectation(c)}\n`));
    ctx.stdout.write("\n");
    for (const name of new Set(suite.cases.map((c) => c.scenario))) {
      const scenario = SCENARIOS[name](scenarioOptions);
      ctx.stdout.write(`${formatSchedule(scenario, compileChecked(scenario, config, seed), config)}\n\n`);
    }
    if (flags.repeat !== undefined) ctx.stdout.write(`--repeat ${flags.repeat}: ${runs.length} run(s); seeds ${seeds.join(", ")} (derived from --seed ${seed})\n`);
    ctx.stdout.write(`dry run: suite ${suite.name}, ${suite.cases.length} case(s) compiled; nothing was started; it would take ${plan.estimate}\n`);
    return;
  }
  const parallel = Math.min(flags.parallel, runs.length);
  const board = await chooseBoard(ctx, flags.tui, parallel);
  const c = styleFor(ctx.stdout, ctx.env);
  board.progress(`${flags.untilFail ? "at most " : ""}${plan.estimate}`);
  board.expect?.(plan.estimateMs);
  if (flags.repeat !== undefined) board.progress(`--repeat ${flags.repeat}: ${runs.length} run(s); seeds derived from --seed ${seed}: ${seeds.join(", ")}`);
  if (parallel > 1 || engines !== undefined) board.progress(`suite ${suite.name}: ${runs.length} run(s), ${parallel} at a time${engines !== undefined ? ` over ${engines.length} engine(s): ${engines.join(", ")}` : ""}`);
  let results: SuiteCaseResult[] = [];
  await withInterrupts(ctx, async (signal) => {
    try {
      await checkEnginesReach(ctx, engines, (line) => board.progress(line));
      results = await runSuite(suite, {
        ...commonRunOptions(ctx, flags, seed),
        ...(flags.out !== undefined ? { out: flags.out } : {}),
        parallel,
        ...(engines !== undefined ? { engines } : {}),
        board,
        signal,
        runs: plan.runs,
        untilUnexpected: flags.untilFail,
      });
    } finally {
      board.close();
    }
  }, (line) => board.progress(line));
  ctx.stdout.write(`${formatSuiteReport(suite, results, c)}\n`);
  if (flags.repeat !== undefined) {
    ctx.stdout.write(`\n${c.bold(`--repeat ${flags.repeat}: ${results.length} run(s), seeds derived from --seed ${seed}`)}\n${formatSuiteRepeatReport(summarizeSuiteRepeats(results), c)}\n`);
    const notRun = runs.length - results.length;
    if (flags.untilFail && notRun > 0) ctx.stdout.write(c.dim(`--until-fail: stopped after the first run that came out otherwise; ${notRun} run(s) not started\n`));
  }
  const { wrong, unsure } = suiteOutcome(results);
  ctx.stdout.write(
    wrong > 0
      ? c.red.bold(`${wrong} case(s) did not come out as expected\n`)
      : unsure > 0
        ? c.yellow.bold(`${unsure} case(s) inconclusive\n`)
        : c.green.bold("every incident reproduced, every correct candidate passed\n"),
  );
  ctx.setExitCode(wrong > 0 ? 1 : unsure > 0 ? 2 : 0);
  if (flags.junit !== undefined) await writeSuiteJunit(flags.junit, suite, results);
}
