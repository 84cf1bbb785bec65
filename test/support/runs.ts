import { join } from "node:path";
import { readVerdictFileIfAny, type VerdictFile } from "../../src/files/verdict-file.js";
import { splitbrain, type CliRun } from "./cli.js";
import { tmpDir } from "./docker.js";

/** The time scale the end-to-end tests run at (full-length runs belong in `npm run bench:scenarios`). */
export const TEST_TIME_SCALE = "0.5";

export interface ScenarioRun extends CliRun {
  dir: string;
  runId: string;
  verdict: Pick<VerdictFile, "valid" | "inconclusive"> & { checkers: Record<string, Pick<VerdictFile["checkers"][string], "valid" | "violationCount">> };
}

/** Runs `splitbrain run <args>` at the test time scale into a fresh directory and reads its verdict. */
export async function runScenarioCli(args: string[]): Promise<ScenarioRun> {
  const dir = join(tmpDir("sb-run-"), "run");
  const r = await splitbrain(["run", ...args, "--time-scale", TEST_TIME_SCALE, "--out", dir], {});
  const runId = /run (\S+): network/.exec(r.stderr)?.[1] ?? "";
  // No verdict.json: the caller's assertions on the exit code say why. A broken one throws.
  const verdict: ScenarioRun["verdict"] = readVerdictFileIfAny(dir) ?? { valid: "unknown", checkers: {} };
  return { ...r, dir, runId, verdict };
}
