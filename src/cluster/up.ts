import { join } from "node:path";
import { HistoryWriter } from "../history/writer.js";
import { createRunDir, newRunId, writeJson } from "../report/run-dir.js";
import { connectDocker } from "../runtime/docker/client.js";
import { ensureImages, requireImage } from "../runtime/docker/image-builder.js";
import { currentOwner } from "../runtime/docker/labels.js";
import { DockerRun, removeByLabel, type TeardownReport } from "../runtime/docker/run-scope.js";
import { IMAGES, imageTag, type ImageDef } from "../runtime/images.js";
import type { CandidateChoice } from "../candidates/registry.js";
import { startFleet, stopFleet } from "../candidates/fleet.js";
import type { Candidate } from "../candidates/runner.js";
import { checkHistory, type HistoryCheck } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "../checkers/types.js";
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
  /** Candidates to run against the ensemble; none when undefined. */
  candidates?: {
    choice: CandidateChoice;
    count: number;
    sessionTimeoutMs: number;
    electionPath: string;
  };
  /** Options of the check run at the end when there are candidates. */
  check?: Partial<CheckOptions>;
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
  /** The checkers' verdict over the history, when candidates ran. */
  check?: HistoryCheck;
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
  const toBuild: ImageDef[] = [];
  if (image !== undefined) await requireImage(docker, image, options.progress);
  else toBuild.push(IMAGES.zookeeper);
  const choice = options.candidates?.choice;
  if (choice?.kind === "image") await requireImage(docker, choice.image.ref, options.progress);
  else if (choice !== undefined) toBuild.push(IMAGES[choice.image.builtIn]);
  const built = await ensureImages(docker, toBuild, options.version, {
    progress: options.progress,
    ...(options.buildArgs !== undefined ? { buildArgs: options.buildArgs } : {}),
  });
  image ??= built.get("zookeeper")?.tag ?? imageTag(IMAGES.zookeeper, options.version);
  const candidateImage =
    choice === undefined ? undefined : choice.kind === "image" ? choice.image.ref : imageTag(IMAGES[choice.image.builtIn], options.version);
  options.signal.throwIfAborted();

  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const dir = createRunDir({ root: options.runsRoot, scenario: "ensemble", startedAt, runId, ...(options.out !== undefined ? { out: options.out } : {}) });
  const config = {
    ensemble: options.spec,
    zkImage: image,
    candidates: options.candidates === undefined ? null : { ...options.candidates, image: candidateImage },
    observeIntervalMs: options.observeIntervalMs,
    durationMs: options.durationMs ?? null,
  };
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
  let fleet: Candidate[] = [];
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
      if (options.candidates !== undefined && candidateImage !== undefined) {
        const c = options.candidates;
        fleet = await startFleet({
          run,
          count: c.count,
          image: candidateImage,
          ...(choice?.kind !== "image" && choice?.cmd !== undefined ? { cmd: choice.cmd } : {}),
          env: {
            zk: observed.ensemble.connectString,
            electionPath: c.electionPath,
            sessionTimeoutMs: c.sessionTimeoutMs,
            ...(choice?.bug !== undefined ? { bug: choice.bug } : {}),
          },
          history,
          logsDir: dir.logs,
          progress: options.progress,
          signal: options.signal,
        });
      }
      if (options.durationMs !== undefined) await sleep(options.durationMs, options.signal);
      else await new Promise((_, reject) => options.signal.addEventListener("abort", () => reject(options.signal.reason as Error), { once: true }));
    } finally {
      await stopFleet(fleet);
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
  const result: UpResult = { runId, runDir: dir.path, history: dir.history, teardown };
  if (options.candidates !== undefined) result.check = await checkHistory(dir.history, { ...DEFAULT_CHECK_OPTIONS, ...options.check });
  return result;
}
