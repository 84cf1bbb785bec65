import type { ScenarioSpec } from "../types.js";

export const flakyZkLink: ScenarioSpec = {
  name: "flaky-zk-link",
  summary: "the leading candidate's ZooKeeper client link drops 30 % of its packets for four session timeouts",
  description:
    "Packets between the candidate leading now and the ZooKeeper servers' client port (2181) are dropped at random, " +
    "30 % of them, both ways. TCP retransmits, so the session stutters and may be suspended without expiring. A correct " +
    "candidate keeps exactly one leader throughout and a leader within the recovery bound; one that treats a slow answer " +
    "as a lost session, or another candidate's stutter as its death, elects a second leader ('false death').",
  steps: [{ wait: "3st" }, { fault: { kind: "packet-loss", targets: ["leader"], probability: 0.3, ports: [2181] }, for: "4st" }],
};
