import { majorityMinority } from "../grudge.js";
import { Partition } from "../partition.js";
import type { FaultKindImpl } from "../types.js";

/** The ensemble split: the target servers form the minority; candidates still reach every server. */
export const partitionZk: FaultKindImpl = {
  kind: "partition-zk",
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    const p = await Partition.apply(
      { run: env.run, nodes: env.nodes, netutilImage: env.netutilImage },
      fault.id,
      majorityMinority(servers, fault.targets),
    );
    return { heal: () => p.heal() };
  },
};
