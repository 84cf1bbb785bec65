import type { FaultSpec, ScenarioSpec } from "../types.js";

export type Away = "kill" | "partition";

/** A node taken away: killed (and started again at the heal) or cut off from ZooKeeper. */
function away(target: string, how: Away): FaultSpec {
  return how === "kill" ? { kind: "kill", targets: [target] } : { kind: "partition-from-zk", targets: [target] };
}

export function rejoinAfter30s(how: Away = "kill"): ScenarioSpec {
  return {
    name: "rejoin-after-30s",
    summary: `a follower, then the leader, taken away (${how === "kill" ? "killed" : "cut off"}) and back after 30 s (Parabol's window)`,
    description:
      "A follower is taken away for 30 s and comes back; then the leader is taken away for 30 s and comes back. A correct " +
      "candidate rejoins as a follower and a new leader takes over while the old one is away. Parabol's start-up window " +
      "election makes the returning node a second leader, and leaves nobody leading once the primary is gone.",
    steps: [
      { wait: "3st" },
      { fault: away("follower", how), for: "30s" },
      { wait: "3st" },
      { fault: away("leader", how), for: "30s" },
    ],
  };
}
