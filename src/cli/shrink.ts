import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { Command, Option } from "commander";
import { formatMs } from "../checkers/types.js";
import { UserError } from "../errors/index.js";
import { styleFor } from "../report/style.js";
import { planText } from "../shrink/describe.js";
import { planLength, planOf, type FaultPlan } from "../shrink/fault-plan.js";
import { ShrinkProgress } from "../shrink/progress.js";
import { readShrinkInput } from "../shrink/input.js";
import { realRunner } from "../shrink/real-runner.js";
import { beforeAfterText, writeShrinkRecord } from "../shrink/record.js";
import { shrink, type Attempt, type ShrinkResult } from "../shrink/search.js";
import { chooseTarget } from "../shrink/target.js";
import type { CliContext } from "./context.js";
import { buildArgsFromEnv } from "./images.js";
import { withInterrupts } from "./interrupt.js";
import { parseDuration, parsePositiveInt } from "./options.js";
import { progressPrinter } from "./progress.js";
import { packageVersion } from "./version.js";
import { leaderSource } from "../candidates/registry.js";
import { readRolesAtInjection } from "../shrink/read-roles.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

interface ShrinkFlags {
  tries: number;
  confirm: number;
  maxRuns: number;
  budget: number;
  parallel: number;
  violation?: string;
  out?: string;
}

function parseCount(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new UserError(`--confirm: expected a whole number >= 0, got "${value}"`);
  return n;
}

/** Bring-up, teardown and check when the run did not record them (ms). */
const DEFAULT_OVERHEAD_MS = 60_000;

export function shrinkCommand(ctx: CliContext): Command {
  return new Command("shrink")
    .description("re-run smaller versions of a failing run's schedule and keep the smallest that still fails the same way")
    .argument("<run-dir>", "a run directory of a failing run (`splitbrain run` wrote it, exit 1)")
    .addOption(new Option("--tries <k>", "a smaller schedule counts as failing when it fails the same way in one of k runs").argParser(parsePositiveInt).default(2))
    .addOption(new Option("--confirm <n>", "run the smallest schedule n more times at the end and say how often it failed").argParser(parseCount).default(3))
    .addOption(new Option("--max-runs <n>", "at most n runs for the search (the confirmation comes on top)").argParser(parsePositiveInt).default(50))
    .addOption(new Option("--budget <time>", "start no search run that would not end within this time").argParser(parseDuration).default(30 * 60_000, "30m"))
    .addOption(new Option("--parallel <n>", "run n runs at once (the tries of one schedule, the confirmation), each on its own network").argParser(parsePositiveInt).default(RUN_DEFAULTS.parallel))
    .option("--violation <checker/kind>", "the violation to keep, e.g. overlap/overlap or effects/stale-write (default: the run's first)")
    .option("--out <dir>", "where shrunk.yaml, shrink.json and the attempts' run directories go (default <run-dir>/shrink)")
    .addHelpText(
      "after",
      `
Each attempt runs as \`splitbrain replay\` does: the run's candidate, image, options and
ensemble on a fresh cluster, with a smaller schedule. Strategies, cheapest first: drop faults
(delta debugging), name the role a fault's node held when it failed (the leader) instead of
the node, drop the waits between them, shorten each fault, move faults earlier;
passes repeat until none makes the schedule smaller or the runs or time run out. "Fails the
same way" means the same checker and kind of violation (docs/shrink.md). Ctrl-C keeps the
best so far (shrunk.yaml is written) and exits 130.

Writes <out>/shrunk.yaml (run it with \`splitbrain run --scenario-file\`, flags in its header),
<out>/shrink.json (every attempt) and <out>/attempt-NNN/ (each attempt's run directory).
Exit: 0 a schedule failing the same way was kept (smaller or not), 64 bad input (a run that
passed or was inconclusive, no run.json, a budget below one run), 130 interrupted.`,
    )
    .action(async (runDir: string, flags: ShrinkFlags) => {
      const input = await readShrinkInput(runDir);
      let target: string;
      try {
        target = chooseTarget(input.kinds, flags.violation);
      } catch (err) {
        throw new UserError(`--violation: ${(err as Error).message}`, "Give one of the kinds the run found, or leave --violation out.");
      }
      const original = planOf(input.schedule);
      const overhead = input.overheadMs ?? DEFAULT_OVERHEAD_MS;
      const estimate = (p: FaultPlan): number => planLength(p) + overhead;
      const oneRun = input.runMs ?? estimate(original);
      if (flags.budget < oneRun) {
        throw new UserError(`--budget ${formatMs(flags.budget)} is shorter than one run of this schedule (the run took ${formatMs(oneRun)})`, `Give at least --budget ${Math.ceil(oneRun / 60_000)}m; a shrink needs many runs.`);
      }
      const out = flags.out ?? join(runDir, "shrink");
      if (existsSync(out) && readdirSync(out).length > 0) throw new UserError(`${out}: already exists and is not empty`, "Give another --out, or remove it to shrink again.");
      const c = styleFor(ctx.stdout, ctx.env);
      const progress = progressPrinter(ctx);
      const started = Date.now();
      progress(`shrinking ${runDir}: ${planText(original)}; keeping ${target}; candidate ${input.replay.options.candidate.label}; up to ${flags.maxRuns} runs in ${formatMs(flags.budget)}`);
      const lines = new ShrinkProgress(original);
      const onAttempt = (a: Attempt): void => progress(lines.line(a, flags.budget - (Date.now() - started)));
      let result: ShrinkResult | undefined;
      const finish = async (r: ShrinkResult): Promise<void> => {
        const files = await writeShrinkRecord(out, { runDir, replay: input.replay, target, tries: flags.tries }, r);
        ctx.stdout.write(`\n${c.bold(`splitbrain shrink ${runDir}`)} (keeping ${target}; ${r.searchRuns} search run(s) in ${formatMs(r.elapsedMs)}, stopped: ${r.stopped})\n`);
        ctx.stdout.write(`  before: ${planText(r.original, Infinity)}\n  after:  ${planText(r.best, Infinity)}\n  ${beforeAfterText(r)}\n`);
        ctx.stdout.write(`  wrote ${files.yaml} and ${files.json}\n`);
      };
      await withInterrupts(ctx, async (signal) => {
        result = await shrink(
          original,
          realRunner({
            replay: input.replay,
            dir: out,
            env: ctx.env,
            version: packageVersion(),
            ...buildArgsFromEnv(ctx.env),
            parallel: flags.parallel,
            signal,
            progress,
          }),
          {
            target,
            tries: flags.tries,
            confirm: flags.confirm,
            maxRuns: flags.maxRuns,
            budgetMs: flags.budget,
            parallel: flags.parallel,
            now: () => Date.now(),
            estimateMs: estimate,
            signal,
            onAttempt,
            rolesOf: (dir) => readRolesAtInjection(dir ?? runDir, leaderSource(input.replay.options.candidate), progress),
          },
        );
        // Also when interrupted: the best so far is kept.
        await finish(result);
      });
    });
}
