import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

// An engine that cannot exist: a shard that tried to start anything would end inconclusive (2).
const NO_DOCKER = { DOCKER_HOST: "unix:///nonexistent/splitbrain-test.sock" };

describe("splitbrain run --shard (no Docker needed)", () => {
  it.each([
    ["0/3", "the shard must be from 1 to 3 (shards count from 1)"],
    ["4/3", "the shard must be from 1 to 3 (shards count from 1)"],
    ["a/b", "expected i/n, the i-th of n shards (e.g. 2/3)"],
  ])("rejects --shard %s: exit 64 naming the flag and the spelling", async (spelling, message) => {
    const r = await runCli(["run", "--shard", spelling], NO_DOCKER);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--shard");
    expect(r.stderr).toContain(message);
    expect(r.stderr).toContain(`"${spelling}"`);
  });

  it("a shard with no cases says so and exits 0 without touching an engine", async () => {
    const plain = await runCli(["run", "zk-outage", "--shard", "2/2"], NO_DOCKER);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain("shard 2/2: no cases (1 scenario(s) over 2 shards); nothing to run");
    const suite = await runCli(["run", "--suite", "seeds", "--shard", "99/99"], NO_DOCKER);
    expect(suite.code).toBe(0);
    expect(suite.stdout).toMatch(/shard 99\/99: no cases \(\d+ suite case\(s\) over 99 shards\); nothing to run/);
  });

  it("a shard runs every n-th scenario from its own on, in the order given", async () => {
    const r = await runCli(["run", "zk-outage", "partition-leader", "pause-leader", "--shard", "2/2", "--no-tui"], NO_DOCKER);
    expect(`${r.stdout}${r.stderr}`).toContain("shard 2/2: partition-leader\n");
    const first = await runCli(["run", "zk-outage", "partition-leader", "pause-leader", "--shard", "1/2", "--no-tui"], NO_DOCKER);
    expect(`${first.stdout}${first.stderr}`).toContain("shard 1/2: zk-outage, pause-leader\n");
    // The engine is unreachable: inconclusive, as for any run.
    expect(r.code).toBe(2);
  });
});
