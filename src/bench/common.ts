import { packageVersion } from "../cli/version.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { createPlainBoard, sequentialBoard, type RunBoard } from "../ui/board.js";
import { createPlainReporter } from "../ui/plain.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

/** The median of a list (NaN when empty). */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  if (s.length === 0) return Number.NaN;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** The value after `name` on the command line, if any. */
export function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/**
 * The run options every scenario benchmark uses: the realistic defaults (3 servers,
 * 3 candidates, 6 s sessions, 30 s recovery bound), scaled by `timeScale`, progress on stderr.
 */
export function benchRunOptions(timeScale: number) {
  return {
    env: process.env,
    version: packageVersion(),
    servers: 3 as const,
    candidates: 3,
    sessionTimeoutMs: 6000,
    recoveryMs: 30_000,
    timeScale,
    toleranceMs: 0,
    fencing: false,
    runsRoot: RUN_DEFAULTS.runsRoot,
    keep: false,
    buildArgs: hostBuildArgs(process.env),
    progress: (m: string) => console.error(`  ${m}`),
    signal: new AbortController().signal,
  };
}

/** A board for benchmarks: plain lines on stderr, each tagged with its run when several run at once. */
export function benchBoard(parallel: number): RunBoard {
  return parallel > 1 ? createPlainBoard(process.stderr) : sequentialBoard(createPlainReporter(process.stderr));
}
