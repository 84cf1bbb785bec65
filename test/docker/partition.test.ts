import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { directoryOf } from "../../src/faults/directory.js";
import { cut, isolate } from "../../src/faults/grudge.js";
import { Partition, rulesIn } from "../../src/faults/partition.js";
import { sleep } from "../../src/util/sleep.js";
import { withCluster, type TestCluster } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";

const env = await dockerOrSkip();

/** Whether `from` can open a TCP connection to host:port within 2 s (bash's /dev/tcp inside the container). */
async function canConnect(c: TestCluster, from: string, host: string, port: number): Promise<boolean> {
  const r = await c.observed.ensemble.server(from).container.exec(["bash", "-c", `timeout 2 bash -c '</dev/tcp/${host}/${port}'`], { timeoutMs: 20_000 });
  return r.exitCode === 0;
}

describe.skipIf("skip" in env)("partitions with iptables in the node's network namespace", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};
  const runIds: string[] = [];

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  afterEach(async () => {
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  it("drops packets between the isolated server and its peers while partitioned, not the harness's probes, and heals without a rule left", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string }, async (c) => {
      const ctx = { run: c.run, nodes: directoryOf(c.observed.ensemble, [], c.run.network), netutilImage: images["netutil"] as string };
      const servers = c.observed.ensemble.servers.map((s) => s.spec.name);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);

      const partition = await Partition.apply(ctx, "p1", isolate("zk1", servers));
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(false);
      expect(await canConnect(c, "zk3", "zk1", 2181)).toBe(false);
      expect(await canConnect(c, "zk2", "zk3", 2181)).toBe(true);
      const rules = await rulesIn(ctx, "zk1");
      expect(rules).toContain("-N SPLITBRAIN");
      expect(rules).toContain("-A INPUT -j SPLITBRAIN");
      expect(rules.filter((r) => /^-A SPLITBRAIN -s [\d.]+\/32 -j DROP$/.test(r))).toHaveLength(2);
      // The harness still sees the isolated server: it answers, but as a server without a quorum.
      await sleep(4000);
      const cut = await c.observed.ensemble.status("zk1");
      expect(cut.role).not.toBe("down");
      expect(cut.role).toBe("looking");

      await partition.heal();
      for (const node of servers) expect(await rulesIn(ctx, node)).toEqual([]);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);
      const q = await c.observed.ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
    });
    runIds.push(runId);
  }, 240_000);

  it("holds while nodes move: a server rebuilt on a new address stays cut off, and the isolated server restarted gets its rules back", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string }, async (c) => {
      const notes: string[] = [];
      const ensemble = c.observed.ensemble;
      const ctx = { run: c.run, nodes: directoryOf(ensemble, [], c.run.network), netutilImage: images["netutil"] as string, note: (m: string) => notes.push(m) };
      const servers = ensemble.servers.map((s) => s.spec.name);
      const until = async (what: () => Promise<boolean>, label: string): Promise<void> => {
        const deadline = Date.now() + 60_000;
        while (!(await what())) {
          if (Date.now() > deadline) throw new Error(`${label} within 60 s`);
          await sleep(500);
        }
      };
      const partition = await Partition.apply(ctx, "p1", isolate("zk1", servers));
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(false);

      // zk2 rebuilt empty: a new container, a new network namespace, maybe a new address.
      const before = await ctx.nodes.ip("zk2");
      await ensemble.killServer("zk2");
      await ensemble.wipeServer("zk2");
      await ensemble.startServer("zk2");
      const after = (await ctx.nodes.ip("zk2")) as string;
      await until(() => canConnect(c, "zk3", after, 2181), "zk2 listens again (seen from zk3)");
      expect(await canConnect(c, "zk1", after, 2181), `zk1 reaches the rebuilt zk2 (${before} -> ${after})`).toBe(false);
      expect(await canConnect(c, "zk2", "zk1", 2181), "the rebuilt zk2 reaches zk1").toBe(false);
      expect((await rulesIn(ctx, "zk2")).filter((r) => /^-A SPLITBRAIN -s [\d.]+\/32 -j DROP$/.test(r))).toHaveLength(1);
      expect(notes.some((n) => n.startsWith("partition p1: zk2 started again") && n.includes("zk1"))).toBe(true);

      // The isolated server itself restarted: its rules were in the namespace it lost.
      await ensemble.killServer("zk1");
      await ensemble.startServer("zk1");
      await until(() => canConnect(c, "zk1", "127.0.0.1", 2181), "zk1 listens again");
      expect(await canConnect(c, "zk1", "zk3", 2181), "the restarted zk1 reaches zk3").toBe(false);
      expect(await canConnect(c, "zk3", "zk1", 2181), "zk3 reaches the restarted zk1").toBe(false);
      expect((await rulesIn(ctx, "zk1")).filter((r) => /^-A SPLITBRAIN -s [\d.]+\/32 -j DROP$/.test(r))).toHaveLength(2);

      await partition.heal();
      for (const node of servers) expect(await rulesIn(ctx, node)).toEqual([]);
      expect(await canConnect(c, "zk1", "zk2", 2181)).toBe(true);
    });
    runIds.push(runId);
  }, 300_000);

  it("partition-from-zk holds while a server moves: the cut-off candidate cannot reach zk2 rebuilt on a new address", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, candidateImage: images["candidate-node"] as string, count: 1 }, async (c) => {
      const ensemble = c.observed.ensemble;
      const nodes = directoryOf(ensemble, c.fleet, c.run.network);
      const ctx = { run: c.run, nodes, netutilImage: images["netutil"] as string };
      const servers = ensemble.servers.map((s) => s.spec.name);
      const reach = async (from: string, host: string): Promise<boolean> => {
        const r = await nodes.container(from).exec(["bash", "-c", `timeout 2 bash -c '</dev/tcp/${host}/2181'`], { timeoutMs: 20_000 });
        return r.exitCode === 0;
      };
      expect(await reach("c1", "zk2")).toBe(true);
      const partition = await Partition.apply(ctx, "f1", cut(["c1"], servers));
      expect(await reach("c1", "zk2")).toBe(false);
      const before = await nodes.ip("zk2");
      await ensemble.killServer("zk2");
      await ensemble.wipeServer("zk2");
      await ensemble.startServer("zk2");
      const after = (await nodes.ip("zk2")) as string;
      const deadline = Date.now() + 60_000;
      while (!(await reach("zk3", after)) && Date.now() < deadline) await sleep(500);
      expect(await reach("zk3", after), "zk2 listens again").toBe(true);
      expect(await reach("c1", after), `c1 reaches the rebuilt zk2 (${before} -> ${after})`).toBe(false);
      await partition.heal();
      expect(await reach("c1", "zk2")).toBe(true);
    });
    runIds.push(runId);
  }, 300_000);
});
