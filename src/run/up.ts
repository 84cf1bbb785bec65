import { sleep } from "../util/sleep.js";
import { runSession, type SessionOptions, type SessionResult } from "./session.js";

export interface UpOptions extends Omit<SessionOptions, "scenario" | "seed" | "needNetutil" | "record"> {
  /** How long to keep the cluster up; until the signal aborts when undefined. */
  durationMs?: number;
}

/**
 * Brings up an ensemble (and candidates, if asked) and holds it, with no faults, until the
 * duration ends or the signal aborts; then tears everything down and checks the history.
 */
export async function bringUpEnsemble(options: UpOptions): Promise<SessionResult<void>> {
  return runSession(
    { ...options, scenario: "ensemble", seed: 0, needNetutil: false, record: { durationMs: options.durationMs ?? null } },
    async ({ signal }) => {
      if (options.durationMs !== undefined) await sleep(options.durationMs, signal);
      else await new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason as Error), { once: true }));
    },
  );
}
