import { Command, Option } from "commander";
import { formatCheckSummary } from "../report/check-summary.js";
import { regenerateReports } from "../report/regenerate.js";
import { styleFor } from "../report/style.js";
import type { CliContext } from "./context.js";
import { InconclusiveError } from "../errors/index.js";
import { worst } from "../checkers/verdict.js";
import { exitCodeFor } from "./exit-codes.js";
import { checkOverrides, parseMs, possibleOption, recoveryMsOption, recoveryOf, recoveryOption } from "./options.js";
import type { PossiblePolicy } from "../checkers/types.js";

export function reportCommand(ctx: CliContext): Command {
  return new Command("report")
    .description("regenerate verdict.json, junit.xml and timeline.html of a run directory from its history alone")
    .argument("<run-dir>", "a run directory (or a history.jsonl: the reports are written next to it)")
    .addOption(new Option("--tolerance-ms <ms>", "override the tolerance the run recorded").argParser(parseMs))
    .addOption(recoveryOption("override the recovery bound the run recorded"))
    .addOption(recoveryMsOption())
    .option("--fencing", "check with fencing (overrides the run's choice)")
    .option("--no-fencing", "check without fencing (overrides the run's choice)")
    .addOption(possibleOption("the run's, else inconclusive"))
    .addHelpText(
      "after",
      "\nThe check options are the run's own, recorded in the history header (or run.json), else the defaults; a flag overrides them. " +
        "The files are written as one set (docs/history-format.md, run directory): never two checks' files side by side. " +
        "Exit code: the verdict's (0, 1, 2); 2 also when a file cannot be written (1 stays 1).",
    )
    .action(async (target: string, flags: { toleranceMs?: number; recovery?: number; recoveryMs?: number; fencing?: boolean; possible?: PossiblePolicy }) => {
      const recoveryMs = recoveryOf(flags, (line) => ctx.stderr.write(`${line}\n`));
      const r = await regenerateReports(target, checkOverrides({ ...flags, ...(recoveryMs !== undefined ? { recoveryMs } : {}) }));
      ctx.stdout.write(`${formatCheckSummary(r.check, styleFor(ctx.stdout, ctx.env))}\n`);
      for (const f of r.files) ctx.stdout.write(`wrote ${f}\n`);
      // A report that could not be written makes the command inconclusive, unless it found a violation.
      const c = styleFor(ctx.stderr, ctx.env);
      for (const s of r.skipped) ctx.stderr.write(`${c.yellow("inconclusive:")} ${s.error instanceof InconclusiveError ? s.error.message : `cannot write ${s.path}: ${String(s.error)}`} (the other reports were written)\n`);
      ctx.setExitCode(exitCodeFor(r.skipped.length > 0 ? worst(r.check.valid, "unknown") : r.check.valid));
    });
}
