import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Docker from "dockerode";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dockerOptionsOf } from "../../src/runtime/docker/client.js";
import { LABEL_RUN } from "../../src/runtime/labels.js";
import { splitbrain } from "../support/cli.js";
import { dockerOrSkip, testImages, tmpDir } from "../support/docker.js";
import { TEST_TIME_SCALE } from "../support/runs.js";

const SCRIPT = join(import.meta.dirname, "..", "..", "scripts", "second-engine.sh");
const FIRST = "unix:///var/run/docker.sock";
const NAME = "sb-engine-test";

const env = await dockerOrSkip();
/** A second dockerd needs root; outside CI a non-root machine skips with the reason, under CI it fails. */
const notRoot = process.getuid?.() !== 0 ? "a second Docker engine needs root (scripts/second-engine.sh starts dockerd)" : undefined;
if (notRoot !== undefined) {
  if (process.env["CI"] === "true") throw new Error(`${notRoot}; CI runs as root`);
  console.warn(`SKIPPING the second-engine test: ${notRoot}`);
}

/** Runs scripts/second-engine.sh without blocking this process (its HTTP connections to the engines stay served). */
function secondEngine(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) =>
    execFile("bash", [SCRIPT, ...args], { encoding: "utf8", timeout: 120_000 }, (err, stdout, stderr) =>
      resolve({ status: err === null ? 0 : typeof err.code === "number" ? err.code : null, stdout, stderr }),
    ),
  );
}

async function labelled(docker: Docker): Promise<{ containers: number; networks: number }> {
  const filters = { label: [LABEL_RUN] };
  return { containers: (await docker.listContainers({ all: true, filters })).length, networks: (await docker.listNetworks({ filters })).length };
}

describe.skipIf("skip" in env || notRoot !== undefined)("runs spread over two Docker engines", () => {
  const first = (env as { docker: Docker }).docker;
  let second: Docker;
  let address = "";

  beforeAll(async () => {
    await testImages(first, ["zookeeper", "netutil", "candidate-node"]);
    const r = await secondEngine(["start", NAME]);
    expect(r.status, r.stderr).toBe(0);
    address = r.stdout.trim();
    expect(address).toBe(`unix:///run/${NAME}/docker.sock`);
    second = new Docker(dockerOptionsOf({ DOCKER_HOST: address }));
    expect((await second.listImages()).length).toBe(0);
  }, 300_000);

  afterAll(async () => {
    const r = await secondEngine(["stop", NAME, "--purge"]);
    if (r.status !== 0) console.warn(`stopping the second engine: ${r.stderr}`);
  }, 180_000);

  it("two scenarios at once, one on each engine: images copied to the empty one, both pass, nothing left on either", async () => {
    const out = join(tmpDir("sb-engines-"), "run");
    const r = await splitbrain(
      ["run", "partition-leader", "zk-outage", "--parallel", "2", "--engines", `${FIRST},${address}`, "--time-scale", TEST_TIME_SCALE, "--seed", "3", "--out", out, "--no-tui"],
      {},
      900_000,
    );
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`2 scenario(s), 2 at a time over 2 engine(s): ${FIRST}, ${address}`);
    // Each engine was checked before anything ran: the harness read its probe's line.
    expect(r.stderr).toContain(`engine ${FIRST}: its containers are reachable from here`);
    expect(r.stderr).toContain(`engine ${address}: its containers are reachable from here`);
    // The empty engine got splitbrain's images from the first instead of building them.
    expect(r.stderr).toMatch(/copying image splitbrain\/zookeeper:\S+ to this engine/);
    expect(r.stderr).not.toMatch(/\[zk-outage\].*building/);
    const endpoints = ["partition-leader", "zk-outage"].map((s) => (JSON.parse(readFileSync(join(out, s, "run.json"), "utf8")) as { engine: { endpoint: string } }).engine.endpoint);
    expect(new Set(endpoints)).toEqual(new Set([FIRST, address]));
    for (const s of ["partition-leader", "zk-outage"]) {
      expect((JSON.parse(readFileSync(join(out, s, "verdict.json"), "utf8")) as { valid: unknown }).valid).toBe(true);
    }
    expect(await labelled(first)).toEqual({ containers: 0, networks: 0 });
    expect(await labelled(second)).toEqual({ containers: 0, networks: 0 });
    const tags = (await second.listImages()).flatMap((i) => i.RepoTags ?? []);
    expect(tags).toEqual(expect.arrayContaining([expect.stringMatching(/^splitbrain\/zookeeper:/), expect.stringMatching(/^splitbrain\/candidate-node:/)]));
  }, 900_000);

  it("an engine whose containers the harness cannot reach is refused before anything runs, naming it (as a remote engine would be)", async () => {
    // The second engine's run networks come from its own pool (scripts/second-engine.sh); the
    // host drops what it sends there, as a machine that does not route to a remote engine would.
    const pool = "10.212.0.0/16";
    const rule = ["OUTPUT", "-d", pool, "-j", "DROP", "-m", "comment", "--comment", "splitbrain-engines-test"];
    const iptables = (args: string[]) => new Promise<number>((resolve) => execFile("iptables", ["-w", ...args], (err) => resolve(err === null ? 0 : 1)));
    expect(await iptables(["-I", ...rule])).toBe(0);
    try {
      const out = join(tmpDir("sb-engines-refused-"), "run");
      const r = await splitbrain(["run", "partition-leader", "zk-outage", "--parallel", "2", "--engines", `${FIRST},${address}`, "--time-scale", TEST_TIME_SCALE, "--seed", "3", "--out", out, "--no-tui"], {}, 300_000);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`engine ${FIRST}: its containers are reachable from here`);
      expect(r.stderr).toMatch(new RegExp(`engine ${address.replace(/[/.]/g, "\\$&")}: its containers cannot be reached from this machine \\(a container at 10\\.212\\.[\\d.]+:7777 .*\\); nothing was started`));
      expect(r.stderr).toContain("run splitbrain on each with --shard i/n");
      expect(r.stderr).not.toContain("starting 3 ZooKeeper server(s)");
    } finally {
      expect(await iptables(["-D", ...rule])).toBe(0);
    }
    expect(await labelled(first)).toEqual({ containers: 0, networks: 0 });
    expect(await labelled(second)).toEqual({ containers: 0, networks: 0 });
  }, 300_000);
});
