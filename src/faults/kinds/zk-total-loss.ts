import { SERVING_AGAIN_TIMEOUT_MS, type FaultKindImpl } from "../types.js";

/**
 * Every ZooKeeper server killed and replaced by a container with the same name, id and config
 * but empty /data and /datalog (Kubernetes emptyDir). The heal starts the new servers and
 * waits until a quorum serves.
 */
export const zkTotalLoss: FaultKindImpl = {
  kind: "zk-total-loss",
  async inject(env) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    await Promise.all(servers.map((n) => env.ensemble.killServer(n)));
    for (const n of servers) await env.ensemble.wipeServer(n);
    return {
      heal: async () => {
        await Promise.all(servers.map((n) => env.ensemble.startServer(n)));
        // The heal is complete once ZooKeeper serves again: how long its servers take to start
        // (longer on a loaded machine) is not held against the candidates' recovery.
        await env.ensemble.waitForQuorum(SERVING_AGAIN_TIMEOUT_MS, "quorum");
      },
    };
  },
};
