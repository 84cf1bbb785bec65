import { randomInt } from "node:crypto";
import { Command, Option } from "commander";
import { CANDIDATE_KIND_NAMES, resolveCandidate, takesClockFaults, withZkObserver } from "../candidates/registry.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { InterruptedError, UserError } from "../errors/index.js";
import { formatCheckSummary } from "../report/check-summary.js";
import { formatRunRows } from "../report/run-summary.js";
import { styleFor } from "../report/style.js";
import { RUN_DEFAULTS } from "../run/defaults.js";
import { planScenarios, type ScenarioSource } from "../run/plan.js";
import { overallValidity, runScenarios, writeRunJunit } from "../run/run-all.js";
import { ELECTION_PATH } from "../run/run-scenario.js";
import { runRowOf, type ScenarioResult } from "../run/scenario-result.js";
import { scheduleConfigOf } from "../run/schedule-config.js";
import { describeShard } from "../run/shard.js";
import { formatSchedule } from "../scenarios/format-schedule.js";
import { loadScenarioFile } from "../scenarios/load.js";
import { HEADLINE_SCENARIOS, isScenarioName, SCENARIO_NAMES, SCENARIOS } from "../scenarios/registry.js";
import { SUITES } from "../scenarios/suites.js";
import type { CliContext } from "./context.js";
import { curatorJarBinds } from "./curator-jars.js";
import { exitCodeFor } from "./exit-codes.js";
import { withInterrupts } from "./interrupt.js";
import { parseCandidateCount, parseDuration, parseEnsembleSize, parseMs, parsePositiveDuration, parsePositiveInt, parseScale, parseSeed, parseSessionTimeout, parseShardOption, possibleOption } from "./options.js";
import { chooseBoard } from "./reporter-choice.js";
import { reportRepeats, writeInterruptedRepeat } from "./run-repeat.js";
import { checkEnginesReach, collectEnv, commonRunOptions, enginesOf, parseEngines, type RunFlags } from "./run-options.js";
import { runSuiteCommand } from "./run-suite.js";
import { RUN_HELP } from "./run-help.js";

