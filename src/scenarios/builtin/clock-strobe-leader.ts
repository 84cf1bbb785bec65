import type { ScenarioSpec } from "../types.js";

export const clockStrobeLeader: ScenarioSpec = {
  name: "clock-strobe-leader",
  summary: "the leader's wall clock flipping between 30 s behind and the real time every second, for four session timeouts",
  description:
    "The leading candidate's wall clock is stepped 30 s back, then to the real time, and so on every second (Jepsen's " +
    "strobe-clock, with libfaketime; its monotonic clock runs on). A leader is expected throughout. A session-based " +
    "candidate (latch) passes; a lease candidate (lease) writes a lease that has already expired for everyone else, " +
    "who take it over while it still believes it leads: a split brain.",
  steps: [{ wait: "3st" }, { fault: { kind: "clock-strobe", targets: ["leader"], offset: "-30s", periodMs: 1000 }, for: "4st" }],
};
