import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_ENSEMBLE } from "../../src/cluster/spec.js";
import { directoryOf } from "../../src/faults/directory.js";
import { pause } from "../../src/faults/kinds/pause.js";
import { zkOutage } from "../../src/faults/kinds/zk-outage.js";
import { zkCorrupt } from "../../src/faults/kinds/zk-corrupt.js";
import { zkLeaderIsolate } from "../../src/faults/kinds/zk-leader-isolate.js";
import { zkPartialLoss } from "../../src/faults/kinds/zk-partial-loss.js";
import { zkRollingRestart } from "../../src/faults/kinds/zk-rolling-restart.js";
import { rulesIn } from "../../src/faults/partition.js";
import type { FaultEnv } from "../../src/faults/types.js";
import { sleep } from "../../src/util/sleep.js";
import { withCluster, type TestCluster } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";

const env = await dockerOrSkip();

/** Time scale 0.5: ZooKeeper's tick halved, as `--time-scale 0.5` runs it. */
const TICK_MS = DEFAULT_ENSEMBLE.tickTime / 2;

/** Polls `check` until it holds; fails with `what` after `timeoutMs` (a deadline for the poll, not a measurement). */
async function eventually(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs / 1000} s: ${what}`);
    await sleep(250);
  }
}

/** What a server answers to `srvr` on its client port, asked from inside `from` (bash's /dev/tcp). */
async function srvrText(c: TestCluster, from: string, server: string): Promise<{ connected: boolean; text: string }> {
  const r = await c.observed.ensemble
    .server(from)
    .container.exec(["bash", "-c", `exec 3<>/dev/tcp/${server}/2181 || exit 7; printf srvr >&3; timeout 3 cat <&3`], { timeoutMs: 20_000 });
  return { connected: r.exitCode !== 7, text: r.stdout };
}

describe.skipIf("skip" in env)("ZooKeeper-side faults", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};
  const runIds: string[] = [];

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "netutil"]);
  }, 900_000);

  afterEach(async () => {
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  function faultEnvOf(c: TestCluster, notes: string[] = []): FaultEnv {
    return {
      run: c.run,
      ensemble: c.observed.ensemble,
      fleet: [],
      nodes: directoryOf(c.observed.ensemble, [], c.run.network),
      netutilImage: images["netutil"] as string,
      progress: (m) => notes.push(m),
    };
  }

  async function leaderOf(c: TestCluster): Promise<string> {
    const q = await c.observed.ensemble.waitForQuorum(60_000);
    expect(q.leader).toBeDefined();
    return q.leader as string;
  }

  it("pause on zk-leader: the frozen leader stops answering, another server leads; the heal thaws it and it serves again", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const faultEnv = faultEnvOf(c);
      const ensemble = c.observed.ensemble;
      const old = await leaderOf(c);
      const fault = await pause.inject(faultEnv, { id: "p1", spec: { kind: "pause", targets: ["zk-leader"] }, targets: [old] });
      expect((await ensemble.server(old).container.state()).paused).toBe(true);
      await eventually("another server leads", 60_000, async () => {
        const q = await ensemble.statuses();
        return q.leader !== undefined && q.leader !== old && q.serving >= 2;
      });
      expect((await ensemble.status(old)).role).toBe("down");
      await fault.heal();
      await eventually(`${old} serves again`, 60_000, async () => ["leading", "following"].includes((await ensemble.status(old)).role));
    });
    runIds.push(runId);
  }, 110_000);

  it("zk-leader-isolate: the old leader stops serving but still accepts TCP on 2181, another leads; the heal removes every rule and all serve", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const faultEnv = faultEnvOf(c);
      const ensemble = c.observed.ensemble;
      const servers = ensemble.servers.map((s) => s.spec.name);
      const old = await leaderOf(c);
      const other = servers.find((s) => s !== old) as string;
      const fault = await zkLeaderIsolate.inject(faultEnv, { id: "i1", spec: { kind: "zk-leader-isolate" }, targets: [old] });
      await eventually(`${old} stops serving and another server leads`, 60_000, async () => {
        const q = await ensemble.statuses();
        return q.statuses.get(old)?.role === "looking" && q.leader !== undefined && q.leader !== old;
      });
      // Its client port still takes connections and answers that it does not serve.
      const answer = await srvrText(c, other, old);
      expect(answer.connected).toBe(true);
      expect(answer.text).toContain("This ZooKeeper instance is not currently serving requests");
      expect((await rulesIn(faultEnv, old)).some((r) => r.includes("2888,3888"))).toBe(true);

      await fault.heal();
      for (const node of servers) expect(await rulesIn(faultEnv, node)).toEqual([]);
      const q = await ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
      expect((await srvrText(c, other, old)).text).toMatch(/^Mode: (leader|follower)$/m);
    });
    runIds.push(runId);
  }, 110_000);

  it("zk-rolling-restart: every server goes down and comes back once, the old leader last; after the heal all serve", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const notes: string[] = [];
      const faultEnv = faultEnvOf(c, notes);
      const ensemble = c.observed.ensemble;
      const old = await leaderOf(c);
      // The role observer's zk-role events: what a user sees in the history and timeline.
      const downs: string[] = [];
      const stop = c.history.subscribe((e) => {
        if (e.type === "zk-role" && (e as { role?: string }).role === "down" && !downs.includes(e.node)) downs.push(e.node);
      });
      const fault = await zkRollingRestart.inject(faultEnv, { id: "r1", spec: { kind: "zk-rolling-restart" }, targets: ensemble.servers.map((s) => s.spec.name) });
      await fault.heal();
      stop();
      // The roll itself: each server restarted and serving again, one after another, the old leader last.
      const order = ensemble.servers.map((s) => s.spec.name).filter((s) => s !== old).concat([old]);
      expect(notes.filter((n) => n.endsWith("restarted and serving"))).toEqual(order.map((s) => `zk-rolling-restart: ${s} restarted and serving`));
      // The roles lane: the observer polls, so a server down for less than a poll can go unseen
      // under load; what it saw is in the roll's order, and it saw at least one server down.
      expect(downs.length).toBeGreaterThan(0);
      expect(downs).toEqual(order.filter((s) => downs.includes(s)));
      // All three serve again (the last one back may trigger a short election: polled, not sampled once).
      await eventually("all three servers serve after the roll", 60_000, async () => (await ensemble.waitForQuorum(60_000)).serving === 3);
      // The heal is a no-op once the roll is over.
      await fault.heal();
    });
    runIds.push(runId);
  }, 110_000);

  it("zk-partial-loss: a majority replaced by empty servers with their myid; the kept one loses its quorum; after the heal a quorum serves", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const faultEnv = faultEnvOf(c);
      const ensemble = c.observed.ensemble;
      await leaderOf(c);
      const zkCli = (server: string, cmd: string) => ensemble.server(server).container.exec(["bash", "-c", `zkCli.sh -server localhost:2181 ${cmd} 2>&1`], { timeoutMs: 30_000 });
      expect((await zkCli("zk3", "create /sb-marker committed")).stdout).toContain("Created /sb-marker");
      const before = ensemble.servers.map((s) => s.container.id);
      const fault = await zkPartialLoss.inject(faultEnv, { id: "l1", spec: { kind: "zk-partial-loss" }, targets: ["zk1", "zk2", "zk3"] });
      // zk1 and zk2 are new containers (not started yet); zk3 kept its container and lost its quorum.
      expect(ensemble.servers.map((s) => s.container.id !== before[ensemble.servers.indexOf(s)])).toEqual([true, true, false]);
      await eventually("zk3 stops serving", 30_000, async () => (await ensemble.status("zk3")).role !== "following" && (await ensemble.status("zk3")).role !== "leading");
      await fault.heal();
      const q = await ensemble.waitForQuorum(60_000, "quorum");
      expect(q.serving).toBeGreaterThanOrEqual(2);
      for (const [i, name] of ["zk1", "zk2"].entries()) {
        expect((await ensemble.server(name).container.exec(["cat", "/data/myid"])).stdout.trim()).toBe(String(i + 1));
      }
      // Whether ZooKeeper kept the committed znode depends on who won the election: recorded, not asserted.
      const marker = await zkCli("zk1", "get /sb-marker");
      console.log(`zk-partial-loss: /sb-marker after the heal, read on zk1 (leader ${q.leader ?? "none"}): ${marker.stdout.includes("committed") ? "kept" : "LOST"}`);
    });
    runIds.push(runId);
  }, 110_000);

  it("zk-corrupt: a follower's newest log really changes; whether it rejoins or stays down is recorded; the heal brings it back", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const notes: string[] = [];
      const faultEnv = faultEnvOf(c, notes);
      const ensemble = c.observed.ensemble;
      const leader = await leaderOf(c);
      const follower = ensemble.servers.map((s) => s.spec.name).find((s) => s !== leader) as string;
      // A few transactions, so every server has a log.
      const cli = await ensemble.server(leader).container.exec(["bash", "-c", "zkCli.sh -server localhost:2181 create /sb-corrupt x 2>&1"], { timeoutMs: 30_000 });
      expect(cli.stdout).toContain("Created /sb-corrupt");
      await eventually(`${follower} has a transaction log`, 20_000, async () => {
        const r = await ensemble.server(follower).container.exec(["bash", "-c", "ls /datalog/version-2 | grep -q '^log\\.'"], { user: "root" });
        return r.exitCode === 0;
      });
      const shaNow = async () =>
        (await ensemble.server(follower).container.exec(["bash", "-c", "sha256sum /datalog/version-2/$(ls -1t /datalog/version-2 | grep '^log\\.' | head -n 1) | cut -c1-12"], { user: "root" })).stdout.trim();
      // Until the follower has written everything (zkCli's closeSession too): the same checksum twice.
      let before = await shaNow();
      await eventually("the follower's log settles", 20_000, async () => before === (before = await shaNow()));
      expect(before).toMatch(/^[0-9a-f]{12}$/);

      const fault = await zkCorrupt.inject(faultEnv, { id: "c1", spec: { kind: "zk-corrupt", targets: [follower], what: "log", how: "garble" }, targets: [follower] });
      const change = notes.find((n) => n.startsWith("zk-corrupt c1: garbled /datalog/version-2/log."));
      expect(change).toBeDefined();
      const [, from, to] = /sha256 ([0-9a-f]{12}) -> ([0-9a-f]{12})/.exec(change as string) ?? [];
      expect(from).toBe(before);
      expect(to).not.toBe(before);

      await fault.heal();
      const outcome = notes.find((n) => n.startsWith(`zk-corrupt c1: ${follower} rejoined`) || n.startsWith(`zk-corrupt c1: ${follower} stayed down`));
      expect(outcome).toBeDefined();
      console.log(`zk-corrupt outcome: ${outcome ?? "none"}`);
      const q = await ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
    });
    runIds.push(runId);
  }, 170_000);

  it("zk-outage names gone / kept: while the servers are down their names stop resolving, or resolve to a refusing stand-in; after the heal they resolve to the servers", async () => {
    const runId = await withCluster(docker, { zkImage: images["zookeeper"] as string, tickTime: TICK_MS }, async (c) => {
      const notes: string[] = [];
      const faultEnv = faultEnvOf(c, notes);
      const ensemble = c.observed.ensemble;
      const servers = ensemble.servers.map((s) => s.spec.name);
      // A client's view: a container on the run's network that resolves and connects to zk1.
      const client = await c.run.create({ name: c.run.containerName("dns-client"), image: images["zookeeper"] as string, hostname: "dns-client", entrypoint: ["sleep"], cmd: ["infinity"] });
      await client.start();
      const resolve = async () => (await client.exec(["getent", "ahostsv4", "zk1"])).stdout.split("\n").filter((l) => l.includes("STREAM")).map((l) => l.split(/\s+/)[0]);
      const connects = async () => (await client.exec(["bash", "-c", "timeout 3 bash -c '</dev/tcp/zk1/2181'"])).exitCode === 0;
      expect(await connects()).toBe(true);

      const gone = await zkOutage.inject(faultEnv, { id: "o1", spec: { kind: "zk-outage" }, targets: servers });
      expect(await resolve()).toEqual([]);
      expect(notes).toContain("o1: server names gone while they are down (Docker DNS stops resolving zk1, zk2, zk3)");
      await gone.heal();

      const kept = await zkOutage.inject(faultEnv, { id: "o2", spec: { kind: "zk-outage", names: "kept" }, targets: servers });
      expect(await resolve()).toHaveLength(1);
      expect(await connects()).toBe(false);
      expect(notes).toContain("o2: server names kept while they are down (zk1, zk2, zk3 resolve to stand-ins where connections are refused)");
      await kept.heal();
      // Only the real server holds the name again.
      expect(await resolve()).toEqual([ensemble.server("zk1").ip]);
      expect(await connects()).toBe(true);
      const q = await ensemble.waitForQuorum(60_000);
      expect(q.serving).toBe(3);
    });
    runIds.push(runId);
  }, 150_000);
});
