import type { FaultKindImpl } from "../types.js";

/**
 * Every ZooKeeper server killed and replaced by a container with the same name, id and config
 * but empty /data and /datalog (Kubernetes emptyDir). The heal starts the new servers.
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
      },
    };
  },
};
