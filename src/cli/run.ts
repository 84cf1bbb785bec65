import { randomInt } from "node:crypto";
import { Command, InvalidArgumentError, Option } from "commander";
import { bringUpEstimateMs, bugHelp, CANDIDATE_KIND_NAMES, resolveCandidate, takesClockFaults, withZkObserver, type CandidateChoice } from "../candidates/registry.js";
import { needsOf } from "../faults/registry.js";
import { ELECTION_PATH } from "../run/run-scenario.js";
import { DEFAULT_CHECK_OPTIONS, type PossiblePolicy } from "../checkers/types.js";
import { UserError } from "../errors/index.js";
import { formatCheckSummary } from "../report/check-summary.js";
import { formatRunRows } from "../report/run-summary.js";
import { styleFor } from "../report/style.js";
import { runRowOf, type ScenarioResult } from "../run/scenario-result.js";
import { compileChecked, loadScenarioFile } from "../scenarios/load.js";
import { formatSchedule } from "../scenarios/format-schedule.js";
import { scheduleConfigOf } from "../run/schedule-config.js";
import { HEADLINE_SCENARIOS, isScenarioName, SCENARIO_NAMES, SCENARIOS } from "../scenarios/registry.js";
import type { Schedule, ScenarioSpec } from "../scenarios/types.js";
import type { CliContext } from "./context.js";
import { exitCodeFor } from "./exit-codes.js";
import { buildArgsFromEnv } from "./images.js";
import { withInterrupts } from "./interrupt.js";
import { decimalInt, parseCandidateCount, parseDuration, parseEnsembleSize, parseMs, parsePositiveDuration, parsePositiveInt, parseSessionTimeout, parseShardOption, possibleOption } from "./options.js";
import { describeShard, selectShard, shardSuite, type Shard } from "../run/shard.js";
import { chooseBoard } from "./reporter-choice.js";
import { engineEnv, parseEngineList } from "../run/engines.js";
import { checkEngineReach } from "../run/engine-reach.js";
import { overallValidity, runScenarios, writeRunJunit } from "../run/run-all.js";
import { packageVersion } from "./version.js";
import { formatSuiteReport } from "../report/suite-summary.js";
import { runSuite, suiteOutcome, suiteRunsOf, writeSuiteJunit, type SuiteCaseResult, type SuiteRun } from "../run/run-suite.js";
import { formatSuiteRepeatReport, summarizeSuiteRepeats } from "../report/suite-repeat.js";
import { caseExpectation, caseLabel, selectIncidents, SUITES, type Suite } from "../scenarios/suites.js";
import { curatorJarBinds } from "./curator-jars.js";
import { repeatSeeds } from "../run/repeat-seeds.js";
import { RUN_DEFAULTS, suiteScenarioOptions } from "../run/defaults.js";
import { AFTER_RUN_MS, describeEstimate } from "../run/estimate.js";
import { expandRepeats, repeatDirName } from "../run/repeat-runs.js";
import { reportRepeats } from "./run-repeat.js";
import { ownValue } from "../util/own.js";

interface RunFlags {
  scenarioFile?: string;
  servers: 1 | 3 | 5 | 7;
  candidate: string;
  candidates: number;
  bug?: string;
  seed?: number;
  sessionTimeout: number;
  recovery: number;
  timeScale: number;
  duration: number;
  away: "kill" | "partition";
  toleranceMs: number;
  fencing: boolean;
  possible?: PossiblePolicy;
  witness?: "plain" | "fenced";
  zkImage?: string;
  out?: string;
  keep: boolean;
  tui: boolean;
  dryRun: boolean;
  curatorJars?: string;
  junit?: string;
  suite?: string;
  incident?: string;
  observeZk: boolean;
  candidateEnv: Record<string, string>;
  shard?: Shard;
  parallel: number;
  engines?: string[];
  repeat?: number;
  untilFail: boolean;
}

function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
  if (m === null) throw new UserError(`--candidate-env: expected NAME=value, got "${value}"`, "e.g. --candidate-env SB_PATRONI_TTL=30");
  if (value.includes("\u0000")) throw new UserError("--candidate-env: a value cannot hold a NUL character");
  return { ...previous, [m[1] as string]: m[2] as string };
}

