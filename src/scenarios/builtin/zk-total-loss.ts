import type { ScenarioSpec } from "../types.js";

export const zkTotalLoss: ScenarioSpec = {
  name: "zk-total-loss",
  summary: "every ZooKeeper server lost and rebuilt with empty data (Kubernetes emptyDir), then a leader must return",
  description:
    "After the election settles, every server is stopped and replaced by one with the same name and id but empty /data and /datalog, " +
    "three session timeouts later it starts. The election path is gone and the servers refuse sessions from clients that saw a higher zxid: " +
    "a correct candidate drops its session, re-creates the path and a leader returns within the recovery bound (CURATOR-724 does not).",
  steps: [{ wait: "3st" }, { fault: { kind: "zk-total-loss" }, for: "3st" }],
};
