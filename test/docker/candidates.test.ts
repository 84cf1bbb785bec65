import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveCandidate, type CandidateKindName } from "../../src/candidates/registry.js";
import { checkHistory } from "../../src/checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../../src/checkers/types.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { sleep } from "../../src/util/sleep.js";
import { splitbrain } from "../support/cli.js";
import { historyEvents, waitForLeaders, withCluster, type TestCluster } from "../support/cluster.js";
import { directoryOf } from "../../src/faults/directory.js";
import { cut } from "../../src/faults/grudge.js";
import { Partition } from "../../src/faults/partition.js";
import { dockerOrSkip, leftovers, testImages, tmpDir } from "../support/docker.js";
import { join } from "node:path";
import { ensureImage, resolveBase } from "../../src/runtime/docker/image-builder.js";
import { hostBuildArgs } from "../../src/runtime/host-ca.js";

const env = await dockerOrSkip();

function lastLeaderEvent(events: readonly ReadEvent[], node: string): ReadEvent | undefined {
  return [...events].reverse().find((e) => e.node === node && e.type === "leader");
}

describe.skipIf("skip" in env)("candidates on a real ensemble", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};
  const runIds: string[] = [];

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "netutil", "candidate-node", "candidate-java"]);
  }, 900_000);

  afterEach(async () => {
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  const imageOf = (kind: CandidateKindName): string => {
    const choice = resolveCandidate(kind);
    return images[(choice as { image: { builtIn: string } }).image.builtIn] as string;
  };

  it.each(["latch", "curator-latch", "curator-selector"] as const)(
    "%s: 3 candidates elect exactly one leader within 15 s; killing the leader's container yields down, then a new leader; no overlap",
    async (kind) => {
      let historyPath = "";
      const runId = await withCluster(
        docker,
        { zkImage: images["zookeeper"] as string, candidateImage: imageOf(kind), choice: resolveCandidate(kind) },
        async (c) => {
          historyPath = c.historyPath;
          const first = await waitForLeaders(c.historyPath, (l) => l.size === 1, 20_000, "one leader");
          const events = await historyEvents(c.historyPath);
          const firstUp = Math.min(...events.filter((e) => e.type === "up").map((e) => e.t));
          const old = [...first][0] as string;
          expect((lastLeaderEvent(events, old)?.t ?? Infinity) - firstUp).toBeLessThanOrEqual(15_000);
          await sleep(1000);
          const candidate = c.fleet.find((x) => x.node === old);
          await candidate?.kill("killed by test");
          const next = await waitForLeaders(c.historyPath, (l) => l.size === 1 && !l.has(old), 40_000, "a new leader");
          const after = await historyEvents(c.historyPath);
          const down = after.find((e) => e.node === old && e.type === "down");
          const newLeader = lastLeaderEvent(after, [...next][0] as string);
          expect(down).toBeDefined();
          expect(newLeader).toBeDefined();
          expect((newLeader as ReadEvent).t).toBeGreaterThanOrEqual((down as ReadEvent).t);
        },
      );
      runIds.push(runId);
      const verdict = await checkHistory(historyPath, DEFAULT_CHECK_OPTIONS);
      expect(verdict.checkers["overlap"]?.valid, JSON.stringify(verdict.checkers["overlap"]?.violations)).toBe(true);
      expect(verdict.valid).toBe(true);
    },
    240_000,
  );

  /** Cuts candidates off every ZooKeeper server with a real iptables partition; returns the heal. */
  async function cutOff(c: TestCluster, nodes: string[]): Promise<Partition> {
    const ctx = { run: c.run, nodes: directoryOf(c.observed.ensemble, c.fleet, c.run.network), netutilImage: images["netutil"] as string };
    const servers = c.observed.ensemble.servers.map((s) => s.spec.name);
    return Partition.apply(ctx, `cut-${nodes.join("-")}`, cut(nodes, servers));
  }

  async function leaderCutOff(bug: string | undefined): Promise<{ overlap: boolean; history: string }> {
    let history = "";
    const runId = await withCluster(
      docker,
      { zkImage: images["zookeeper"] as string, candidateImage: imageOf("latch"), choice: resolveCandidate("latch", bug) },
      async (c) => {
        history = c.historyPath;
        const leader = [...(await waitForLeaders(c.historyPath, (l) => l.size === 1, 20_000, "one leader"))][0] as string;
        const partition = await cutOff(c, [leader]);
        await waitForLeaders(c.historyPath, (l) => [...l].some((n) => n !== leader), 40_000, "another leader");
        await sleep(3000);
        await partition.heal();
        await sleep(8000);
      },
    );
    runIds.push(runId);
    const verdict = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
    return { overlap: verdict.checkers["overlap"]?.valid === false, history };
  }

  it("latch gives up leadership when cut off; --bug ignore-disconnect keeps it and overlaps the new leader", async () => {
    expect((await leaderCutOff(undefined)).overlap).toBe(false);
    expect((await leaderCutOff("ignore-disconnect")).overlap).toBe(true);
  }, 300_000);

  async function leadsAfterPathLoss(bug: string | undefined): Promise<boolean> {
    let led = false;
    const runId = await withCluster(
      docker,
      { zkImage: images["zookeeper"] as string, candidateImage: imageOf("latch"), choice: resolveCandidate("latch", bug) },
      async (c) => {
        await waitForLeaders(c.historyPath, (l) => l.size === 1, 20_000, "one leader");
        const partition = await cutOff(c, c.fleet.map((x) => x.node));
        await sleep(9000); // beyond the 6 s session timeout: every session expires
        const zk = c.observed.ensemble.server("zk1").container;
        const del = await zk.exec(["zkCli.sh", "-server", "127.0.0.1:2181", "deleteall", "/splitbrain/election"], { timeoutMs: 60_000 });
        expect(del.exitCode, del.stdout + del.stderr).toBe(0);
        const cutAt = c.history.now();
        await partition.heal();
        // Up to 30 s for a leader line after the path was deleted. Only the wait running out
        // means "never led again": an error reading the history fails the test.
        const deadline = Date.now() + 30_000;
        while (!led && Date.now() < deadline) {
          led = (await historyEvents(c.historyPath)).some((e) => e.type === "leader" && e.t > cutAt);
          if (!led) await sleep(500);
        }
      },
    );
    runIds.push(runId);
    return led;
  }

  it("latch re-creates a deleted election path and leads again; --bug no-path-recreate never leads again", async () => {
    expect(await leadsAfterPathLoss(undefined)).toBe(true);
    expect(await leadsAfterPathLoss("no-path-recreate")).toBe(false);
  }, 300_000);

  async function restartAfterWindow(bug: string | undefined): Promise<{ overlap: boolean }> {
    let history = "";
    const runId = await withCluster(
      docker,
      {
        zkImage: images["zookeeper"] as string,
        candidateImage: imageOf("latch"),
        choice: resolveCandidate("latch", bug),
        extraEnv: { SB_WINDOW_MS: "4000" },
      },
      async (c) => {
        history = c.historyPath;
        const leader = [...(await waitForLeaders(c.historyPath, (l) => l.size === 1, 20_000, "one leader"))][0] as string;
        const follower = c.fleet.find((x) => x.node !== leader);
        await follower?.kill("rejoin test");
        await sleep(6000); // longer than the 4 s lease
        await follower?.start();
        await sleep(8000);
      },
    );
    runIds.push(runId);
    const verdict = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
    return { overlap: verdict.checkers["overlap"]?.valid === false };
  }

  it("a follower restarted after the lease: latch stays follower; --bug startup-window becomes a second leader", async () => {
    expect((await restartAfterWindow(undefined)).overlap).toBe(false);
    expect((await restartAfterWindow("startup-window")).overlap).toBe(true);
  }, 300_000);

  it("--curator-jars puts the given jars on the Curator candidates' classpath", async () => {
    // The jars to swap in: here Debian's own, copied out of the image into a host directory.
    const jars = tmpDir("sb-jars-");
    const copier = await docker.createContainer({
      Image: images["candidate-java"] as string,
      Entrypoint: ["sh", "-c", "cp -L /usr/share/java/curator-*.jar /usr/share/java/zookeeper.jar /usr/share/java/zookeeper-jute.jar /usr/share/java/guava.jar /usr/share/java/slf4j-api.jar /usr/share/java/slf4j-simple.jar /out/"],
      HostConfig: { Binds: [`${jars}:/out`] },
      Labels: { "splitbrain.run": "test-jars" },
    });
    await copier.start();
    await copier.wait();
    await copier.remove({ force: true, v: true });
    const out = join(tmpDir("sb-curatorjars-"), "run");
    const r = await splitbrain(["up", "--candidate", "curator-latch", "--curator-jars", jars, "--duration", "8s", "--out", out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const events = await historyEvents(join(out, "history.jsonl"));
    expect(events.some((e) => e.type === "leader")).toBe(true);
    const logs = events.filter((e) => e.type === "log").map((e) => (e as { msg?: string }).msg ?? "");
    expect(logs.some((m) => m.includes("/opt/curator-override/"))).toBe(true);
  }, 240_000);

  it("the documented kazoo example runs as --candidate image:<ref> and elects a leader", async () => {
    const def = { name: "kazoo-example", repository: "splitbrain-example/kazoo-candidate", context: "examples/kazoo-candidate", description: "docs example" };
    const built = await ensureImage(docker, def, "test", {
      base: await resolveBase(docker, { progress: () => undefined }),
      progress: (m) => console.log(m),
      buildArgs: hostBuildArgs(process.env),
    });
    const out = join(tmpDir("sb-kazoo-"), "run");
    // 30 s: python, kazoo and the first election take more than 10 s on a loaded machine.
    const r = await splitbrain(["up", "--candidate", `image:${built.tag}`, "--duration", "30s", "--out", out]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    const events = await historyEvents(join(out, "history.jsonl"));
    expect(events.filter((e) => e.type === "leader").length).toBeGreaterThanOrEqual(1);
    expect(events.some((e) => e.type === "conn" && (e as { state?: string }).state === "connected")).toBe(true);
  }, 400_000);

  it("a candidate image that exits at once: its last lines in the message, exit 2, all cleaned up", async () => {
    const r = await splitbrain(["up", "--candidate", "image:splitbrain/base:bookworm", "--duration", "5s", "--out", `/tmp/sb-badimage-${Date.now()}`]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/3 of 3 candidate\(s\) exited right after starting/);
    expect(r.stderr).toContain("last output");
    const runId = /run (\S+): network/.exec(r.stderr)?.[1] as string;
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  }, 240_000);
});
