import { cut } from "../grudge.js";
import { Partition } from "../partition.js";
import type { FaultKindImpl } from "../types.js";

/** The targets (candidates) cannot talk to any ZooKeeper server, both ways. */
export const partitionFromZk: FaultKindImpl = {
  kind: "partition-from-zk",
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    const p = await Partition.apply({ run: env.run, nodes: env.nodes, netutilImage: env.netutilImage }, fault.id, cut(fault.targets, servers));
    return { heal: () => p.heal() };
  },
};