/** `splitbrain run`: flags in, a plan (run/plan.ts), its runs (run/run-all.ts), the verdict out. */
export function runCommand(ctx: CliContext): Command {
  return new Command("run")
    .description("run scenarios on a fresh cluster each, check the histories, exit with the verdict")
    .argument("[scenario...]", `scenarios to run (default: ${HEADLINE_SCENARIOS.join(", ")}); see \`splitbrain scenarios\``)
    .option("--scenario-file <file>", "run a scenario from a YAML or JSON file (docs/scenarios.md)")
    .option("--suite <name>", `run a suite instead: ${Object.keys(SUITES).join(", ")} (each incident of docs/seeds.md with its buggy and its correct candidate)`)
    .option("--incident <ids>", "with --suite: only these incidents, comma-separated (e.g. false-death,parabol-window)")
    .addOption(new Option("--servers <n>", "ZooKeeper ensemble size: 1, 3, 5 or 7").argParser(parseEnsembleSize).default(RUN_DEFAULTS.servers))
    .option(
      "--candidate <kind>",
      `candidate kind: ${CANDIDATE_KIND_NAMES.join(", ")}; image:<ref> (your image, printing the protocol); file:<x.yaml> (your service, watched from outside: docs/candidates.md)`,
      "latch",
    )
    .option("--observe-zk", "also record ZooKeeper's own view of the election (owner of the lowest child of the election path) as the lane \"zk\"", false)
    .option("--candidate-env <NAME=value>", "set an environment variable in every candidate (repeatable; wins over the kind's and the file's)", collectEnv, {})
    .addOption(new Option("--candidates <n>", "how many candidates (at most 64)").argParser(parseCandidateCount).default(RUN_DEFAULTS.candidates))
    .option("--bug <mode>", "switch on a bug mode of the candidate (see below)")
    .addOption(new Option("--seed <n>", "seed of the schedule (default: random, printed)").argParser(parseSeed))
    .addOption(new Option("--session-timeout <time>", "ZooKeeper session timeout the candidates request (at most 10m)").argParser(parseSessionTimeout).default(RUN_DEFAULTS.sessionTimeoutMs, "6s"))
    .addOption(new Option("--recovery <time>", "liveness bound: longest leaderless time where a leader is expected").argParser(parsePositiveDuration).default(RUN_DEFAULTS.recoveryMs, "30s"))
    .addOption(new Option("--time-scale <x>", "shorten every duration (tick, session timeout, steps, recovery) by this factor, e.g. 0.5").argParser(parseScale).default(1))
    .addOption(new Option("--duration <time>", "how long the `random` scenario lasts").argParser(parseDuration).default(RUN_DEFAULTS.durationMs, "5m"))
    .addOption(new Option("--away <how>", "how rejoin-after-30s takes nodes away").choices(["kill", "partition"]).default(RUN_DEFAULTS.away))
    .addOption(new Option("--tolerance-ms <ms>", "overlaps up to this long are not violations").argParser(parseMs).default(DEFAULT_CHECK_OPTIONS.toleranceMs))
    .option("--fencing", "an overlap fenced by a greater token is a warning; tokens must increase", false)
    .addOption(possibleOption(DEFAULT_CHECK_OPTIONS.possible))
    .addOption(
      new Option("--witness <mode>", "start the witness the candidates write to (SB_WITNESS): plain accepts every write, fenced refuses stale tokens; the effects checker judges the writes (docs/candidates.md)").choices([
        "plain",
        "fenced",
      ]),
    )
    .option("--zk-image <image>", "ZooKeeper image to run instead of splitbrain's (e.g. the official zookeeper:3.8)")
    .option("--curator-jars <dir>", "with curator-latch/selector: run these Curator jars instead of Debian's 5.4.0")
    .option("--out <dir>", "run directory (with several scenarios: one directory per scenario inside it)")
    .option("--keep", "leave the containers running at the end (remove later with `splitbrain gc`)", false)
    .option("--junit <file>", "also write one JUnit XML file for all scenarios (each run directory has its own junit.xml)")
    .option("--no-tui", "plain progress lines even on a terminal")
    .option("--dry-run", "check the flags and scenarios, print the compiled schedules and stop: no Docker", false)
    .addOption(new Option("--parallel <n>", "run this many scenarios (or suite cases) at once, each on its own network; docs/ci.md").argParser(parsePositiveInt).default(RUN_DEFAULTS.parallel))
    .addOption(new Option("--engines <list>", "spread the runs over these Docker engines on this machine, comma-separated DOCKER_HOST values (default: $SPLITBRAIN_ENGINES, else DOCKER_HOST or the local socket); each is checked first: its containers must be reachable from here").argParser(parseEngines))
    .addOption(new Option("--repeat <n>", "run each scenario (or --suite case) n times, with seeds derived from --seed, and report the failure rate of each; docs/shrink.md").argParser(parsePositiveInt))
    .option("--until-fail", "with --repeat: start no further run after the first failure (with --suite: the first run that comes out otherwise than expected); those under way finish", false)
    .addOption(new Option("--shard <i/n>", "run only the i-th of n shards of the cases (scenarios, or with --suite its cases), for a CI matrix; docs/ci.md").argParser(parseShardOption))
    .addHelpText("after", RUN_HELP)
    .action(async (names: string[], flags: RunFlags) => {
      if (flags.suite !== undefined) {
        await runSuiteCommand(ctx, names, flags);
        return;
      }
      if (flags.incident !== undefined) throw new UserError("--incident applies to a suite", "Add --suite seeds, or leave out --incident.");
      if (flags.untilFail && flags.repeat === undefined) throw new UserError("--until-fail applies to --repeat", "Add --repeat N, or leave out --until-fail.");
      let choice = resolveCandidate(flags.candidate, flags.bug);
      if (flags.observeZk) choice = withZkObserver(choice, ELECTION_PATH);
      const candidateBinds = curatorJarBinds(flags.curatorJars, choice);
      const seed = flags.seed ?? randomInt(0, 2 ** 31);
      const scenarioOptions = { away: flags.away, seed, durationMs: flags.duration, sessionTimeoutMs: flags.sessionTimeout, clockFaults: takesClockFaults(choice) };
      const sources: ScenarioSource[] = [];
      for (const name of names) {
        if (!isScenarioName(name)) throw new UserError(`unknown scenario "${name}"`, `Scenarios: ${SCENARIO_NAMES.join(", ")} (or --scenario-file).`);
        sources.push({ make: (s) => SCENARIOS[name]({ ...scenarioOptions, seed: s }) });
      }
      if (flags.scenarioFile !== undefined) {
        const spec = await loadScenarioFile(flags.scenarioFile);
        sources.push({ make: () => spec, file: flags.scenarioFile });
      }
      if (sources.length === 0) for (const name of HEADLINE_SCENARIOS) sources.push({ make: (s) => SCENARIOS[name]({ ...scenarioOptions, seed: s }) });
      const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
      const plan = planScenarios({
        sources,
        seed,
        ...(flags.repeat !== undefined ? { repeat: flags.repeat } : {}),
        ...(flags.shard !== undefined ? { shard: flags.shard } : {}),
        config,
        choice,
        ...(flags.witness !== undefined ? { witness: flags.witness } : {}),
        parallel: flags.parallel,
      });
      const { planned, seeds, parallel } = plan;
      if (flags.shard !== undefined && planned.length === 0) {
        ctx.stdout.write(`shard ${describeShard(flags.shard)}: no cases (${plan.total} scenario(s) over ${flags.shard.count} shards); nothing to run\n`);
        return;
      }
      const engines = enginesOf(ctx, flags);
      const howLong = plan.estimate;
      if (flags.dryRun) {
        for (const p of planned) ctx.stdout.write(`${formatSchedule(p.scenario, p.schedule, config, p.file)}\n\n`);
        if (flags.repeat !== undefined) ctx.stdout.write(`--repeat ${flags.repeat}: seeds ${seeds.join(", ")} (derived from --seed ${seed})\n`);
        ctx.stdout.write(`dry run: ${planned.length} scenario(s) compiled for candidate ${choice.label}; nothing was started; it would take ${howLong}\n`);
        return;
      }

      const board = await chooseBoard(ctx, flags.tui, parallel);
      const progress = (m: string): void => board.progress(m);
      const c = styleFor(ctx.stdout, ctx.env);
      progress(`${flags.untilFail ? "at most " : ""}${howLong}`);
      board.expect?.(plan.estimateMs);
      if (flags.repeat !== undefined) progress(`--repeat ${flags.repeat}: seeds derived from --seed ${seed}: ${seeds.join(", ")}`);
      progress(`seed ${seed}; candidate ${choice.label} x${flags.candidates}; ${flags.servers} ZooKeeper server(s); time scale ${flags.timeScale}`);
      if (parallel > 1 || engines !== undefined) progress(`${planned.length} scenario(s), ${parallel} at a time${engines !== undefined ? ` over ${engines.length} engine(s): ${engines.join(", ")}` : ""}`);
      if (flags.shard !== undefined) progress(`shard ${describeShard(flags.shard)}: ${planned.map((x) => x.scenario.name).join(", ")}`);
      let results: ScenarioResult[] = [];
      // The runs that ended, as they end: an interrupted repeat still writes repeat.json for them.
      const ended: Array<{ index: number; result: ScenarioResult }> = [];
      try {
        await withInterrupts(
          ctx,
          async (signal) => {
            try {
              await checkEnginesReach(ctx, engines, progress);
              results = await runScenarios(planned, {
                ...commonRunOptions(ctx, flags, seed),
                candidate: choice,
                ...(Object.keys(flags.candidateEnv).length > 0 ? { candidateEnv: flags.candidateEnv } : {}),
                ...(candidateBinds !== undefined ? { candidateBinds } : {}),
                ...(flags.out !== undefined ? { out: flags.out } : {}),
                parallel,
                ...(engines !== undefined ? { engines } : {}),
                board,
                signal,
                ...(flags.untilFail ? { stopAfter: (r: ScenarioResult) => overallValidity([r]) === false } : {}),
                onResult: (result, index) => ended.push({ index, result }),
              });
            } finally {
              board.close();
            }
          },
          progress,
        );
      } catch (err) {
        if (err instanceof InterruptedError && flags.repeat !== undefined && flags.out !== undefined) {
          const finished = [...ended].sort((a, b) => a.index - b.index).map((x) => x.result);
          await writeInterruptedRepeat(ctx, { results: finished, planned, seed, count: flags.repeat, out: flags.out });
        }
        throw err;
      }
      if (flags.repeat !== undefined) {
        await reportRepeats(ctx, { results, planned, seed, count: flags.repeat, untilFail: flags.untilFail, candidate: choice.label, ...(flags.out !== undefined ? { out: flags.out } : {}), ...(flags.junit !== undefined ? { junit: flags.junit } : {}) });
        return;
      }
      // Printed once the live view (if any) has closed, so nothing draws over it.
      for (const r of results) {
        if (r.check !== undefined) ctx.stdout.write(`${formatCheckSummary(r.check, c)}\n`);
        if (r.inconclusive !== undefined) ctx.stdout.write(`${c.yellow(`inconclusive: ${r.inconclusive}`)}\n`);
      }
      const valid = overallValidity(results);
      ctx.stdout.write(`\n${c.bold(`splitbrain run: ${results.length} scenario(s), candidate ${choice.label}, seed ${seed}`)}\n${formatRunRows(results.map(runRowOf), c)}\n`);
      ctx.stdout.write(valid === true ? c.green.bold("PASS\n") : valid === false ? c.red.bold("FAIL: a violation was found\n") : c.yellow.bold("INCONCLUSIVE\n"));
      ctx.setExitCode(exitCodeFor(valid));
      // After the verdict, so a file that cannot be written (exit 2) never hides it.
      if (flags.junit !== undefined) await writeRunJunit(flags.junit, results);
    });
}

