import type { ScenarioSpec } from "../types.js";

export const pauseLeader: ScenarioSpec = {
  name: "pause-leader",
  summary: "the leading candidate frozen for three session timeouts, then resumed",
  description:
    "The leading candidate's process is frozen (not killed) beyond its session timeout. Another candidate takes over; when the " +
    "frozen one resumes it still believes it leads until it notices: the window a deposed leader could act in. Fencing " +
    "(--fencing) shows whether increasing tokens would have stopped it.",
  steps: [{ wait: "3st" }, { fault: { kind: "pause", targets: ["leader"] }, for: "3st" }],
};
