import { cut } from "../grudge.js";
import { countOf, defineKind, faultForm, isZkTarget, NET_ADMIN, onTargets, targetList } from "../kind.js";
import { Partition, PARTITION_HEAL } from "../partition.js";

/** The targets (candidates) cannot talk to any ZooKeeper server, both ways. */
export const partitionFromZk = defineKind({
  name: "partition-from-zk",
  schema: faultForm("partition-from-zk", { targets: targetList }),
  summary:
    "drops every packet between the targets and every ZooKeeper server (iptables in the nodes' network namespaces, applied by a NET_ADMIN helper container; the images are not touched, and the harness's own probes are never dropped)",
  healSummary: PARTITION_HEAL,
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  check: (spec, cluster) =>
    spec.targets.flatMap((t, i) => (isZkTarget(t, cluster) ? [{ field: `targets.${i}`, message: `"${t}" is a ZooKeeper server: partition-from-zk cuts candidates off from ZooKeeper (use partition-zk to split the ensemble)` }] : [])),
  // Some candidate still reaches the servers.
  expectLeader: (spec, cluster) => countOf(spec.targets, cluster.candidates, "all-candidates") < cluster.candidates.length,
  describe: (spec) => onTargets("partition-from-zk", spec.targets),
  needs: NET_ADMIN,
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    const p = await Partition.apply({ run: env.run, nodes: env.nodes, netutilImage: env.netutilImage, ...(env.note !== undefined ? { note: env.note } : {}) }, fault.id, cut(fault.targets, servers));
    return { heal: () => p.heal() };
  },
});
