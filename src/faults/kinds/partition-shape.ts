import { bridge, halves, isolate, majoritiesRing, type Grudge } from "../grudge.js";
import { Partition } from "../partition.js";
import type { FaultKindImpl } from "../types.js";

/** Jepsen's shapes over every node of the run (servers and candidates). */
export const partitionShape: FaultKindImpl = {
  kind: "partition",
  async inject(env, fault) {
    const all = env.nodes.names();
    const first = fault.targets[0] ?? all[0] ?? "";
    let grudge: Grudge;
    switch (fault.shape) {
      case "isolate":
        grudge = isolate(first, all);
        break;
      case "bridge":
        grudge = bridge(all, first);
        break;
      case "majorities-ring":
        grudge = majoritiesRing(all);
        break;
      default:
        grudge = halves(all);
    }
    const p = await Partition.apply({ run: env.run, nodes: env.nodes, netutilImage: env.netutilImage }, fault.id, grudge);
    return { heal: () => p.heal() };
  },
};
