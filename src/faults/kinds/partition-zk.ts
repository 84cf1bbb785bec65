import { majorityMinority } from "../grudge.js";
import { countOf, defineKind, faultForm, isZkTarget, NET_ADMIN, quorumOf, targetList } from "../kind.js";
import { Partition, PARTITION_HEAL } from "../partition.js";

/** The ensemble split: the target servers form the minority; candidates still reach every server. */
export const partitionZk = defineKind({
  name: "partition-zk",
  schema: faultForm("partition-zk", { minority: targetList }),
  summary: "splits the ensemble: the minority servers on one side",
  healSummary: PARTITION_HEAL,
  targetField: "minority",
  runTargets: (spec) => spec.minority,
  // The minority is ZooKeeper servers, fewer than a quorum: otherwise the "minority" is the side that keeps serving.
  check: (spec, cluster) => {
    const problems = spec.minority.flatMap((t, i) => (isZkTarget(t, cluster) ? [] : [{ field: `minority.${i}`, message: `"${t}" is not a ZooKeeper server: the minority of partition-zk is servers (zk1, zk-leader, zk-follower, random-zk)` }]));
    if (problems.length === 0 && countOf(spec.minority, cluster.servers, "all-zk") >= quorumOf(cluster)) {
      problems.push({ field: "minority", message: `${countOf(spec.minority, cluster.servers, "all-zk")} of ${cluster.servers.length} servers are a majority, not a minority: name fewer than ${quorumOf(cluster)}` });
    }
    return problems;
  },
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
