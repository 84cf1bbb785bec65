import type { ScenarioSpec } from "../types.js";

export const pauseLeader: ScenarioSpec = {
  name: "pause-leader",
  summary: "the leading candidate frozen for three session timeouts, then resumed",
  description:
    "The leading candidate's process is frozen (not killed) beyond its session timeout. Another candidate takes over; when the " +
    "frozen one resumes it still believes it leads until it notices: the window a deposed leader could act in. Without " +
    "--fencing that overlap fails any candidate, however correct. With --fencing it passes when the new leader's token is " +
    "greater and the thawed leader steps down within the recovery bound; a leader that never notices is a stale leader.",
  steps: [{ wait: "3st" }, { fault: { kind: "pause", targets: ["leader"] }, for: "3st" }],
};
