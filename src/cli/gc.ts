import { Command } from "commander";
import { connectDocker } from "../runtime/docker/client.js";
import { collectGarbage, findRuns } from "../runtime/docker/gc.js";
import type { CliContext } from "./context.js";

export function gcCommand(ctx: CliContext): Command {
  return new Command("gc")
    .description("remove containers and networks left by runs whose harness is gone (found by label)")
    .option("--all", "also remove those of runs that still look alive", false)
    .option("--dry-run", "only list what would be removed", false)
    .addHelpText(
      "after",
      `
Every container and network splitbrain makes carries splitbrain.run=<run id> and the pid and
host of the harness process. gc removes what belongs to runs whose process is no longer
running on this host; runs started on other hosts or still running are kept unless --all.`,
    )
    .action(async (flags: { all: boolean; dryRun: boolean }) => {
      const { docker } = await connectDocker(ctx.env);
      if (flags.dryRun) {
        const runs = await findRuns(docker);
        if (runs.length === 0) ctx.stdout.write("nothing labelled splitbrain.run on this engine\n");
        for (const r of runs) {
          const verb = r.alive && !flags.all ? "keep  " : "remove";
          ctx.stdout.write(`${verb} run ${r.runId}: ${r.containers.length} container(s), ${r.networks.length} network(s); ${r.owner}\n`);
        }
        return;
      }
      const { removed, kept } = await collectGarbage(docker, { all: flags.all });
      for (const r of removed) {
        ctx.stdout.write(`removed run ${r.runId}: ${r.report.containers} container(s), ${r.report.networks} network(s) (${r.owner})\n`);
        for (const f of r.report.failures) ctx.stderr.write(`  could not remove ${f}\n`);
      }
      for (const r of kept) ctx.stdout.write(`kept run ${r.runId}: ${r.owner} (use --all to remove it anyway)\n`);
      if (removed.length === 0 && kept.length === 0) ctx.stdout.write("nothing to remove\n");
    });
}
