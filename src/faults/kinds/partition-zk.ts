import { majorityMinority } from "../grudge.js";
import { countOf, defineKind, faultForm, NET_ADMIN, quorumOf, targetList } from "../kind.js";
import { Partition, PARTITION_HEAL } from "../partition.js";

/** The ensemble split: the target servers form the minority; candidates still reach every server. */
export const partitionZk = defineKind({
  name: "partition-zk",
  schema: faultForm("partition-zk", { minority: targetList }),
  summary: "splits the ensemble: the minority servers on one side",
  healSummary: PARTITION_HEAL,
  targetField: "minority",
  runTargets: (spec) => spec.minority,
  // The majority side still has a quorum.
  expectLeader: (spec, cluster) => cluster.servers.length - countOf(spec.minority, cluster.servers, "all-zk") >= quorumOf(cluster),
  describe: (spec) => `partition-zk, minority ${spec.minority.join(", ")}`,
  needs: NET_ADMIN,
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    const p = await Partition.apply({ run: env.run, nodes: env.nodes, netutilImage: env.netutilImage, ...(env.note !== undefined ? { note: env.note } : {}) }, fault.id, majorityMinority(servers, fault.targets));
    return { heal: () => p.heal() };
  },
});
