import { clockSkewFollower } from "./builtin/clock-skew-follower.js";
import { clockStrobeLeader } from "./builtin/clock-strobe-leader.js";
import { flakyZkLink } from "./builtin/flaky-zk-link.js";
import { partitionLeader } from "./builtin/partition-leader.js";
import { pauseLeader } from "./builtin/pause-leader.js";
import { randomMix } from "./builtin/random-mix.js";
import { rejoinAfter30s, type Away } from "./builtin/rejoin-after-30s.js";
import { zkOutage } from "./builtin/zk-outage.js";
import { zkPartialLoss } from "./builtin/zk-partial-loss.js";
import { zkQuorumSplit } from "./builtin/zk-quorum-split.js";
import { zkTotalLoss } from "./builtin/zk-total-loss.js";
import type { ScenarioSpec } from "./types.js";
import { isOwnKey } from "../util/own.js";

export interface ScenarioOptions {
  /** How rejoin-after-30s takes nodes away. */
  away: Away;
  seed: number;
  /** For `random`: how long the mix lasts (ms, before scaling). */
  durationMs: number;
  sessionTimeoutMs: number;
  /**
   * For `random`: whether the candidates can take clock faults (libfaketime in their image:
   * latch and lease); without it a drawn clock fault becomes a kill of a random candidate.
   */
  clockFaults?: boolean;
}

/** Every built-in scenario. A new one is one file in builtin/ plus one line here. */
export const SCENARIOS = {
  "zk-total-loss": () => zkTotalLoss,
  "partition-leader": () => partitionLeader,
  "rejoin-after-30s": (o: ScenarioOptions) => rejoinAfter30s(o.away),
  "zk-outage": () => zkOutage,
  "zk-quorum-split": () => zkQuorumSplit,
  "zk-partial-loss": () => zkPartialLoss,
  "pause-leader": () => pauseLeader,
  "flaky-zk-link": () => flakyZkLink,
  "clock-skew-follower": () => clockSkewFollower,
  "clock-strobe-leader": () => clockStrobeLeader,
  random: (o: ScenarioOptions) => randomMix(o.seed, o.durationMs, o.sessionTimeoutMs, o.clockFaults ?? false),
} satisfies Record<string, (o: ScenarioOptions) => ScenarioSpec>;

export type ScenarioName = keyof typeof SCENARIOS;
export const SCENARIO_NAMES = Object.keys(SCENARIOS) as ScenarioName[];

/** What `splitbrain run` runs without arguments: the three headline scenarios. */
export const HEADLINE_SCENARIOS: ScenarioName[] = ["zk-total-loss", "partition-leader", "rejoin-after-30s"];

export function isScenarioName(name: string): name is ScenarioName {
  return isOwnKey(SCENARIOS, name);
}
