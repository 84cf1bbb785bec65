import type { ChalkInstance } from "chalk";
import type { VerdictFile } from "../files/verdict-file.js";
import type { HistoryCheck } from "../checkers/check-history.js";
import { formatMs } from "../checkers/types.js";
import { verdictExitCode } from "../checkers/verdict.js";
import type { Validity } from "../checkers/types.js";
import { printable } from "../util/printable.js";

const MAX_LISTED = 10;

function mark(valid: Validity, c: ChalkInstance): string {
  if (valid === true) return c.green("✓");
  if (valid === false) return c.red("✗");
  return c.yellow("?");
}

/** The readable summary of `splitbrain check`: one line per checker, its violations, the verdict. */
export function formatCheckSummary(check: HistoryCheck, c: ChalkInstance): string {
  const lines: string[] = [];
  const meta = check.history.meta;
  lines.push(`${c.bold("splitbrain check")} ${printable(check.file)}`);
  const about = [
    `${check.history.events} events over ${formatMs(check.history.endT)}`,
    meta.scenario !== undefined ? `scenario ${printable(String(meta.scenario))}` : undefined,
    meta.seed !== undefined ? `seed ${printable(String(meta.seed))}` : undefined,
    meta.run !== undefined ? `run ${printable(String(meta.run))}` : undefined,
  ].filter((x) => x !== undefined);
  lines.push(c.dim(`  ${about.join(" · ")}`));
  const recorded = Object.keys(check.recorded ?? {});
  if (recorded.length > 0) {
    const o = check.options;
    lines.push(
      c.dim(`  options: tolerance ${formatMs(o.toleranceMs)}, recovery ${formatMs(o.recoveryMs)}, fencing ${o.fencing ? "on" : "off"} (as the run recorded: ${recorded.map((k) => k.replace(/Ms$/, "")).join(", ")}; flags override)`),
    );
  }
  const width = Math.max(...Object.keys(check.checkers).map((n) => n.length));
  for (const [name, result] of Object.entries(check.checkers)) {
    lines.push(`  ${mark(result.valid, c)} ${name.padEnd(width)}  ${printable(result.summary)}`);
    for (const v of result.violations.slice(0, MAX_LISTED)) lines.push(`      ${c.red(printable(v.message))}`);
    if (result.violationCount > MAX_LISTED) lines.push(c.dim(`      … and ${result.violationCount - MAX_LISTED} more (see --json)`));
    for (const w of result.warnings.slice(0, MAX_LISTED)) lines.push(`      ${c.yellow(printable(w.message))}`);
    if (result.warningCount > MAX_LISTED) lines.push(c.dim(`      … and ${result.warningCount - MAX_LISTED} more warnings (see --json)`));
    if (result.valid === "unknown" && result.error !== undefined) lines.push(`      ${c.yellow(printable(result.error))}`);
  }
  for (const w of check.warnings) lines.push(c.yellow(`  warning: ${printable(w)}`));
  lines.push(verdictLine(check.valid, c));
  return lines.join("\n");
}

export function verdictLine(valid: Validity, c: ChalkInstance): string {
  if (valid === true) return c.green.bold("PASS: every check passed");
  if (valid === false) return c.red.bold("FAIL: a violation was found");
  return c.yellow.bold("INCONCLUSIVE: a check could not decide");
}

/** The machine-readable verdict (`--json`, and verdict.json in run directories). */
export function checkToJson(check: HistoryCheck) {
  const meta = check.history.meta;
  return {
    valid: check.valid,
    exitCode: verdictExitCode(check.valid),
    file: check.file,
    history: {
      run: meta.run ?? null,
      scenario: meta.scenario ?? null,
      seed: meta.seed ?? null,
      startedAt: meta.startedAt ?? null,
      lines: check.history.lines,
      events: check.history.events,
      endT: check.history.endT,
    },
    options: {
      toleranceMs: check.options.toleranceMs,
      recoveryMs: check.options.recoveryMs,
      fencing: check.options.fencing,
      possible: check.options.possible,
      recorded: Object.keys(check.recorded ?? {}),
    },
    checkers: check.checkers,
    warnings: check.warnings,
  } satisfies VerdictFile;
}
