import { InconclusiveError } from "../errors/index.js";
import { sleep } from "../util/sleep.js";

/** Where to look when the candidates never became ready. */
const READY_HINT =
  "Check the observer's port, path or command and the ready command against the candidate (docs/candidates.md, \"Observers\"), and the candidate's log in the run directory.";

/**
 * Waits until `blocker()` answers undefined (nothing left to wait for), asking every
 * `everyMs`. Past `timeoutMs` the run is inconclusive, naming the last thing it waited for:
 * "the candidates were not ready within 180 s: no definite answer from http on c1: ECONNREFUSED".
 */
export async function waitUntilReady(
  blocker: () => Promise<string | undefined>,
  options: { timeoutMs: number; everyMs: number; signal?: AbortSignal; now?: () => number },
): Promise<void> {
  const now = options.now ?? Date.now;
  const deadline = now() + options.timeoutMs;
  for (;;) {
    const waitingFor = await blocker();
    if (waitingFor === undefined) return;
    if (now() >= deadline) throw new InconclusiveError(`the candidates were not ready within ${Math.round(options.timeoutMs / 1000)} s: ${waitingFor}`, READY_HINT);
    await sleep(options.everyMs, options.signal);
  }
}
