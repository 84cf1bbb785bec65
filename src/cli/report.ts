import { Command, Option } from "commander";
import { formatCheckSummary } from "../report/check-summary.js";
import { regenerateReports } from "../report/regenerate.js";
import { styleFor } from "../report/style.js";
import type { CliContext } from "./context.js";
import { exitCodeFor } from "./exit-codes.js";
import { checkOverrides, parseMs } from "./options.js";

export function reportCommand(ctx: CliContext): Command {
  return new Command("report")
    .description("regenerate verdict.json, junit.xml and timeline.html of a run directory from its history alone")
    .argument("<run-dir>", "a run directory (or a history.jsonl: the reports are written next to it)")
    .addOption(new Option("--tolerance-ms <ms>", "override the tolerance the run recorded").argParser(parseMs))
    .addOption(new Option("--recovery-ms <ms>", "override the recovery bound the run recorded").argParser(parseMs))
    .option("--fencing", "check with fencing (overrides the run's choice)")
    .option("--no-fencing", "check without fencing (overrides the run's choice)")
    .addHelpText(
      "after",
      "\nThe check options are the run's own, recorded in the history header (or run.json), else the defaults; a flag overrides them. Exit code: the verdict's (0, 1, 2).",
    )
    .action(async (target: string, flags: { toleranceMs?: number; recoveryMs?: number; fencing?: boolean }) => {
      const r = await regenerateReports(target, checkOverrides(flags));
      ctx.stdout.write(`${formatCheckSummary(r.check, styleFor(ctx.stdout, ctx.env))}\n`);
      for (const f of r.files) ctx.stdout.write(`wrote ${f}\n`);
      ctx.setExitCode(exitCodeFor(r.check.valid));
    });
}
