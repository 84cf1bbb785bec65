import { candidateIds } from "../candidates/fleet.js";
import { serversOf, type EnsembleSize } from "../cluster/spec.js";
import type { ScheduleConfig } from "../scenarios/types.js";
import { scaleTiming } from "./scaling.js";

export interface ScheduleConfigOptions {
  servers: EnsembleSize;
  candidates: number;
  /** Full-length values; the schedule scales them with timeScale. */
  sessionTimeoutMs: number;
  recoveryMs: number;
  timeScale: number;
}

/**
 * What a scenario compiles against: the node ids and the full-length timings. Known from the
 * flags alone, so a scenario is compiled (and its mistakes found) before Docker is touched.
 */
export function scheduleConfigOf(options: ScheduleConfigOptions): ScheduleConfig {
  const timing = scaleTiming(options.servers, options.sessionTimeoutMs, options.recoveryMs, options.timeScale);
  return {
    sessionTimeoutMs: options.sessionTimeoutMs,
    recoveryMs: options.recoveryMs,
    timeScale: options.timeScale,
    candidates: candidateIds(options.candidates),
    servers: serversOf(timing.ensemble).map((s) => s.name),
  };
}
