import type { ScenarioSpec } from "../types.js";

export const partitionLeader: ScenarioSpec = {
  name: "partition-leader",
  summary: "the leading candidate cut off from every ZooKeeper server for four session timeouts",
  description:
    "The candidate leading now loses every packet to and from the ZooKeeper servers (iptables in its network namespace). " +
    "Its session expires and another candidate takes over; a correct candidate gives up leadership as soon as it is disconnected, " +
    "before that can happen (the 'false death' article, the Druid double leader).",
  steps: [{ wait: "3st" }, { fault: { kind: "partition-from-zk", targets: ["leader"] }, for: "4st" }],
};
