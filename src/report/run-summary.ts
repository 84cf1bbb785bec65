import type { ChalkInstance } from "chalk";
import { formatMs } from "../checkers/types.js";
import type { Validity } from "../checkers/types.js";
import { printable } from "../util/printable.js";
import { validityWord } from "../checkers/verdict.js";

/** One row of the run table: a scenario's outcome, from a live run or read back from its run directory. */
export interface RunRow {
  scenario: string;
  valid: Validity;
  failed: string[];
  inconclusive?: string;
  /** How long it took, when known. */
  ms: number | undefined;
  seed: number | undefined;
  runDir: string;
}

/** The run table: "  <scenario>  PASS|FAIL (checkers)|INCONCLUSIVE (why)  <time, seed, run directory>". */
export function formatRunRows(rows: readonly RunRow[], c: ChalkInstance): string {
  const width = Math.max(...rows.map((r) => printable(r.scenario).length));
  const lines = rows.map((r) => {
    const v = r.valid;
    const word = (v === true ? c.green : v === false ? c.red : c.yellow)(validityWord(v));
    const why = v === false ? ` (${printable(r.failed.join(", "))})` : r.inconclusive !== undefined ? ` (${printable(r.inconclusive.split("\n")[0] ?? "")})` : "";
    const about = [r.ms !== undefined ? formatMs(r.ms) : undefined, r.seed !== undefined ? `seed ${r.seed}` : undefined, r.runDir].filter((x) => x !== undefined);
    return `  ${printable(r.scenario).padEnd(width)}  ${word}${why}  ${c.dim(printable(about.join(", ")))}`;
  });
  return lines.join("\n");
}
