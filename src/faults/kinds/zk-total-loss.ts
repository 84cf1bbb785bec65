import { defineKind, faultForm, NO_NEEDS } from "../kind.js";
import { holdNames, namesField, namesSuffix } from "../name-stand-ins.js";
import { SERVING_AGAIN_TIMEOUT_MS } from "../types.js";

/**
 * Every ZooKeeper server killed and replaced by a container with the same name, id and config
 * but empty /data and /datalog (Kubernetes emptyDir). The heal starts the new servers and
 * waits until a quorum serves.
 */
export const zkTotalLoss = defineKind({
  name: "zk-total-loss",
  schema: faultForm("zk-total-loss", { names: namesField }),
  summary: "kills every server and replaces it with an empty one of the same name and id; `names: kept` keeps their names resolvable meanwhile",
  healSummary: "starts them; complete once a quorum serves again (as `zk-outage`)",
  targetField: undefined,
  runTargets: () => ["all-zk"],
  expectLeader: () => false,
  describe: (spec) => `zk-total-loss${namesSuffix(spec.names)}`,
  needs: NO_NEEDS,
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    await Promise.all(servers.map((n) => env.ensemble.killServer(n)));
    for (const n of servers) await env.ensemble.wipeServer(n);
    const names = await holdNames(env, fault.id, servers, fault.spec.names);
    return {
      heal: async () => {
        await names.remove();
        await Promise.all(servers.map((n) => env.ensemble.startServer(n)));
        // The heal is complete once ZooKeeper serves again: how long its servers take to start
        // (longer on a loaded machine) is not held against the candidates' recovery.
        await env.ensemble.waitForQuorum(SERVING_AGAIN_TIMEOUT_MS, "quorum");
      },
    };
  },
});
