import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { startObservedEnsemble, type ObservedEnsemble } from "../../src/cluster/ensemble-session.js";
import { DEFAULT_ENSEMBLE, type EnsembleSize } from "../../src/cluster/spec.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { readHistory } from "../../src/history/reader.js";
import { HistoryWriter } from "../../src/history/writer.js";
import { currentOwner } from "../../src/runtime/labels.js";
import { DockerRun } from "../../src/runtime/docker/run-scope.js";
import { sleep } from "../../src/util/sleep.js";
import { dockerOrSkip, leftovers, testImages, tmpDir } from "../support/docker.js";

const env = await dockerOrSkip();

interface Harness {
  observed: ObservedEnsemble;
  run: DockerRun;
  historyPath: string;
}

async function zkRoles(path: string): Promise<Array<ReadEvent & { role?: string; epoch?: number }>> {
  const events: Array<ReadEvent & { role?: string }> = [];
  await readHistory(path, (e) => {
    if (e.type === "zk-role") events.push(e as ReadEvent & { role?: string });
  });
  return events.sort((a, b) => a.t - b.t);
}

describe.skipIf("skip" in env)("a real ZooKeeper ensemble in Docker", () => {
  const docker = (env as { docker: Docker }).docker;
  let image = "";
  const runIds: string[] = [];

  beforeAll(async () => {
    image = (await testImages(docker, ["zookeeper"]))["zookeeper"] as string;
  }, 900_000);

  afterEach(async () => {
    // Whatever a test did, nothing labelled with its run may be left on the engine.
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  async function withEnsemble(size: EnsembleSize, fn: (h: Harness) => Promise<void>): Promise<void> {
    const runId = `test-${randomBytes(3).toString("hex")}`;
    runIds.push(runId);
    const dir = tmpDir("sb-ensemble-");
    const historyPath = join(dir, "history.jsonl");
    const history = HistoryWriter.create(historyPath, { run: runId, scenario: "test", seed: 0, startedAt: new Date().toISOString() });
    const run = await DockerRun.open(docker, currentOwner(runId));
    try {
      const observed = await startObservedEnsemble({
        run,
        spec: { ...DEFAULT_ENSEMBLE, size },
        image,
        history,
        logsDir: dir,
        quorumTimeoutMs: 90_000,
        observeIntervalMs: 200,
        progress: () => undefined,
        signal: new AbortController().signal,
      });
      try {
        await fn({ observed, run, historyPath });
      } finally {
        await observed.stop();
      }
    } finally {
      const report = await run.teardown();
      history.close();
      expect(report.failures).toEqual([]);
    }
  }

  it("3 servers form a quorum with exactly one leader, zk-role events are recorded, and a client can write and read a znode", { tags: ["smoke"] }, async () => {
    await withEnsemble(3, async ({ observed, historyPath }) => {
      const q = await observed.ensemble.statuses();
      const roles = [...q.statuses.values()].map((s) => s.role).sort();
      expect(roles).toEqual(["following", "following", "leading"]);
      await sleep(600); // let the observer record the settled roles
      const events = await zkRoles(historyPath);
      const last = new Map(events.map((e) => [e.node, e.role]));
      expect(last.get(q.leader as string)).toBe("leading");
      expect([...last.values()].filter((r) => r === "leading")).toHaveLength(1);
      expect(new Set(events.map((e) => e.node))).toEqual(new Set(["zk1", "zk2", "zk3"]));

      // A real client (ZooKeeper's own CLI) writes through one server and reads through another.
      const writer = observed.ensemble.server("zk1").container;
      const reader = observed.ensemble.server("zk3").container;
      const created = await writer.exec(["zkCli.sh", "-server", "127.0.0.1:2181", "create", "/splitbrain-test", "hello-from-zk1"], { timeoutMs: 60_000 });
      expect(created.exitCode, created.stdout + created.stderr).toBe(0);
      const read = await reader.exec(["zkCli.sh", "-server", "127.0.0.1:2181", "get", "/splitbrain-test"], { timeoutMs: 60_000 });
      expect(read.stdout).toContain("hello-from-zk1");
    });
  });

  it("5 servers form a quorum with exactly one leader", async () => {
    await withEnsemble(5, async ({ observed }) => {
      const q = await observed.ensemble.statuses();
      expect(q.serving).toBe(5);
      expect([...q.statuses.values()].filter((s) => s.role === "leading")).toHaveLength(1);
    });
  });

  it("killing the ZooKeeper leader's container elects a new leader, and the history shows both", async () => {
    await withEnsemble(3, async ({ observed, historyPath }) => {
      const before = await observed.ensemble.statuses();
      const old = before.leader as string;
      await sleep(500);
      await observed.ensemble.killServer(old);
      let now = before;
      const deadline = Date.now() + 60_000;
      while (Date.now() < deadline) {
        now = await observed.ensemble.statuses();
        if (now.leader !== undefined && now.leader !== old && now.serving >= 2) break;
        await sleep(250);
      }
      expect(now.leader).toBeDefined();
      expect(now.leader).not.toBe(old);
      expect(now.statuses.get(old)?.role).toBe("down");
      await sleep(600);
      const events = await zkRoles(historyPath);
      const oldDown = events.find((e) => e.node === old && e.role === "down" && events.some((x) => x.node === old && x.role === "leading" && x.t < e.t));
      expect(oldDown, JSON.stringify(events)).toBeDefined();
      const newLeading = events.find((e) => e.node === now.leader && e.role === "leading" && e.t > (oldDown?.t ?? 0));
      expect(newLeading, JSON.stringify(events)).toBeDefined();
    });
  });
});
