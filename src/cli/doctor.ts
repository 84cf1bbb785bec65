import { Command } from "commander";
import { runDoctor } from "../runtime/doctor.js";
import { styleFor } from "../report/style.js";
import type { CliContext } from "./context.js";
import { ExitCode } from "./exit-codes.js";
import { packageVersion } from "./version.js";

export function doctorCommand(ctx: CliContext): Command {
  return new Command("doctor")
    .description("check what is missing to run (Docker engine, images, NET_ADMIN, netem for the delay fault) and say how to fix it")
    .addHelpText("after", "\nExit 0 when ready to run (images may still be built on first use), 2 otherwise.")
    .action(async () => {
      const c = styleFor(ctx.stdout, ctx.env);
      const checks = await runDoctor(ctx.env, packageVersion());
      const width = Math.max(...checks.map((x) => x.name.length));
      for (const check of checks) {
        const mark = check.status === "ok" ? c.green("ok  ") : check.status === "warn" ? c.yellow("warn") : c.red("FAIL");
        ctx.stdout.write(`${mark} ${check.name.padEnd(width)}  ${check.detail}\n`);
        if (check.fix !== undefined && check.status !== "ok") ctx.stdout.write(`     ${" ".repeat(width)}  fix: ${check.fix}\n`);
      }
      const failed = checks.filter((x) => x.status === "fail").length;
      ctx.stdout.write(failed === 0 ? c.green("ready to run\n") : c.red(`${failed} problem(s) to fix before a run\n`));
      ctx.setExitCode(failed === 0 ? ExitCode.pass : ExitCode.inconclusive);
    });
}
