import type { ChalkInstance } from "chalk";
import { caseLabel, type CaseOutcome, type Suite, type SuiteCase } from "../scenarios/suites.js";
import { printable } from "../util/printable.js";

/** What the suite reports need of a case's result: a live one (run/run-suite.ts), or one read back from disk (`merge`). */
export interface SuiteCaseRow {
  case: SuiteCase;
  /** With `run --suite --repeat`: the run's position among its case's repeats, from 1. */
  index?: number;
  outcome: CaseOutcome;
  /** The checkers that found a violation. */
  failed: string[];
  seconds: number;
  result: { seed: number; runDir: string; inconclusive?: string };
}

/** Per incident: reproduced or not, by which checker, how long it took; and whether the correct candidate passed. */
export function formatSuiteReport(suite: Suite, results: readonly SuiteCaseRow[], c: ChalkInstance): string {
  const lines = [c.bold(`splitbrain suite ${printable(suite.name)}: ${printable(suite.summary)}`)];
  for (const incident of suite.incidents) {
    lines.push(`  ${c.bold(printable(incident.title))}`);
    for (const r of results.filter((x) => x.case.incident === incident.id)) {
      const who = printable(caseLabel(r.case));
      const word =
        r.outcome === "reproduced"
          ? c.green(`reproduced by ${printable(r.failed.join(", "))}`)
          : r.outcome === "passed"
            ? c.green("passed (no false alarm)")
            : r.outcome === "missed"
              ? c.red(`NOT reproduced (expected ${r.case.expect.verdict === "violation" ? r.case.expect.by.join(" or ") : "-"}${r.failed.length > 0 ? `, got ${printable(r.failed.join(", "))}` : ""})`)
              : r.outcome === "false-positive"
                ? c.red(`FALSE ALARM on ${printable(r.failed.join(", "))}`)
                : c.yellow(`inconclusive${r.result.inconclusive !== undefined ? `: ${printable(r.result.inconclusive.split("\n")[0] ?? "")}` : ""}`);
      const scenario = `${printable(r.case.scenario)}${r.index !== undefined ? ` #${r.index}` : ""}`;
      lines.push(`    ${scenario.padEnd(17)} ${who.padEnd(42)} ${word}  ${c.dim(`${r.seconds.toFixed(0)} s, ${printable(r.result.runDir)}`)}`);
    }
  }
  return lines.join("\n");
}
