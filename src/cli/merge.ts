import { jsonText } from "../files/json-file.js";
import { join } from "node:path";
import { Command } from "commander";
import { UserError } from "../errors/index.js";
import { mergedToJson, mergedValidity, renderMergedJunit } from "../report/merge.js";
import { readResults } from "../report/merge-read.js";
import { writeReportFile, writeReportSet } from "../report/report-set.js";
import { formatRunRows } from "../report/run-summary.js";
import { styleFor } from "../report/style.js";
import { formatSuiteReport } from "../report/suite-summary.js";
import { formatRepeatReport, summarizeRepeats } from "../report/repeat-summary.js";
import { formatSuiteRepeatReport, isRepeatedSuite, summarizeSuiteRepeats } from "../report/suite-repeat.js";
import type { CliContext } from "./context.js";
import { exitCodeFor } from "./exit-codes.js";

export function mergeCommand(ctx: CliContext): Command {
  return new Command("merge")
    .description("join the results of several runs or shards into one report, one JUnit file and one exit code")
    .argument("<dir...>", "run directories, suite result directories (run --suite --out), or directories that hold them")
    .option("--out <dir>", "write merge.json (the merged report as data) and junit.xml into this directory")
    .option("--junit <file>", "write the merged JUnit XML to this file")
    .addHelpText(
      "after",
      `
Looks in each directory, and up to 4 levels below it, for run directories (verdict.json; one
with run.json or history.jsonl but no verdict.json did not finish and counts as inconclusive)
suite results (suite-<name>.json) and repeats (repeat.json of \`run --repeat --out\`); the
shards of one suite, and of one repeat, are joined into one (a repeat's failure rate over all
its runs). A
directory that holds none of these is an error (exit 64) that names it.

Exit: 0 every run and suite case passed, 1 a violation (or a suite case that did not come out
as expected), 2 inconclusive and no violation, 64 bad usage or a directory without results.

Example (the shards of a CI matrix, downloaded as artifacts; docs/ci.md):
  splitbrain merge shards/* --junit merged.xml`,
    )
    .action(async (dirs: string[], flags: { out?: string; junit?: string }) => {
      // An empty path would write into the current directory (--out) or fail late (--junit).
      if (flags.out === "") throw new UserError("--out: give a directory to write merge.json and junit.xml into, e.g. --out merged");
      if (flags.junit === "") throw new UserError("--junit: give a file to write the JUnit XML to, e.g. --junit merged.xml");
      const merged = readResults(dirs);
      const c = styleFor(ctx.stdout, ctx.env);
      const junit = renderMergedJunit(merged);
      // Through temporary files: merge.json and junit.xml of --out are replaced together, never a mix.
      if (flags.out !== undefined) {
        await writeReportSet([
          { path: join(flags.out, "merge.json"), render: () => jsonText(mergedToJson(merged)) },
          { path: join(flags.out, "junit.xml"), render: () => junit },
        ]);
      }
      if (flags.junit !== undefined) await writeReportFile(flags.junit, junit);
      const valid = mergedValidity(merged);
      const cases = merged.suites.reduce((n, s) => n + s.cases.length, 0);
      const what = [merged.runs.length > 0 ? `${merged.runs.length} run(s)` : undefined, merged.repeats.length > 0 ? `${merged.repeats.length} repeated run(s)` : undefined, cases > 0 ? `${cases} suite case(s)` : undefined].filter((x) => x !== undefined).join(" and ");
      ctx.stdout.write(`${c.bold(`splitbrain merge: ${what} from ${dirs.length} director${dirs.length === 1 ? "y" : "ies"}`)}\n`);
      if (merged.runs.length > 0) ctx.stdout.write(`${formatRunRows(merged.runs, c)}\n`);
      if (merged.repeats.length > 0) ctx.stdout.write(`${formatRepeatReport(summarizeRepeats(merged.repeats), c)}\n`);
      for (const s of merged.suites) {
        ctx.stdout.write(`${formatSuiteReport({ name: s.name, summary: s.summary, incidents: s.incidents, cases: s.cases.map((x) => x.case) }, s.cases, c)}\n`);
        if (isRepeatedSuite(s.cases)) ctx.stdout.write(`${formatSuiteRepeatReport(summarizeSuiteRepeats(s.cases), c)}\n`);
      }
      ctx.stdout.write(valid === true ? c.green.bold("PASS\n") : valid === false ? c.red.bold("FAIL: a violation was found\n") : c.yellow.bold("INCONCLUSIVE\n"));
      ctx.setExitCode(exitCodeFor(valid));
    });
}
