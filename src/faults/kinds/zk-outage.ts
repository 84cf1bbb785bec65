import type { FaultKindImpl } from "../types.js";

/** Every ZooKeeper server stopped, data kept; the heal starts them all again. */
export const zkOutage: FaultKindImpl = {
  kind: "zk-outage",
  async inject(env) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    await Promise.all(servers.map((n) => env.ensemble.stopServer(n, 2)));
    return {
      heal: async () => {
        await Promise.all(servers.map((n) => env.ensemble.startServer(n)));
      },
    };
  },
};
