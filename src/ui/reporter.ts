import type { AnyEvent, KnownEvent } from "../history/events.js";
import type { Schedule } from "../scenarios/types.js";

/**
 * What a run tells the person watching. The CLI picks the implementation: the ink live view
 * on a terminal (src/ui/live/), plain progress lines in pipes and CI (src/ui/plain.ts).
 */
export interface RunReporter {
  /** A scenario starts (several run one after the other). */
  /** `index` counts from 0. */
  scenarioStarted(info: { scenario: string; summary: string; index: number; total: number; seed: number; candidate: string }): void;
  /** A progress message ("ensemble serving (3/3 servers, ...)"). */
  progress(message: string): void;
  /** The run's history clock (ms since startedAt) and where the history is, once it exists. */
  runStarted(info: { runId: string; runDir: string; servers: string[]; candidates: string[]; now: () => number }): void;
  /** Every event appended to the history, as it is appended. */
  event(event: KnownEvent | AnyEvent): void;
  /** The schedule starts now (history time `startT`). */
  scheduleStarted(schedule: Schedule, startT: number): void;
  /** A scenario ended, with its verdict line. */
  scenarioFinished(info: { scenario: string; valid: true | false | "unknown"; summary: string; runDir: string }): void;
  /** Stop drawing (the run is over); the final summary is printed by the CLI after this. */
  close(): void;
}