function parseEngines(value: string): string[] {
  try {
    return parseEngineList(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** --engines, else SPLITBRAIN_ENGINES; undefined means the environment's one engine. */
function enginesOf(ctx: CliContext, flags: RunFlags): string[] | undefined {
  if (flags.engines !== undefined) return flags.engines;
  const fromEnv = ctx.env["SPLITBRAIN_ENGINES"];
  if (fromEnv === undefined || fromEnv.trim() === "") return undefined;
  try {
    return parseEngineList(fromEnv);
  } catch (err) {
    throw new UserError(`SPLITBRAIN_ENGINES: ${(err as Error).message}`, "Set it to comma-separated engine addresses, e.g. unix:///var/run/docker.sock,tcp://10.0.0.2:2376, or unset it.");
  }
}

/**
 * Before anything runs on engines other than this machine's socket (--engines, or a DOCKER_HOST
 * over tcp:// or ssh://): each must let the harness reach its containers' addresses, or the
 * command stops here with the engine named (run/engine-reach.ts).
 */
async function checkEnginesReach(ctx: CliContext, engines: readonly string[] | undefined, progress: (line: string) => void): Promise<void> {
  const host = ctx.env["DOCKER_HOST"];
  const list = engines ?? (host !== undefined && /^(tcp|ssh):\/\//.test(host) ? [host] : []);
  for (let slot = 0; slot < list.length; slot += 1) {
    await checkEngineReach(engineEnv(ctx.env, list, slot), packageVersion(), progress, buildArgsFromEnv(ctx.env).buildArgs);
  }
}

/** The smallest --time-scale: below it ZooKeeper's tick would be under its 100 ms floor and every time rounds to nothing. */
const MIN_TIME_SCALE = 0.01;

function parseScale(value: string): number {
  const n = /^[0-9]*\.?[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < MIN_TIME_SCALE || n > 1) throw new UserError(`--time-scale: expected a decimal number from ${MIN_TIME_SCALE} to 1, got "${value}"`);
  return n;
}

function parseSeed(value: string): number {
  const n = decimalInt(value);
  if (n === undefined || n > 0xffffffff) throw new UserError(`--seed: expected a whole number from 0 to 4294967295 in decimal digits, got "${value}"`);
  return n;
}


/**
 * A built-in candidate whose image has no libfaketime (Curator, Patroni) cannot take a clock
 * fault: refused before anything starts rather than inconclusive after a bring-up. Your own image
 * (image:, file:) may have it (docs/scenarios.md, "Clock faults"): its injection checks.
 */
function refuseClockFaults(choice: CandidateChoice, planned: ReadonlyArray<{ scenario: ScenarioSpec; schedule: Schedule }>): void {
  if (choice.kind === "image" || takesClockFaults(choice)) return;
  const clocked = planned.filter((p) => needsOf(p.schedule.actions.flatMap((a) => (a.do === "inject" ? [a.fault.kind] : []))).clock);
  if (clocked.length === 0) return;
  throw new UserError(
    `${clocked.map((p) => p.scenario.name).join(", ")}: clock faults need libfaketime in the candidates' image, and candidate ${choice.kind}'s image has none`,
    "Run the clock faults with --candidate latch or lease, or your own image with libfaketime (docs/scenarios.md, \"Clock faults\").",
  );
}
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
    .addOption(new Option("--parallel <n>", "run this many scenarios (or suite cases) at once, each on its own network; docs/ci.md").argParser(parsePositiveInt).default(1))
    .addOption(new Option("--engines <list>", "spread the runs over these Docker engines on this machine, comma-separated DOCKER_HOST values (default: $SPLITBRAIN_ENGINES, else DOCKER_HOST or the local socket); each is checked first: its containers must be reachable from here").argParser(parseEngines))
    .addOption(new Option("--repeat <n>", "run each scenario (or --suite case) n times, with seeds derived from --seed, and report the failure rate of each; docs/shrink.md").argParser(parsePositiveInt))
    .option("--until-fail", "with --repeat: start no further run after the first failure (with --suite: the first run that comes out otherwise than expected); those under way finish", false)
    .addOption(new Option("--shard <i/n>", "run only the i-th of n shards of the cases (scenarios, or with --suite its cases), for a CI matrix; docs/ci.md").argParser(parseShardOption))
    .addHelpText(
      "after",
      `
Each scenario runs on a fresh ensemble and candidates; its run directory holds history.jsonl,
run.json (config, seed, schedule: what replay needs), verdict.json and logs/. Exit: 0 every
scenario passed, 1 a violation, 2 inconclusive, 64 bad usage, 130 interrupted (everything
healed and removed).

With --suite seeds, every incident of docs/seeds.md runs with the candidate that carries its bug
and with the correct one (--incident picks some: druid-double-leader, curator-total-loss,
parabol-window, false-death); exit 0 when every bug is reproduced by the expected checker and every
correct candidate passes, 1 when a case comes out otherwise, 2 when one is inconclusive.
With --witness plain|fenced, a witness service runs on the run's network; candidates that opt in
(latch, curator-latch and curator-selector do) send their writes to SB_WITNESS, and the effects
checker judges what was accepted: two leaders' writes during an overlap, a stale token accepted
(docs/contracts.md).
With --candidate patroni, a writer inserts a row into every member every 200 ms, records each
acknowledged insert and reads the rows back from the primary after the run; the lost-writes
checker reports acknowledged rows the primary does not hold (docs/contracts.md, "Lost writes").
Exit codes, the checkers and the run directory: docs/contracts.md.

With --parallel N, N scenarios (or suite cases) run at once on the engine, each on its own
network; results are reported in the order given. On a terminal the live view shows a block
per run; elsewhere every progress line is tagged with its run. --engines a,b (or
SPLITBRAIN_ENGINES) spreads the runs over several Docker engines (run k uses the engine of its
slot); each is checked before anything starts, and one whose containers the harness cannot reach
at their addresses (an engine on another machine) is refused with exit 2 (docs/ci.md). How many runs a machine holds without timing noise changing verdicts: docs/ci.md.

With --shard i/n (i from 1 to n), only the cases at positions i, i+n, i+2n ... run: the
scenarios in the order given, or the suite's cases (incident x candidate). n CI runners with
the same flags and the same --seed cover the work exactly once; \`splitbrain merge\` joins their
run directories (docs/ci.md). A shard with no cases says so and exits 0; with one case, --out
is that case's run directory.

Bug modes (--bug):
${bugHelp()
  .split("\n")
  .map((l) => `  ${l}`)
  .join("\n")}

Examples:
  splitbrain run                                        the three headline scenarios, latch
  splitbrain run partition-leader --bug ignore-disconnect
  splitbrain run zk-total-loss --candidate curator-latch
  splitbrain run random --duration 10m --seed 42 --time-scale 0.5
  splitbrain run partition-leader --candidate patroni    Patroni watched by HTTP, psql and ZooKeeper
  splitbrain run --candidate file:my-service.yaml        your service as it is (docs/candidates.md)
  splitbrain run --scenario-file my.yaml --dry-run       check everything, print the schedule, start nothing
  splitbrain run --parallel 3                           the three headline scenarios at once`,
    )
    .action(async (names: string[], flags: RunFlags) => {
      if (flags.suite !== undefined) {
        await runSuiteCommand(ctx, names, flags);
        return;
      }
      if (flags.incident !== undefined) throw new UserError("--incident applies to a suite", "Add --suite seeds, or leave out --incident.");
      if (flags.untilFail && flags.repeat === undefined) throw new UserError("--until-fail applies to --repeat", "Add --repeat N, or leave out --until-fail.");
      let choice = resolveCandidate(flags.candidate, flags.bug);
      if (flags.bug === "cached-belief" && flags.candidate === "latch" && flags.witness === undefined) {
        throw new UserError("--bug cached-belief shows only in writes: it needs --witness", "Add --witness plain (the stale write is accepted) or --witness fenced (it is refused).");
      }
      if (flags.observeZk) choice = withZkObserver(choice, ELECTION_PATH);
      const candidateBinds = curatorJarBinds(flags.curatorJars, choice);
      const seed = flags.seed ?? randomInt(0, 2 ** 31);
      const scenarioOptions = { away: flags.away, seed, durationMs: flags.duration, sessionTimeoutMs: flags.sessionTimeout, clockFaults: takesClockFaults(choice) };
      // A scenario per seed: with --repeat, each scenario once per seed derived from --seed.
      const makers: Array<{ make: (seed: number) => ScenarioSpec; file?: string }> = [];
      for (const name of names) {
        if (!isScenarioName(name)) throw new UserError(`unknown scenario "${name}"`, `Scenarios: ${SCENARIO_NAMES.join(", ")} (or --scenario-file).`);
        makers.push({ make: (s) => SCENARIOS[name]({ ...scenarioOptions, seed: s }) });
      }
      if (flags.scenarioFile !== undefined) {
        const spec = await loadScenarioFile(flags.scenarioFile);
        makers.push({ make: () => spec, file: flags.scenarioFile });
      }
      if (makers.length === 0) for (const name of HEADLINE_SCENARIOS) makers.push({ make: (s) => SCENARIOS[name]({ ...scenarioOptions, seed: s }) });
      const seeds = flags.repeat === undefined ? [seed] : repeatSeeds(seed, flags.repeat);
      const specs: Array<{ spec: ScenarioSpec; file?: string; seed: number; index: number }> = expandRepeats(makers, seeds).map((x) => ({
        spec: x.item.make(x.seed),
        ...(x.item.file !== undefined ? { file: x.item.file } : {}),
        seed: x.seed,
        index: x.index,
      }));
      if (flags.candidates < 1) throw new UserError("--candidates must be at least 1");
      if (flags.shard !== undefined) {
        const total = specs.length;
        specs.splice(0, total, ...selectShard(specs, flags.shard));
        if (specs.length === 0) {
          ctx.stdout.write(`shard ${describeShard(flags.shard)}: no cases (${total} scenario(s) over ${flags.shard.count} shards); nothing to run\n`);
          return;
        }
      }
      // Every scenario compiles before anything starts: a mistake in a file is exit 64, not a half-started run.
      const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
      const planned = specs.map(({ spec, file, seed: s, index }) => ({
        scenario: spec,
        schedule: compileChecked(spec, config, s, file),
        file,
        ...(flags.repeat !== undefined ? { seed: s, index, dir: repeatDirName(spec.name, index, flags.repeat), label: `${spec.name} #${index}` } : {}),
      }));
      refuseClockFaults(choice, planned);
      const engines = enginesOf(ctx, flags);
      const parallel = Math.min(flags.parallel, planned.length);
      const howLong = describeEstimate({ lengthsMs: planned.map((p) => p.schedule.endAt), parallel, bringUpMs: bringUpEstimateMs(choice), afterMs: AFTER_RUN_MS });
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
      if (flags.repeat !== undefined) progress(`--repeat ${flags.repeat}: seeds derived from --seed ${seed}: ${seeds.join(", ")}`);
      progress(`seed ${seed}; candidate ${choice.label} x${flags.candidates}; ${flags.servers} ZooKeeper server(s); time scale ${flags.timeScale}`);
      if (parallel > 1 || engines !== undefined) progress(`${planned.length} scenario(s), ${parallel} at a time${engines !== undefined ? ` over ${engines.length} engine(s): ${engines.join(", ")}` : ""}`);
      if (flags.shard !== undefined) progress(`shard ${describeShard(flags.shard)}: ${planned.map((x) => x.scenario.name).join(", ")}`);
      let results: ScenarioResult[] = [];
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
            });
          } finally {
            board.close();
          }
        },
        progress,
      );
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

export function scenariosCommand(ctx: CliContext): Command {
  const list = new Command("scenarios")
    .description("list the built-in scenarios, one line each; `scenarios validate FILE...` checks scenario files")
    .action(() => {
      const width = Math.max(...SCENARIO_NAMES.map((n) => n.length));
      const o = { ...RUN_DEFAULTS, seed: 0 };
      for (const name of SCENARIO_NAMES) {
        const headline = HEADLINE_SCENARIOS.includes(name) ? "*" : " ";
        ctx.stdout.write(`${headline} ${name.padEnd(width)}  ${SCENARIOS[name](o).summary}\n`);
      }
      ctx.stdout.write("\n* run by default (`splitbrain run` with no scenario)\n");
      ctx.stdout.write("Check a scenario file of your own: splitbrain scenarios validate my-scenario.yaml (docs/scenarios.md)\n");
    });
  list.addCommand(validateCommand(ctx));
  return list;
}

interface ValidateFlags {
  servers: 1 | 3 | 5 | 7;
  candidates: number;
  seed: number;
  sessionTimeout: number;
  recovery: number;
  timeScale: number;
}

function validateCommand(ctx: CliContext): Command {
  return new Command("validate")
    .description("check scenario files and print their compiled schedules, without Docker (exit 0 valid, 64 not)")
    .argument("<file...>", "scenario files (YAML or JSON, docs/scenarios.md)")
    .addOption(new Option("--servers <n>", "ZooKeeper ensemble size the node ids (zk1..) come from").argParser(parseEnsembleSize).default(RUN_DEFAULTS.servers))
    .addOption(new Option("--candidates <n>", "how many candidates (c1..; at most 64)").argParser(parseCandidateCount).default(RUN_DEFAULTS.candidates))
    .addOption(new Option("--seed <n>", "seed that draws random-candidate and random-zk").argParser(parseSeed).default(0))
    .addOption(new Option("--session-timeout <time>", "what 1st (one session timeout) stands for").argParser(parseSessionTimeout).default(RUN_DEFAULTS.sessionTimeoutMs, "6s"))
    .addOption(new Option("--recovery <time>", "liveness bound (the default settle is recovery + 2 session timeouts)").argParser(parsePositiveDuration).default(RUN_DEFAULTS.recoveryMs, "30s"))
    .addOption(new Option("--time-scale <x>", "shorten every duration by this factor, as `run --time-scale`").argParser(parseScale).default(1))
    .addHelpText(
      "after",
      `
Every file is read, validated and compiled as \`splitbrain run --scenario-file\` would with the
same flags; mistakes are printed as file: path: message (e.g. steps.2.fault.targets.0: unknown
target "c9"). \`splitbrain run --dry-run\` does the same for a whole run's flags.`,
    )
    .action(async (files: string[], flags: ValidateFlags) => {
      const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
      const problems: string[] = [];
      for (const file of files) {
        try {
          const spec = await loadScenarioFile(file);
          const schedule = compileChecked(spec, config, flags.seed, file);
          ctx.stdout.write(`${formatSchedule(spec, schedule, config, file)}\n\n`);
        } catch (err) {
          if (!(err instanceof UserError)) throw err;
          problems.push(err.message);
        }
      }
      if (problems.length > 0) {
        throw new UserError(
          `${problems.join("\n")}\n${problems.length} of ${files.length} scenario file(s) invalid`,
          "See docs/scenarios.md for the step forms, targets and fault kinds.",
        );
      }
      ctx.stdout.write(`${files.length} scenario file(s) valid\n`);
    });
}

async function runSuiteCommand(ctx: CliContext, names: string[], flags: RunFlags): Promise<void> {
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
  if (flags.dryRun) {
    const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
    const scenarioOptions = suiteScenarioOptions(seed, flags.sessionTimeout);
    suite.cases.forEach((c, i) => ctx.stdout.write(`${String(i + 1).padStart(2)}. ${c.incident}: ${c.scenario} with ${caseLabel(c)} must ${caseExpectation(c)}\n`));
    ctx.stdout.write("\n");
    for (const name of new Set(suite.cases.map((c) => c.scenario))) {
      const scenario = SCENARIOS[name](scenarioOptions);
      ctx.stdout.write(`${formatSchedule(scenario, compileChecked(scenario, config, seed), config)}\n\n`);
    }
    if (flags.repeat !== undefined) ctx.stdout.write(`--repeat ${flags.repeat}: ${runs.length} run(s); seeds ${seeds.join(", ")} (derived from --seed ${seed})\n`);
    ctx.stdout.write(`dry run: suite ${suite.name}, ${suite.cases.length} case(s) compiled; nothing was started; it would take ${suiteHowLong(runs, flags)}\n`);
    return;
  }
  const parallel = Math.min(flags.parallel, runs.length);
  const board = await chooseBoard(ctx, flags.tui, parallel);
  const c = styleFor(ctx.stdout, ctx.env);
  board.progress(`${flags.untilFail ? "at most " : ""}${suiteHowLong(runs, flags)}`);
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
        runs,
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

/** How long a suite's runs take, about: each case's schedule and its candidate's bring-up. */
function suiteHowLong(runs: readonly SuiteRun[], flags: RunFlags): string {
  const config = scheduleConfigOf({ ...flags, sessionTimeoutMs: flags.sessionTimeout, recoveryMs: flags.recovery });
  const lengthsMs = runs.map((r) => compileChecked(SCENARIOS[r.case.scenario](suiteScenarioOptions(r.seed, flags.sessionTimeout)), config, r.seed).endAt);
  const bringUps = runs.map((r) => bringUpEstimateMs(resolveCandidate(r.case.candidate, r.case.bug)));
  return describeEstimate({ lengthsMs, parallel: Math.min(flags.parallel, runs.length), bringUpMs: Math.max(...bringUps), afterMs: AFTER_RUN_MS });
}

/** The run options every scenario of a `run` (or a suite) shares, from the flags. */
function commonRunOptions(ctx: CliContext, flags: RunFlags, seed: number) {
  return {
    env: ctx.env,
    version: packageVersion(),
    seed,
    servers: flags.servers,
    ...(flags.zkImage !== undefined ? { zkImage: flags.zkImage } : {}),
    candidates: flags.candidates,
    sessionTimeoutMs: flags.sessionTimeout,
    recoveryMs: flags.recovery,
    timeScale: flags.timeScale,
    toleranceMs: flags.toleranceMs,
    fencing: flags.fencing,
    ...(flags.possible !== undefined ? { possible: flags.possible } : {}),
    ...(flags.witness !== undefined ? { witness: flags.witness } : {}),
    runsRoot: "runs",
    keep: flags.keep,
    ...buildArgsFromEnv(ctx.env),
  };
}
