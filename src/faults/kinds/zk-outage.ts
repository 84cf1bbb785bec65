import { defineKind, faultForm, NO_NEEDS } from "../kind.js";
import { holdNames, namesField, namesSuffix } from "../name-stand-ins.js";
import { SERVING_AGAIN_TIMEOUT_MS } from "../types.js";

/** Every ZooKeeper server stopped, data kept; the heal starts them all again and waits until a quorum serves. */
export const zkOutage = defineKind({
  name: "zk-outage",
  schema: faultForm("zk-outage", { names: namesField }),
  summary: "stops every server, data kept; `names: kept` keeps their names resolvable meanwhile",
  healSummary: "starts them; the heal is complete (its `heal` event written) once a quorum serves again, so ZooKeeper's own start-up is not counted against the candidates' recovery bound",
  targetField: undefined,
  runTargets: () => ["all-zk"],
  expectLeader: () => false,
  describe: (spec) => `zk-outage${namesSuffix(spec.names)}`,
  needs: NO_NEEDS,
  async inject(env, fault) {
    const servers = env.ensemble.servers.map((s) => s.spec.name);
    await Promise.all(servers.map((n) => env.ensemble.stopServer(n, 2)));
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
