import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { directoryOf } from "../../src/faults/directory.js";
import { isolate } from "../../src/faults/grudge.js";
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
    images = await testImages(docker, ["zookeeper", "netutil"]);
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
});
