import { createHash } from "node:crypto";
import { InconclusiveError } from "../../errors/index.js";
import { ELECTION_PORT, QUORUM_PORT } from "../../cluster/spec.js";
import type { NetAdmin } from "../../runtime/types.js";
import { defineKind, faultForm, NET_ADMIN } from "../kind.js";
import { lossHealScript } from "./packet-loss.js";

/** The ports ZooKeeper's servers talk to each other on: the quorum port and the election port. */
export const PEER_PORTS = [QUORUM_PORT, ELECTION_PORT] as const;

/** The iptables chain of one isolation, its own per fault id (partitions and losses keep theirs). */
export function isolateChain(faultId: string): string {
  return `SPLITBRAIN-ISO-${createHash("sha1").update(faultId).digest("hex").slice(0, 8)}`;
}

/**
 * Shell script that, in the isolated server's network namespace, drops every TCP packet to or
 * from the other servers on the peer ports, both ways. The client port (2181) and everything
 * else, the harness's probes included, is left alone.
 */
export function isolateScript(chain: string, peerIps: readonly string[]): string {
  const match = `-p tcp -m multiport --ports ${PEER_PORTS.join(",")} -j DROP`;
  return [
    "set -e",
    `iptables -w -N ${chain} 2>/dev/null || iptables -w -F ${chain}`,
    ...["INPUT", "OUTPUT"].map((h) => `iptables -w -C ${h} -j ${chain} 2>/dev/null || iptables -w -I ${h} 1 -j ${chain}`),
    ...peerIps.flatMap((ip) => [`iptables -w -A ${chain} -s ${ip} ${match}`, `iptables -w -A ${chain} -d ${ip} ${match}`]),
  ].join("\n");
}

/**
 * The ZooKeeper leader cut off from its followers on the peer ports only (2888 and 3888), so its
 * clients stay connected to a server that lost the quorum: the leader gives up leading after
 * syncLimit ticks, stops serving (and closes its client sessions' connections) but keeps
 * accepting TCP on its client port; the other servers elect a new leader among themselves.
 */
export const zkLeaderIsolate = defineKind({
  name: "zk-leader-isolate",
  schema: faultForm("zk-leader-isolate", {}),
  summary: `cuts the ZooKeeper leader (as \`srvr\` answers when it is injected) off from the other servers on the peer ports ${PEER_PORTS.join(" and ")} only, both ways (iptables in its network namespace, its own chain); its client port stays open, so clients stay connected to a server that lost the quorum and stops serving`,
  healSummary: "removes exactly its own chain and hooks, checks none is left",
  targetField: undefined,
  runTargets: () => ["zk-leader"],
  check: (_spec, cluster) =>
    cluster.servers.length >= 3 ? [] : [{ field: "kind", message: `zk-leader-isolate needs an ensemble of at least 3 servers (this run has ${cluster.servers.length}; use --servers 3 or 5)` }],
  // The other servers are a majority and elect a new leader among themselves.
  expectLeader: () => true,
  describe: () => "zk-leader-isolate on zk-leader",
  needs: NET_ADMIN,
  async inject(env, fault) {
    const chain = isolateChain(fault.id);
    const leader = fault.targets[0];
    if (leader === undefined) throw new InconclusiveError(`zk-leader-isolate ${fault.id}: no ZooKeeper server to isolate`);
    const peers = env.ensemble.servers.map((s) => s.spec.name).filter((n) => n !== leader);
    const peerIps: string[] = [];
    for (const p of peers) {
      const ip = await env.nodes.ip(p);
      if (ip !== undefined) peerIps.push(ip);
    }
    const target = env.nodes.container(leader);
    if ((await env.nodes.ip(leader)) === undefined || !(await target.state()).running) {
      env.progress(`zk-leader-isolate ${fault.id}: ${leader} is not running; nothing to isolate`);
      return { heal: async () => undefined };
    }
    const shell: NetAdmin = await env.run.netAdmin(target, { node: leader, name: fault.id, image: env.netutilImage });
    const heal = async (): Promise<void> => {
      try {
        if (await shell.alive()) {
          const r = await shell.run(lossHealScript(chain), 30_000);
          if (r.exitCode !== 0 || r.stdout.trim() !== "") {
            throw new InconclusiveError(`zk-leader-isolate ${fault.id} could not be healed completely: ${leader}: rules left after heal: ${r.stdout.trim() || r.stderr.trim()}`);
          }
        }
      } finally {
        await shell.close().catch(() => undefined);
      }
    };
    const r = await shell.run(isolateScript(chain, peerIps), 30_000).catch(async (err: unknown) => {
      await heal().catch(() => undefined);
      throw err;
    });
    if (r.exitCode !== 0) {
      await heal().catch(() => undefined);
      throw new InconclusiveError(`zk-leader-isolate ${fault.id}: iptables on ${leader} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
    }
    env.progress(`zk-leader-isolate ${fault.id}: ${leader} cut off from ${peers.join(", ")} on ports ${PEER_PORTS.join(", ")}`);
    return { heal };
  },
});
