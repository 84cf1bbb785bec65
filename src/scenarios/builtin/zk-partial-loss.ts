import type { ScenarioSpec } from "../types.js";

export const zkPartialLoss: ScenarioSpec = {
  name: "zk-partial-loss",
  summary: "a majority of the ZooKeeper servers lose their data (myid kept, Kubernetes emptyDir) and restart together, then a leader must return",
  description:
    "After the election settles, a majority of the servers (zk1, zk2 of three) are killed and replaced by servers with the same name and id but " +
    "empty /data and /datalog; three session timeouts later they start together while the rest kept their data. The wiped majority can form a " +
    "quorum of its own, so ZooKeeper can lose committed state, the election znodes included: a correct candidate notices its session or its " +
    "node is gone, re-creates the path if needed, and one leader returns within the recovery bound, never two.",
  steps: [{ wait: "3st" }, { fault: { kind: "zk-partial-loss" }, for: "3st" }],
};
