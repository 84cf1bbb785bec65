import { Command } from "commander";
import { worst } from "../checkers/verdict.js";
import { formatCheckSummary } from "../report/check-summary.js";
import { formatRunRows } from "../report/run-summary.js";
import { styleFor } from "../report/style.js";
import { planReplay } from "../run/replay.js";
import { runScenario } from "../run/run-scenario.js";
import { failedCheckers, runRowOf, scenarioValidity } from "../run/scenario-result.js";
import type { CliContext } from "./context.js";
import { exitCodeFor } from "./exit-codes.js";
import { buildArgsFromEnv } from "./images.js";
import { withInterrupts } from "./interrupt.js";
import { progressPrinter } from "./progress.js";
import { packageVersion } from "./version.js";
import { RUN_DEFAULTS } from "../run/defaults.js";
import { validityWord } from "../checkers/verdict.js";

function describe(valid: unknown, failed: string[]): string {
  if (valid !== true && valid !== false && valid !== "unknown") return "no verdict";
  return `${validityWord(valid)}${valid === false ? ` (${failed.join(", ")})` : ""}`;
}

export function replayCommand(ctx: CliContext): Command {
  return new Command("replay")
    .description("run a recorded run's schedule again on a fresh cluster, and say whether the verdict matches")
    .argument("<run-dir>", "a run directory written by `splitbrain run`")
    .option("--out <dir>", "run directory of the replay (default runs/<UTC time>-<scenario>)")
    .option("--keep", "leave the containers running at the end", false)
    .addHelpText(
      "after",
      `
The replay uses run.json: the same scenario, seed, schedule (fault times), ensemble size,
candidate, session timeout, time scale and check options. Targets such as "leader" are
resolved again at run time. Exit code: the replay's own verdict (0, 1, 2).`,
    )
    .action(async (runDir: string, flags: { out?: string; keep: boolean }) => {
      const plan = await planReplay(runDir);
      const progress = progressPrinter(ctx);
      const c = styleFor(ctx.stdout, ctx.env);
      progress(`replaying ${runDir}: scenario ${plan.options.scenario.name}, seed ${plan.options.seed}, candidate ${plan.options.candidate.label}`);
      const r = await withInterrupts(ctx, (signal) =>
        runScenario({
          ...plan.options,
          env: ctx.env,
          version: packageVersion(),
          runsRoot: RUN_DEFAULTS.runsRoot,
          ...(flags.out !== undefined ? { out: flags.out } : {}),
          keep: flags.keep,
          ...buildArgsFromEnv(ctx.env),
          progress,
          signal,
        }),
      );
      if (r.check !== undefined) ctx.stdout.write(`${formatCheckSummary(r.check, c)}\n`);
      ctx.stdout.write(`${formatRunRows([runRowOf(r)], c)}\n`);
      const now = scenarioValidity(r);
      const same = now === plan.original.valid && failedCheckers(r).join() === plan.original.failed.join();
      ctx.stdout.write(`original: ${describe(plan.original.valid, plan.original.failed)}; replay: ${describe(now, failedCheckers(r))}\n`);
      ctx.stdout.write(same ? c.green("verdict matches the original\n") : c.yellow("verdict differs from the original\n"));
      ctx.setExitCode(exitCodeFor(worst(true, now)));
    });
}
