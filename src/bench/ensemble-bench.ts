import { randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { startObservedEnsemble } from "../cluster/ensemble-session.js";
import { DEFAULT_ENSEMBLE, type EnsembleSize } from "../cluster/spec.js";
import { HistoryWriter } from "../history/writer.js";
import { connectDocker } from "../runtime/docker/client.js";
import { ensureImages } from "../runtime/docker/image-builder.js";
import { currentOwner } from "../runtime/labels.js";
import { DockerRun } from "../runtime/docker/run-scope.js";
import { hostBuildArgs } from "../runtime/host-ca.js";
import { IMAGES, imageTag } from "../runtime/images.js";
import { packageVersion } from "../cli/version.js";
import { argValue, median } from "./common.js";

/**
 * `npm run bench:ensemble`: time from "create the containers" to a serving quorum (all servers
 * serving, one leading) and to the first `leading` role seen by the observer, for 3 and 5
 * servers, several runs each. Image builds are done before and not timed.
 *
 *   node dist/bench/ensemble-bench.js [--runs N]
 */


async function once(docker: Awaited<ReturnType<typeof connectDocker>>["docker"], size: EnsembleSize, image: string): Promise<{ serving: number; firstLeading: number }> {
  const runId = `bench-${randomBytes(3).toString("hex")}`;
  const dir = mkdtempSync(join(tmpdir(), "sb-bench-"));
  const startedAt = new Date();
  const history = HistoryWriter.create(join(dir, "history.jsonl"), { run: runId, scenario: "bench", seed: 0, startedAt: startedAt.toISOString() });
  let firstLeading = Number.NaN;
  history.subscribe((e) => {
    if (e.type === "zk-role" && (e as { role?: string }).role === "leading" && Number.isNaN(firstLeading)) firstLeading = e.t;
  });
  const run = await DockerRun.open(docker, currentOwner(runId));
  const t0 = history.now();
  try {
    const observed = await startObservedEnsemble({
      run,
      spec: { ...DEFAULT_ENSEMBLE, size },
      image,
      history,
      logsDir: dir,
      quorumTimeoutMs: 120_000,
      observeIntervalMs: 100,
      progress: () => undefined,
      signal: new AbortController().signal,
    });
    const serving = history.now() - t0;
    // The observer polls on its own clock: give it a moment to record the leader it sees.
    for (let i = 0; i < 50 && Number.isNaN(firstLeading); i++) await new Promise((r) => setTimeout(r, 100));
    await observed.stop();
    return { serving, firstLeading: firstLeading - t0 };
  } finally {
    await run.teardown();
    history.close();
  }
}

async function main(): Promise<void> {
  const runs = Number(argValue("--runs") ?? "5");
  const { docker, engine } = await connectDocker();
  const version = packageVersion();
  await ensureImages(docker, [IMAGES.zookeeper], version, { progress: (m) => console.error(m), buildArgs: hostBuildArgs(process.env) });
  const image = imageTag(IMAGES.zookeeper, version);
  console.log(`splitbrain ensemble bring-up: ${cpus().length} cores, Node ${process.versions.node}, Docker ${engine.version}, ${runs} runs each, observer polling every 100 ms`);
  console.log("| servers | serving quorum: median (min-max) | first `leading` seen: median (min-max) |");
  console.log("|---|---|---|");
  for (const size of [3, 5] as const) {
    const serving: number[] = [];
    const leading: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await once(docker, size, image);
      serving.push(r.serving);
      leading.push(r.firstLeading);
      console.error(`  ${size} servers, run ${i + 1}: serving after ${(r.serving / 1000).toFixed(2)} s, first leading at ${(r.firstLeading / 1000).toFixed(2)} s`);
    }
    const f = (xs: number[]): string => `${(median(xs) / 1000).toFixed(2)} s (${(Math.min(...xs) / 1000).toFixed(2)}-${(Math.max(...xs) / 1000).toFixed(2)})`;
    console.log(`| ${size} | ${f(serving)} | ${f(leading)} |`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
