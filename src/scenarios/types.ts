import type { FaultSpec } from "../faults/registry.js";

/**
 * Scenarios are declarative: steps with durations and symbolic targets. A scenario, the run's
 * configuration and a seed compile to a schedule (pure, deterministic), which the executor runs
 * against a live cluster and which run.json stores so that `replay` can run it again.
 */

/** A duration: milliseconds, "30s"/"1500ms"/"2m", or a number of session timeouts ("3st"). */
export type DurationSpec = number | string | { sessionTimeouts: number };

export type { TargetSpec } from "../faults/kind.js";
/** A fault as scenarios write it: one of the kinds of src/faults/registry.ts. */
export type { FaultSpec } from "../faults/registry.js";

export type StepSpec =
  /** Let time pass. */
  | { wait: DurationSpec; note?: string }
  /** Inject a fault, hold it for `for`, then heal it (the next step starts after the heal). */
  | { fault: FaultSpec; for: DurationSpec; expectLeader?: boolean; id?: string }
  /** Inject a fault and go on; heal it later with a heal step (for overlapping faults). */
  | { inject: FaultSpec; expectLeader?: boolean; id: string }
  | { heal: string };

export interface ScenarioSpec {
  name: string;
  /** One line for `splitbrain scenarios`. */
  summary: string;
  /** What it reproduces and what a correct system does. */
  description: string;
  steps: StepSpec[];
  /** How long to watch after the last step, at least the recovery bound (default: recovery + 2 session timeouts). */
  settle?: DurationSpec;
}

/** The configuration a schedule depends on. */
export interface ScheduleConfig {
  sessionTimeoutMs: number;
  recoveryMs: number;
  /** Multiplies every duration (0.25 for quick loops); session timeouts are scaled by the caller. */
  timeScale: number;
  candidates: string[];
  servers: string[];
  /** For `random`: how long the mix should last (ms, before scaling). */
  durationMs?: number;
}

/** A step of a compiled schedule: what to do, and when (ms after the schedule's start, scaled). */
export type ScheduledAction =
  | { at: number; do: "inject"; id: string; fault: FaultSpec; expectLeader: boolean }
  | { at: number; do: "heal"; id: string }
  | { at: number; do: "end" };

export interface Schedule {
  scenario: string;
  seed: number;
  actions: ScheduledAction[];
  /** When the run ends (the "end" action's time). */
  endAt: number;
}
