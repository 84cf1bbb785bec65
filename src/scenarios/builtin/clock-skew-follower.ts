import type { ScenarioSpec } from "../types.js";

export const clockSkewFollower: ScenarioSpec = {
  name: "clock-skew-follower",
  summary: "a follower's wall clock 30 s ahead for three session timeouts, then set back",
  description:
    "A candidate that does not lead gets its wall clock stepped 30 s ahead (libfaketime; its monotonic clock runs on), " +
    "as a bad NTP step would. ZooKeeper's sessions do not read the candidates' clocks, so a leader is expected throughout " +
    "and a session-based candidate (latch) passes. A candidate that trusts its own clock for a lease (lease) sees the " +
    "leader's lease as expired, takes it over while the leader still believes it leads: a split brain.",
  steps: [{ wait: "3st" }, { fault: { kind: "clock-skew", targets: ["follower"], offset: "+30s" }, for: "3st" }],
};
