import { existsSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { readHistory } from "../../src/history/reader.js";
import { splitbrain } from "../support/cli.js";
import { dockerOrSkip, leftovers, testImages, tmpDir } from "../support/docker.js";
import { startSplitbrain } from "../support/spawn.js";

const env = await dockerOrSkip();

describe("splitbrain without a Docker engine", () => {
  it("up: one clear message with the fix, exit 2, nothing created", async () => {
    const out = tmpDir("sb-nodocker-");
    const r = await splitbrain(["up", "--duration", "1s", "--out", join(out, "run")], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("Docker is not reachable at unix:///nonexistent/docker.sock");
    expect(r.stderr).toContain("scripts/setup-docker.sh");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(join(out, "run"))).toBe(false);
  });

  it("doctor: says what is wrong and how to fix it, exit 2", async () => {
    const r = await splitbrain(["doctor"], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/FAIL docker .*not reachable/);
    expect(r.stdout).toContain("fix: sudo bash scripts/setup-docker.sh");
  });
});

describe.skipIf("skip" in env)("splitbrain up/gc/doctor on a real engine", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil"]);
  }, 900_000);

  it("doctor reports a ready machine, including NET_ADMIN, and exits 0", async () => {
    const r = await splitbrain(["doctor"]);
    expect(r.stdout).toMatch(/ok +docker +engine /);
    expect(r.stdout).toMatch(/ok +NET_ADMIN helper +iptables works/);
    expect(r.stdout).toContain("ready to run");
    expect(r.code).toBe(0);
  });

  it("up --duration brings up an ensemble, records zk-role events and removes everything after", async () => {
    const out = join(tmpDir("sb-up-"), "run");
    const r = await splitbrain(["up", "--duration", "2s", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Ensemble up: 3 server\(s\), leader zk\d/);
    const runId = /run (\S+): network/.exec(r.stderr)?.[1] as string;
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
    const roles: string[] = [];
    await readHistory(join(out, "history.jsonl"), (e) => {
      if (e.type === "zk-role") roles.push(`${e.node}:${(e as { role: string }).role}`);
    });
    expect(roles.filter((x) => x.endsWith(":leading"))).toHaveLength(1);
    expect(existsSync(join(out, "run.json"))).toBe(true);
    expect(existsSync(join(out, "logs", "zk1.log"))).toBe(true);
  });

  it("SIGINT during bring-up removes every labelled container and network, leaves a readable history, exits 130", { tags: ["smoke"] }, async () => {
    const out = join(tmpDir("sb-sigint-"), "run");
    const p = startSplitbrain(["up", "--out", out]);
    const m = await p.waitFor(/run (\S+): network/, 120_000);
    const runId = m[1] as string;
    await p.waitFor(/started 3 ZooKeeper server/, 60_000);
    p.child.kill("SIGINT");
    const { code } = await p.exit;
    expect(code, p.stderr()).toBe(130);
    expect(p.stderr()).toContain("everything this run started was removed");
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
    const summary = await readHistory(join(out, "history.jsonl"), () => undefined);
    expect(summary.meta.run).toBe(runId);
  });

  it("gc removes what a killed harness left behind", async () => {
    const out = join(tmpDir("sb-gc-"), "run");
    const p = startSplitbrain(["up", "--out", out]);
    const runId = (await p.waitFor(/run (\S+): network/, 120_000))[1] as string;
    await p.waitFor(/Ensemble up/, 120_000);
    p.child.kill("SIGKILL");
    await p.exit;
    const left = await leftovers(docker, runId);
    expect(left.containers).toHaveLength(3);
    expect(left.networks).toHaveLength(1);

    const dry = await splitbrain(["gc", "--dry-run"]);
    expect(dry.stdout).toMatch(new RegExp(`remove run ${runId}: 3 container\\(s\\), 1 network\\(s\\); pid \\d+ on this host is gone`));
    expect((await leftovers(docker, runId)).containers).toHaveLength(3);

    const r = await splitbrain(["gc"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`removed run ${runId}: 3 container(s), 1 network(s)`);
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  it("a server that never joins the quorum: its last log lines in the error, everything removed, exit 2", async () => {
    const images = await testImages(docker, ["netutil"]);
    const out = join(tmpDir("sb-noquorum-"), "run");
    // The NET_ADMIN helper image only sleeps: as a "ZooKeeper server" it never serves.
    const r = await splitbrain(["up", "--zk-image", images["netutil"] as string, "--quorum-timeout", "6s", "--duration", "1s", "--out", out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/the ZooKeeper ensemble did not form a quorum within 6 s \(0 of 3 serving, 2 needed\)/);
    expect(r.stderr).toMatch(/--- zk1 \(down: \S+\), last log lines:/);
    const runId = /run (\S+): network/.exec(r.stderr)?.[1] as string;
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  it("runs the official zookeeper image with --zk-image when it is present", async (ctx) => {
    const official = "zookeeper:3.8";
    const present = await docker.getImage(official).inspect().then(
      () => true,
      () => false,
    );
    if (!present) {
      // Not a Docker problem: this machine has no Docker Hub, so the image cannot be pulled here.
      console.warn(`SKIPPING official-image test: ${official} is not on this engine (docker pull ${official} where Docker Hub is reachable)`);
      ctx.skip();
      return;
    }
    const out = join(tmpDir("sb-official-"), "run");
    const r = await splitbrain(["up", "--zk-image", official, "--duration", "2s", "--out", out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Ensemble up: 3 server\(s\), leader zk\d/);
  });

  it("gc keeps the resources of a run whose harness is still running", async () => {
    const out = join(tmpDir("sb-gc-alive-"), "run");
    const p = startSplitbrain(["up", "--out", out]);
    const runId = (await p.waitFor(/run (\S+): network/, 120_000))[1] as string;
    await p.waitFor(/Ensemble up/, 120_000);
    try {
      const r = await splitbrain(["gc"]);
      expect(r.stdout).toContain(`kept run ${runId}`);
      expect((await leftovers(docker, runId)).containers).toHaveLength(3);
    } finally {
      p.child.kill("SIGTERM");
      expect((await p.exit).code).toBe(130);
    }
    expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });
});
