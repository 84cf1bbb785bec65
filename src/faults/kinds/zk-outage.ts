import { SERVING_AGAIN_TIMEOUT_MS, type FaultKindImpl } from "../types.js";

/** Every ZooKeeper server stopped, data kept; the heal starts them all again and waits until a quorum serves. */
export const zkOutage: FaultKindImpl = {
  kind: "zk-outage",
  async inject(env) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    await Promise.all(servers.map((n) => env.ensemble.stopServer(n, 2)));
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
