import { z } from "zod";
import { defineKind, faultForm, NO_NEEDS, quorumOf, type ClusterShape } from "../kind.js";
import { SERVING_AGAIN_TIMEOUT_MS, tell } from "../types.js";

const schema = faultForm("zk-partial-loss", {
  count: z
    .number({ error: "how many servers lose their data: a whole number, at least 1 and fewer than the servers" })
    .int("how many servers lose their data: a whole number")
    .min(1, "at least 1 server (zk-outage loses none)")
    .optional(),
});
export type ZkPartialLossSpec = z.infer<typeof schema>;

/** How many servers lose their data: `count`, or a majority. */
export function lossCount(spec: ZkPartialLossSpec, servers: number): number {
  return spec.count ?? quorumOf({ candidates: [], servers: Array.from({ length: servers }, (_, i) => `zk${i + 1}`) });
}

/** Which servers lose their data: the first `count` in the ensemble's order (zk1, zk2 ...), so a replay wipes the same ones. */
export function wipedServers(spec: ZkPartialLossSpec, servers: readonly string[]): string[] {
  return servers.slice(0, lossCount(spec, servers.length));
}

function describeLoss(spec: ZkPartialLossSpec): string {
  return spec.count === undefined ? "zk-partial-loss of a majority" : `zk-partial-loss of ${spec.count} server${spec.count === 1 ? "" : "s"}`;
}

/**
 * Some, not all, servers lose their data, as when Kubernetes replaces pods whose /data is an
 * emptyDir: each is killed and replaced by a container with the same name, id (myid kept) and
 * config but empty /data and /datalog; the heal starts them together. With a majority wiped,
 * the wiped servers can form a quorum of their own and ZooKeeper can lose committed state,
 * election znodes included.
 */
export const zkPartialLoss = defineKind({
  name: "zk-partial-loss",
  schema,
  summary:
    "kills some servers (the first `count`, default a majority) and replaces each with an empty one of the same name and id (myid kept; Kubernetes emptyDir); the others keep running. With a majority wiped, ZooKeeper itself can lose committed state",
  healSummary: "starts the wiped servers together; complete once a quorum serves again (as `zk-total-loss`)",
  targetField: undefined,
  // The fault takes the ensemble's quorum (by default), so it excludes other faults on servers like zk-total-loss.
  runTargets: () => ["all-zk"],
  check: (spec, cluster: ClusterShape) =>
    spec.count !== undefined && spec.count >= cluster.servers.length
      ? [{ field: "count", message: `fewer than the ${cluster.servers.length} servers of this run (every server wiped is zk-total-loss)` }]
      : cluster.servers.length < 2
        ? [{ field: "kind", message: "zk-partial-loss needs at least 2 servers (with one, use zk-total-loss)" }]
        : [],
  // A leader is expected only while a quorum keeps running.
  expectLeader: (spec, cluster) => cluster.servers.length - lossCount(spec, cluster.servers.length) >= quorumOf(cluster),
  describe: describeLoss,
  needs: NO_NEEDS,
  async inject(env, fault) {
    const all = env.ensemble.servers.map((s) => s.spec.name);
    const wiped = wipedServers(fault.spec, all);
    tell(env, `zk-partial-loss ${fault.id}: wiping ${wiped.join(", ")} (myid kept); ${all.filter((s) => !wiped.includes(s)).join(", ")} keep their data and keep running`);
    await Promise.all(wiped.map((n) => env.ensemble.killServer(n)));
    for (const n of wiped) await env.ensemble.wipeServer(n);
    return {
      heal: async () => {
        await Promise.all(wiped.map((n) => env.ensemble.startServer(n)));
        // As for zk-total-loss: ZooKeeper's own start-up is not held against the candidates' recovery.
        await env.ensemble.waitForQuorum(SERVING_AGAIN_TIMEOUT_MS, "quorum");
      },
    };
  },
});
