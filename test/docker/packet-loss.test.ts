import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { directoryOf } from "../../src/faults/directory.js";
import { isolate } from "../../src/faults/grudge.js";
import { lossChain, packetLoss, type PacketLossSpec } from "../../src/faults/kinds/packet-loss.js";
import { Partition, rulesIn } from "../../src/faults/partition.js";
import type { FaultEnv } from "../../src/faults/types.js";
import { sleep } from "../../src/util/sleep.js";
import { withCluster, type TestCluster } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";

const env = await dockerOrSkip();

/** Whether `from` can open a TCP connection to host:port within 2 s (bash's /dev/tcp inside the container). */
async function canConnect(c: TestCluster, from: string, host: string, port: number): Promise<boolean> {
  const r = await c.observed.ensemble.server(from).container.exec(["bash", "-c", `timeout 2 bash -c '</dev/tcp/${host}/${port}'`], { timeoutMs: 20_000 });
  return r.exitCode === 0;
}

/** How many packets the rules of a loss chain have dropped in a node's namespace (iptables' counters). */
async function droppedBy(faultEnv: FaultEnv, node: string, chain: string): Promise<number> {
  const shell = await faultEnv.run.netAdmin(faultEnv.nodes.container(node), { node, name: `count-${chain.slice(-8)}`, image: faultEnv.netutilImage });
  try {
    const r = await shell.run(`iptables -w -L ${chain} -v -x -n`, 30_000);
    expect(r.exitCode).toBe(0);
    // Rows: "  pkts bytes target prot opt in out source destination ...", after two header lines.
    return r.stdout
      .split("\n")
      .map((l) => /^\s*(\d+)\s+\d+\s+DROP\b/.exec(l)?.[1])
      .filter((n): n is string => n !== undefined)
      .reduce((sum, n) => sum + Number(n), 0);
  } finally {
    await shell.close();
  }
}

describe.skipIf("skip" in env)("packet loss with iptables statistic in the node's network namespace", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};
  const runIds: string[] = [];

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "netutil"]);
  }, 900_000);

  afterEach(async () => {
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  function faultEnvOf(c: TestCluster): FaultEnv {
    return {
      run: c.run,
      ensemble: c.observed.ensemble,
      fleet: [],
      nodes: directoryOf(c.observed.ensemble, [], c.run.network),
      netutilImage: images["netutil"] as string,
      progress: () => undefined,
    };
  }

  it("drops the client port's packets and not the peer ports', coexists with a partition, and heals without a rule left", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string }, async (c) => {
      const faultEnv = faultEnvOf(c);
      const servers = c.observed.ensemble.servers.map((s) => s.spec.name);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);

      // Probability 1 makes the effect certain: every packet to or from port 2181 between zk1 and its peers is dropped.
      const spec: PacketLossSpec = { kind: "packet-loss", targets: ["zk1"], probability: 1, ports: [2181] };
      const loss = await packetLoss.inject(faultEnv, { id: "l1", spec, targets: ["zk1"] });
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(false);
      expect(await canConnect(c, "zk3", "zk1", 2181)).toBe(false);
      expect(await canConnect(c, "zk1", "zk2", 3888)).toBe(true);
      expect(await canConnect(c, "zk2", "zk3", 2181)).toBe(true);
      const chain = lossChain("l1");
      const rules = await rulesIn(faultEnv, "zk1");
      expect(rules).toContain(`-N ${chain}`);
      expect(rules).toContain(`-A INPUT -j ${chain}`);
      expect(rules).toContain(`-A OUTPUT -j ${chain}`);
      expect(rules.filter((r) => r.startsWith(`-A ${chain} `) && r.includes("statistic") && r.includes("2181"))).toHaveLength(4);
      expect(await droppedBy(faultEnv, "zk1", chain)).toBeGreaterThan(0);

      // A partition on the same node has its own chain: healing it leaves the loss in force.
      const partition = await Partition.apply(faultEnv, "p1", isolate("zk1", servers));
      await partition.heal();
      const left = await rulesIn(faultEnv, "zk1");
      expect(left.filter((r) => /(^| )SPLITBRAIN( |$)/.test(r))).toEqual([]);
      expect(left).toContain(`-N ${chain}`);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(false);

      await loss.heal();
      for (const node of servers) expect(await rulesIn(faultEnv, node)).toEqual([]);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);
      const q = await c.observed.ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
    });
    runIds.push(runId);
  }, 240_000);

  it("drops some of the packets at a probability below 1, and the heal removes the rules", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string }, async (c) => {
      const faultEnv = faultEnvOf(c);
      const servers = c.observed.ensemble.servers.map((s) => s.spec.name);
      const spec: PacketLossSpec = { kind: "packet-loss", targets: ["zk2"], probability: 0.5 };
      const loss = await packetLoss.inject(faultEnv, { id: "l2", spec, targets: ["zk2"] });
      // Traffic through the link: connection attempts and the ensemble's own heartbeats.
      for (let i = 0; i < 10; i++) await canConnect(c, "zk1", "zk2", 2181);
      await sleep(3000);
      expect(await droppedBy(faultEnv, "zk2", lossChain("l2"))).toBeGreaterThan(0);

      await loss.heal();
      for (const node of servers) expect(await rulesIn(faultEnv, node)).toEqual([]);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);
      const q = await c.observed.ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
    });
    runIds.push(runId);
  }, 240_000);
});
