import { DEFAULT_ENSEMBLE } from "../cluster/spec.js";

/**
 * The defaults of a run, in one place: the CLI's flags default to these, and whatever needs to
 * know whether a value was left at its default (shrunk.yaml's header, a suite's fixed scenarios)
 * asks here.
 */
export const RUN_DEFAULTS = {
  /** ZooKeeper servers (the ensemble's own default, as `up` has it). */
  servers: DEFAULT_ENSEMBLE.size,
  /** Candidates. */
  candidates: 3,
  /** The session timeout the candidates request. */
  sessionTimeoutMs: 6000,
  /** The liveness bound: the longest leaderless time where a leader is expected. */
  recoveryMs: 30_000,
  /** How long `random` lasts (a suite's fixed scenarios ignore it). */
  durationMs: 300_000,
  /** How rejoin-after-30s takes nodes away. */
  away: "kill",
  /**
   * Runs at once on one engine: the largest N measured on the 2-core reference machine with no
   * correct candidate failing and no seeded bug missed (docs/benchmarks.md, "The gate in parallel").
   */
  parallel: 3,
  /** Where run directories go without --out. */
  runsRoot: "runs",
  /** The election the candidates join (their SB_ELECTION_PATH). */
  electionPath: "/splitbrain/election",
  /** How often the harness asks each ZooKeeper server for its role (the roles lane). */
  observeIntervalMs: 250,
} as const;

/** The scenario options of a suite case: the defaults, with the run's seed and session timeout. */
export function suiteScenarioOptions(seed: number, sessionTimeoutMs: number): { away: "kill"; seed: number; durationMs: number; sessionTimeoutMs: number } {
  return { away: RUN_DEFAULTS.away, seed, durationMs: RUN_DEFAULTS.durationMs, sessionTimeoutMs };
}
