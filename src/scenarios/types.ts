/**
 * Scenarios are declarative: steps with durations and symbolic targets. A scenario, the run's
 * configuration and a seed compile to a schedule (pure, deterministic), which the executor runs
 * against a live cluster and which run.json stores so that `replay` can run it again.
 */

/** A duration: milliseconds, "30s"/"1500ms"/"2m", or a number of session timeouts ("3st"). */
export type DurationSpec = number | string | { sessionTimeouts: number };

/**
 * Who a fault hits. Resolved when the step runs (not when it compiles), because who leads
 * changes: `leader` is the candidate leading now, `follower` one that does not, `zk-leader`
 * the ZooKeeper server leading now. `random-candidate` / `random-zk` are drawn from the seed
 * at compile time. Node ids (c1, zk2) name themselves.
 */
export type TargetSpec =
  | "leader"
  | "follower"
  | "zk-leader"
  | "zk-follower"
  | "random-candidate"
  | "random-zk"
  | "all-candidates"
  | "all-zk"
  | string;

export type FaultSpec =
  /** The targets cannot talk to any ZooKeeper server (and the other way round). */
  | { kind: "partition-from-zk"; targets: TargetSpec[] }
  /** The ensemble split: the targets (ZooKeeper servers) on one side, the rest on the other. */
  | { kind: "partition-zk"; minority: TargetSpec[] }
  /** Split candidates and servers into components that hear only themselves. */
  | { kind: "partition"; shape: "isolate" | "halves" | "bridge" | "majorities-ring"; targets: TargetSpec[] }
  /** SIGKILL; the heal starts it again. */
  | { kind: "kill"; targets: TargetSpec[] }
  /** Frozen (cgroup freezer); the heal thaws it. */
  | { kind: "pause"; targets: TargetSpec[] }
  /** Every server stopped with its data kept; the heal starts them again. */
  | { kind: "zk-outage" }
  /** Every server stopped and rebuilt with empty data (same names and ids); the heal starts them. */
  | { kind: "zk-total-loss" };

export type FaultKind = FaultSpec["kind"];

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
