import type { ScenarioSpec } from "../types.js";

export const zkQuorumSplit: ScenarioSpec = {
  name: "zk-quorum-split",
  summary: "the ensemble split with the ZooKeeper leader alone in the minority",
  description:
    "The ZooKeeper leader is cut off from the other servers (candidates still reach every server). The majority elects a new " +
    "ZooKeeper leader with a higher epoch; sessions move over; a correct candidate keeps exactly one leader throughout.",
  steps: [{ wait: "3st" }, { fault: { kind: "partition-zk", minority: ["zk-leader"] }, for: "4st" }],
};
