import { InconclusiveError } from "../errors/index.js";
import type { HistoryWriter } from "../history/writer.js";
import type { RunScope } from "../runtime/types.js";
import { sleep } from "../util/sleep.js";
import { Candidate, type CandidateEnv } from "./runner.js";

export interface FleetOptions {
  run: RunScope;
  count: number;
  image: string;
  cmd?: string[];
  env: CandidateEnv;
  history: HistoryWriter;
  logsDir: string;
  progress: (message: string) => void;
  signal: AbortSignal;
  /** How long a candidate must stay up after start to count as started. */
  settleMs?: number;
  /** Whether the candidates print the protocol (default true). */
  protocol?: boolean;
  /** Every line a candidate prints (log observers). */
  onLine?: (node: string, line: string) => void;
}

/** Candidate ids: c1..cN. */
export function candidateIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `c${i + 1}`);
}

/**
 * Creates and starts `count` candidates. A candidate whose process ends within `settleMs` is a
 * broken image or configuration: the error carries its last lines of output.
 */
export async function startFleet(options: FleetOptions): Promise<Candidate[]> {
  const fleet = candidateIds(options.count).map(
    (node) =>
      new Candidate({
        run: options.run,
        node,
        image: options.image,
        ...(options.cmd !== undefined ? { cmd: options.cmd } : {}),
        env: options.env,
        history: options.history,
        logsDir: options.logsDir,
        onWarning: (m) => options.progress(`warning: ${m}`),
        ...(options.protocol !== undefined ? { protocol: options.protocol } : {}),
        ...(options.onLine !== undefined ? { onLine: options.onLine } : {}),
      }),
  );
  try {
    return await startAll(fleet, options);
  } catch (err) {
    await stopFleet(fleet, "start failed");
    throw err;
  }
}

async function startAll(fleet: Candidate[], options: FleetOptions): Promise<Candidate[]> {
  for (const c of fleet) {
    options.signal.throwIfAborted();
    await c.create();
  }
  await Promise.all(fleet.map((c) => c.start()));
  options.progress(`started ${fleet.length} candidate(s) from ${options.image}`);
  await sleep(options.settleMs ?? 2000, options.signal);
  const dead = fleet.filter((c) => !c.running);
  if (dead.length > 0) {
    const details = await Promise.all(
      dead.map(async (c) => {
        const code = await c.exited();
        const lines = c.lastLines();
        return [`--- ${c.node} exited at once (exit code ${code ?? "?"}), last output:`, ...(lines.length > 0 ? lines.slice(-15) : ["(no output)"]).map((l) => `  ${l}`)].join("\n");
      }),
    );
    throw new InconclusiveError(
      `${dead.length} of ${fleet.length} candidate(s) exited right after starting (image ${options.image})\n${details.join("\n")}`,
      "Check the candidate's image and its protocol environment (docs/candidates.md).",
    );
  }
  return fleet;
}

/** Stops every candidate still running (their `down` events are recorded) and closes their logs. */
export async function stopFleet(fleet: readonly Candidate[], reason = "run ended"): Promise<void> {
  await Promise.allSettled(fleet.map((c) => (c.created ? c.stop(reason, 3) : Promise.resolve(undefined))));
  await Promise.allSettled(fleet.map((c) => c.close()));
}
