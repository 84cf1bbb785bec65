import { join } from "node:path";
import type Docker from "dockerode";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { resolveCandidate } from "../../src/candidates/registry.js";
import { CLOCK_ENV, CLOCK_PROBE, offsetBounds, offsetSeen, readOffset } from "../../src/faults/clock.js";
import { directoryOf } from "../../src/faults/directory.js";
import { clockSkew } from "../../src/faults/kinds/clock-skew.js";
import { clockStrobe } from "../../src/faults/kinds/clock-strobe.js";
import type { FaultEnv } from "../../src/faults/types.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { readHistory } from "../../src/history/reader.js";
import { withCluster, type TestCluster } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";
import { runScenarioCli } from "../support/runs.js";

const env = await dockerOrSkip();

describe.skipIf("skip" in env)("clock faults with libfaketime in the candidates (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};
  const runIds: string[] = [];

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  afterEach(async () => {
    for (const runId of runIds.splice(0)) expect(await leftovers(docker, runId)).toEqual({ containers: [], networks: [] });
  });

  function faultEnvOf(c: TestCluster, notes: string[]): FaultEnv {
    return {
      run: c.run,
      ensemble: c.observed.ensemble,
      fleet: c.fleet,
      nodes: directoryOf(c.observed.ensemble, c.fleet, c.run.network),
      netutilImage: images["netutil"] as string,
      progress: () => undefined,
      note: (m) => notes.push(m),
    };
  }

  /** The offset c's processes see now (ms, bounded by two real readings). */
  async function seen(c: TestCluster, node: string): Promise<{ low: number; high: number }> {
    const b = await readOffset(directoryOf(c.observed.ensemble, c.fleet, c.run.network).container(node));
    expect(b, `no clock reading from ${node}`).toBeDefined();
    return b as { low: number; high: number };
  }

  /** A +20 s skew on c1: seen there (and not on c2) while it holds, gone after its heal; `meanwhile` runs while it holds. */
  async function skewSeenThenHealed(c: TestCluster, faultEnv: FaultEnv, meanwhile: () => Promise<void> = async () => undefined): Promise<void> {
    expect(offsetSeen(await seen(c, "c1"), 0)).toBe(true);
    const skew = await clockSkew.inject(faultEnv, { id: "s1", spec: { kind: "clock-skew", targets: ["c1"], offset: "+20s" }, targets: ["c1"] });
    const during = await seen(c, "c1");
    expect(offsetSeen(during, 20_000), JSON.stringify(during)).toBe(true);
    expect(offsetSeen(during, 0)).toBe(false);
    expect(offsetSeen(await seen(c, "c2"), 0)).toBe(true);
    await meanwhile();
    await skew.heal();
    const after = await seen(c, "c1");
    expect(offsetSeen(after, 0), JSON.stringify(after)).toBe(true);
    expect(offsetSeen(after, 20_000)).toBe(false);
  }

  it("a skew is seen by the target's processes only and gone after its heal; a strobe flips and stops; an image without libfaketime is named", async () => {
    const notes: string[] = [];
    const runId = await withCluster(
      docker,
      { zkImage: images["zookeeper"] as string, candidateImage: images["candidate-node"] as string, count: 2, sessionTimeoutMs: 3000, extraEnv: { ...CLOCK_ENV } },
      async (c) => {
        const faultEnv = faultEnvOf(c, notes);
        await skewSeenThenHealed(c, faultEnv, async () => {
          // The candidate itself (its Node process, started with the preload) reads the skewed clock too.
          const own = await faultEnv.nodes.container("c1").exec(["sh", "-c", 'env -u LD_PRELOAD date +%s%3N; node -e "console.log(Date.now())"; env -u LD_PRELOAD date +%s%3N'], { timeoutMs: 30_000 });
          const ownBounds = offsetBounds(own.stdout);
          expect(ownBounds !== undefined && offsetSeen(ownBounds, 20_000), own.stdout).toBe(true);
        });

        const strobe = await clockStrobe.inject(faultEnv, { id: "t1", spec: { kind: "clock-strobe", targets: ["c2"], offset: "-30s", periodMs: 500 }, targets: ["c2"] });
        const values = new Set<number>();
        for (let i = 0; i < 60 && values.size < 2; i++) {
          const b = await seen(c, "c2");
          if (offsetSeen(b, -30_000)) values.add(-30_000);
          if (offsetSeen(b, 0)) values.add(0);
        }
        await strobe.heal();
        expect([...values].sort((a, b) => a - b)).toEqual([-30_000, 0]);
        expect(notes.some((n) => n.startsWith("clock-strobe t1: clock of c2 at +0 s"))).toBe(true);
        expect(notes.some((n) => n.startsWith("clock-strobe t1: clock of c2 at -30 s"))).toBe(true);
        const flips = notes.length;
        const healed = await seen(c, "c2");
        expect(offsetSeen(healed, 0), JSON.stringify(healed)).toBe(true);
        // No flip after the heal: a later reading is still the real time, and no note was added.
        expect(offsetSeen(await seen(c, "c2"), 0)).toBe(true);
        expect(notes.length).toBe(flips);

        // A container whose processes did not start with libfaketime (here a ZooKeeper server).
        await expect(clockSkew.inject(faultEnv, { id: "z1", spec: { kind: "clock-skew", targets: ["zk1"], offset: "+20s" }, targets: ["zk1"] })).rejects.toThrow(
          /clock-skew z1: zk1's clock did not take the offset \+20 s .*libfaketime/,
        );
      },
    );
    runIds.push(runId);
  }, 300_000);

  /** Prints how long 300 ms timed waits took, in ms, in the runtime's own terms. */
  const WAIT_PROBES = {
    "curator-latch": `${CLOCK_PROBE} --wait`,
    patroni: `python3 -c 'import threading, time; t = time.monotonic(); time.sleep(0.3); a = time.monotonic() - t; t = time.monotonic(); threading.Event().wait(0.3); print(int(a * 1000), int((time.monotonic() - t) * 1000))'`,
  } as const;

  for (const [kind, image, runtime] of [
    ["curator-latch", "candidate-java", "the JVM's System.currentTimeMillis()"],
    ["patroni", "candidate-patroni", "Python's time.time()"],
  ] as const) {
    it(`${kind}: a skew is seen by ${runtime} in the target (libfaketime preloaded) and gone after its heal`, async () => {
      const built = await testImages(docker, [image]);
      const notes: string[] = [];
      const runId = await withCluster(
        docker,
        { zkImage: images["zookeeper"] as string, candidateImage: built[image] as string, choice: resolveCandidate(kind), count: 2, sessionTimeoutMs: 6000, extraEnv: { ...CLOCK_ENV } },
        async (c) => {
          const faultEnv = faultEnvOf(c, notes);
          // The reading is the runtime's own (sb-clock-ms in the image), not `date`'s.
          const probe = await faultEnv.nodes.container("c1").exec(["sh", "-c", `command -v ${CLOCK_PROBE}`], { timeoutMs: 15_000 });
          expect(probe.exitCode, probe.stderr).toBe(0);
          await skewSeenThenHealed(c, faultEnv, async () => {
            // The runtime's timed waits keep their length under the preload and the offset (Debian's own
            // libfaketime build made the JVM's return at once and Python's sleep fail: compose/libfaketime).
            const waits = await faultEnv.nodes.container("c1").exec(["sh", "-c", WAIT_PROBES[kind]], { timeoutMs: 30_000 });
            expect(waits.exitCode, waits.stderr).toBe(0);
            const ms = waits.stdout.trim().split(/\s+/).map(Number);
            expect(ms.length, waits.stdout).toBeGreaterThan(0);
            for (const m of ms) expect(m, waits.stdout).toBeGreaterThanOrEqual(290);
          });
        },
      );
      runIds.push(runId);
    }, 600_000);
  }

  it("the lease candidate has a split brain under clock-skew-follower, and the session-based latch does not", async () => {
    const lease = await runScenarioCli(["clock-skew-follower", "--candidate", "lease", "--seed", "3"]);
    expect(lease.code, `${lease.stdout}\n${lease.stderr}`).toBe(1);
    expect(lease.verdict.checkers["overlap"]?.valid).toBe(false);
    expect(lease.stdout).toMatch(/split brain: c\d and c\d both led group default .*faults: clock-skew f1 on c\d/);
    const events: ReadEvent[] = [];
    await readHistory(join(lease.dir, "history.jsonl"), (e) => events.push(e));
    const fault = events.find((e) => e.type === "fault" && (e as { id?: string }).id === "f1") as ReadEvent & { targets: string[] };
    // The skewed follower took the lease over by its own clock.
    expect(events.some((e) => e.node === fault.targets[0] && e.type === "log" && /took \/splitbrain\/election\/lease .* by its own clock/.test(String((e as { msg?: string }).msg)))).toBe(true);
    expect(await leftovers(docker, lease.runId)).toEqual({ containers: [], networks: [] });

    const latch = await runScenarioCli(["clock-skew-follower", "--candidate", "latch", "--seed", "3"]);
    expect(latch.code, `${latch.stdout}\n${latch.stderr}`).toBe(0);
    expect(latch.verdict.valid).toBe(true);
  }, 900_000);
});
