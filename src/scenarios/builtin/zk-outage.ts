import type { ScenarioSpec } from "../types.js";

export const zkOutage: ScenarioSpec = {
  name: "zk-outage",
  summary: "every ZooKeeper server stopped for three session timeouts, data kept (the Druid incident)",
  description:
    "Every server is stopped with its data kept and started again after three session timeouts. Restarted servers keep old sessions " +
    "alive for up to one more session timeout; a candidate that takes its stale node's leadership back without checking its owner " +
    "overlaps the new leader forever (CURATOR-696).",
  steps: [{ wait: "3st" }, { fault: { kind: "zk-outage" }, for: "3st" }],
};
