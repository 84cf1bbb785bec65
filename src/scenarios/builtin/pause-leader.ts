import type { ScenarioSpec } from "../types.js";

export const pauseLeader: ScenarioSpec = {
  name: "pause-leader",
  summary: "the leading candidate frozen for three session timeouts, then resumed",
  description:
    "The leading candidate's process is frozen (not killed) beyond its session timeout. Another candidate takes over; when the " +
    "frozen one resumes it still believes it leads until it notices: the window a deposed leader could act in. A frozen process " +
    "cannot know it lost, so that overlap is a warning, not a violation, if it steps down within the recovery bound after the " +
    "thaw; a leader that goes on longer is a split brain. What it did is judged with --witness: a stale write accepted fails effects.",
  steps: [{ wait: "3st" }, { fault: { kind: "pause", targets: ["leader"] }, for: "3st" }],
};
