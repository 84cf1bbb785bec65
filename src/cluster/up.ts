import { join } from "node:path";
import { HistoryWriter } from "../history/writer.js";
import { createRunDir, newRunId, writeJson } from "../report/run-dir.js";
import { connectDocker } from "../runtime/docker/client.js";
import { ensureImages, requireImage } from "../runtime/docker/image-builder.js";
import { currentOwner } from "../runtime/docker/labels.js";
import { DockerRun, removeByLabel, type TeardownReport } from "../runtime/docker/run-scope.js";
import { IMAGES, imageTag } from "../runtime/images.js";
import { sleep } from "../util/sleep.js";
import { startObservedEnsemble } from "./ensemble-session.js";
import type { EnsembleSpec } from "./spec.js";
import type { ZkRole } from "./srvr.js";

export interface UpOptions {
  env: NodeJS.ProcessEnv;
  version: string;
  spec: EnsembleSpec;
  /** A ZooKeeper image of the user's (e.g. the official zookeeper:3.8); default splitbrain's. */
  zkImage?: string;
  /** How long to keep the ensemble up; until the signal aborts when undefined. */
  durationMs?: number;
  runsRoot: string;
  out?: string;
  keep: boolean;
  quorumTimeoutMs: number;
  observeIntervalMs: number;
  buildArgs?: Record<string, string>;
  progress: (message: string) => void;
  signal: AbortSignal;
  onReady?: (info: ReadyInfo) => void;
}

export interface ReadyInfo {
  runId: string;
  runDir: string;
  connectString: string;
  network: string;
  servers: Array<{ name: string; container: string; ip: string | undefined; role: ZkRole | undefined }>;
  formedInMs: number;
  leader: string | undefined;
}

export interface UpResult {
  runId: string;
  runDir: string;
  history: string;
  teardown: TeardownReport | "kept";
}

/**
 * Brings up a ZooKeeper ensemble in Docker for a run: images (built if missing), network,
 * servers, role observer and log files, then holds it until the duration ends or the signal
 * aborts, and always tears it down (unless `keep`).
 */
export async function bringUpEnsemble(options: UpOptions): Promise<UpResult> {
  const { docker, engine } = await connectDocker(options.env);
  options.signal.throwIfAborted();
  let image = options.zkImage;
  if (image !== undefined) await requireImage(docker, image, options.progress);
  else {
    const built = await ensureImages(docker, [IMAGES.zookeeper], options.version, {
      progress: options.progress,
      ...(options.buildArgs !== undefined ? { buildArgs: options.buildArgs } : {}),
    });
    image = built.get("zookeeper")?.tag ?? imageTag(IMAGES.zookeeper, options.version);
  }
  options.signal.throwIfAborted();

  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const dir = createRunDir({ root: options.runsRoot, scenario: "ensemble", startedAt, runId, ...(options.out !== undefined ? { out: options.out } : {}) });
  const config = { ensemble: options.spec, zkImage: image, observeIntervalMs: options.observeIntervalMs, durationMs: options.durationMs ?? null };
  const history = HistoryWriter.create(dir.history, {
    run: runId,
    scenario: "ensemble",
    seed: 0,
    startedAt: startedAt.toISOString(),
    splitbrain: options.version,
    engine: engine.version,
    config,
  });
  writeJson(join(dir.path, "run.json"), { run: runId, scenario: "ensemble", seed: 0, startedAt: startedAt.toISOString(), splitbrain: options.version, engine, config });
  const owner = currentOwner(runId);
  let run: DockerRun | undefined;
  let teardown: TeardownReport | "kept" = { containers: 0, networks: 0, failures: [] };
  try {
    run = await DockerRun.open(docker, owner);
    options.progress(`run ${runId}: network ${run.network}; starting ${options.spec.size} ZooKeeper server(s) from ${image}`);
    const t0 = Date.now();
    const observed = await startObservedEnsemble({
      run,
      spec: options.spec,
      image,
      history,
      logsDir: dir.logs,
      quorumTimeoutMs: options.quorumTimeoutMs,
      observeIntervalMs: options.observeIntervalMs,
      progress: options.progress,
      signal: options.signal,
    });
    try {
      const formedInMs = Date.now() - t0;
      const q = await observed.ensemble.statuses();
      history.record({ node: "splitbrain", type: "log", msg: `ensemble serving after ${formedInMs} ms; leader ${q.leader ?? "none"}` });
      options.progress(`ensemble serving (${q.serving}/${options.spec.size} servers, leader ${q.leader ?? "?"}, ${(formedInMs / 1000).toFixed(1)} s)`);
      options.onReady?.({
        runId,
        runDir: dir.path,
        connectString: observed.ensemble.connectString,
        network: run.network,
        servers: observed.ensemble.servers.map((s) => ({ name: s.spec.name, container: s.container.name, ip: s.ip, role: q.statuses.get(s.spec.name)?.role })),
        formedInMs,
        leader: q.leader,
      });
      if (options.durationMs !== undefined) await sleep(options.durationMs, options.signal);
      else await new Promise((_, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason as Error), { once: true }));
    } finally {
      await observed.stop();
    }
  } finally {
    if (options.keep && !options.signal.aborted) {
      teardown = "kept";
      options.progress(`--keep: containers left running on network sb-${runId}; remove them with \`splitbrain gc\` once this process has exited`);
    } else {
      options.progress("tearing down");
      teardown = run !== undefined ? await run.teardown() : await removeByLabel(docker, runId);
      if (teardown.failures.length > 0) options.progress(`teardown could not remove: ${teardown.failures.join("; ")} (run \`splitbrain gc\`)`);
    }
    if (!history.closed) {
      history.record({ node: "splitbrain", type: "log", msg: teardown === "kept" ? "containers kept" : `teardown removed ${teardown.containers} container(s), ${teardown.networks} network(s)` });
      history.close();
    }
  }
  return { runId, runDir: dir.path, history: dir.history, teardown };
}
