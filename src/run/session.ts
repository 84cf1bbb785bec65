import { join } from "node:path";
import { LeadershipView } from "../candidates/leadership-view.js";
import { RoleReports } from "../candidates/role-reports.js";
import { candidateIds } from "../candidates/fleet.js";
import { capabilitiesOf, leaderSource, type CandidateChoice } from "../candidates/registry.js";
import { observerInfo, ObserverSet } from "../candidates/observers/observe.js";
import { CLIENT_PORT } from "../cluster/spec.js";
import { ClusterFixture } from "./cluster-fixture.js";
import { waitUntilReady } from "./ready-wait.js";
import type { Candidate } from "../candidates/runner.js";
import { checkHistory, type HistoryCheck } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "../checkers/types.js";
import type { Ensemble } from "../cluster/ensemble.js";
import type { EnsembleSpec } from "../cluster/spec.js";
import type { ZkRole } from "../cluster/srvr.js";
import { directoryOf } from "../faults/directory.js";
import type { NodeDirectory } from "../faults/nodes.js";
import { HistoryWriter } from "../history/writer.js";
import type { AnyEvent, KnownEvent } from "../history/events.js";
import { createRunDir, newRunId, type RunDir } from "../report/run-dir.js";
import { writeRunJson, type RunJson, type RunRecord } from "../report/run-json.js";
import { connectRuntime } from "../runtime/connect.js";
import type { EngineInfo, RunScope, TeardownReport } from "../runtime/types.js";
import { currentOwner } from "../runtime/labels.js";
import { IMAGES, imageTag, type ImageDef } from "../runtime/images.js";
import type { WriteMode } from "../history/events.js";
import { startWitnessContainer, witnessAddress } from "./witness-container.js";
import { startWriterContainer } from "./writer-container.js";

export interface CandidatesConfig {
  choice: CandidateChoice;
  count: number;
  sessionTimeoutMs: number;
  electionPath: string;
  /** Extra environment for every candidate (e.g. SB_WINDOW_MS scaled with the run). */
  extraEnv?: Record<string, string>;
  /** Bind mounts into every candidate ("host:container[:ro]"). */
  binds?: string[];
  /** --candidate-env as given (recorded for replay; already part of extraEnv). */
  candidateEnv?: Record<string, string>;
  /** How long the bring-up window may last before the run is inconclusive (observed candidates). */
  readyTimeoutMs?: number;
}

/** The fault id and kind of the bring-up window. */
export const BRING_UP = "bring-up";

export interface SessionOptions {
  env: NodeJS.ProcessEnv;
  version: string;
  /** Names the run directory and the history header. */
  scenario: string;
  seed: number;
  spec: EnsembleSpec;
  zkImage?: string;
  candidates?: CandidatesConfig;
  /**
   * --witness: start the witness in this mode on the run's network (host name `witness`, from
   * the candidate-node image), record its decisions as `write` events, and give every candidate
   * SB_WITNESS. Only with candidates.
   */
  witness?: WriteMode;
  /** Whether faults will need the NET_ADMIN helper image. */
  needNetutil: boolean;
  runsRoot: string;
  out?: string;
  keep: boolean;
  quorumTimeoutMs: number;
  observeIntervalMs: number;
  buildArgs?: Record<string, string>;
  /** More fields for run.json and the history header (resolved config, schedule ...). */
  record?: RunRecord;
  /**
   * When the run is over (checked, torn down): more fields for run.json (what was executed),
   * which then gets the timings too. Without it, run.json stays as written at the start.
   */
  recordAtEnd?: () => Pick<RunJson, "executed">;
  check?: Partial<CheckOptions>;
  progress: (message: string) => void;
  signal: AbortSignal;
  onReady?: (info: ReadyInfo) => void;
  /** The history exists: its clock and where it is (for live views). */
  onRunStarted?: (info: { runId: string; runDir: string; servers: string[]; candidates: string[]; now: () => number }) => void;
  /** Every event appended to the history. */
  onEvent?: (event: KnownEvent | AnyEvent) => void;
  /** The cluster is up (the body is about to start): lets the next run's bring-up through. */
  onBroughtUp?: () => void;
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

/** A live cluster handed to the session's body. */
export interface Cluster {
  runId: string;
  dir: RunDir;
  run: RunScope;
  ensemble: Ensemble;
  fleet: Candidate[];
  nodes: NodeDirectory;
  history: HistoryWriter;
  leadership: LeadershipView;
  netutilImage: string;
  progress: (message: string) => void;
  signal: AbortSignal;
}

export interface Timings {
  bringUpMs: number;
  bodyMs: number;
  teardownMs: number;
  checkMs: number;
}

export interface SessionResult<T> {
  runId: string;
  runDir: string;
  history: string;
  teardown: TeardownReport | "kept";
  /** The checkers' verdict, when candidates ran. */
  check?: HistoryCheck;
  body: T;
  engine: EngineInfo;
  timings: Timings;
}

/**
 * One run on a fresh cluster: images (built if missing), run directory, history, network,
 * ensemble with role observer, candidates; then `body`; then, always, candidates stopped,
 * observer stopped, every container and network removed (unless `keep`) and the history closed.
 * With candidates, the history is checked at the end.
 */
export async function runSession<T>(options: SessionOptions, body: (cluster: Cluster) => Promise<T>): Promise<SessionResult<T>> {
  const runtime = await connectRuntime(options.env);
  const engine = runtime.engine;
  options.signal.throwIfAborted();
  const toBuild: ImageDef[] = [];
  if (options.zkImage !== undefined) await runtime.requireImage(options.zkImage, options.progress);
  else toBuild.push(IMAGES.zookeeper);
  if (options.needNetutil) toBuild.push(IMAGES.netutil);
  const choice = options.candidates?.choice;
  if (choice?.kind === "image") await runtime.requireImage(choice.image.ref, options.progress);
  else if (choice !== undefined && !toBuild.includes(IMAGES[choice.image.builtIn])) toBuild.push(IMAGES[choice.image.builtIn]);
  const witnessMode = options.candidates !== undefined ? options.witness : undefined;
  if (witnessMode !== undefined && !toBuild.includes(IMAGES["candidate-node"])) toBuild.push(IMAGES["candidate-node"]);
  await runtime.ensureImages(toBuild, options.version, {
    progress: options.progress,
    ...(options.buildArgs !== undefined ? { buildArgs: options.buildArgs } : {}),
  });
  const zkImage = options.zkImage ?? imageTag(IMAGES.zookeeper, options.version);
  const netutilImage = imageTag(IMAGES.netutil, options.version);
  const witnessImage = witnessMode === undefined ? undefined : imageTag(IMAGES["candidate-node"], options.version);
  const candidateImage =
    choice === undefined ? undefined : choice.kind === "image" ? choice.image.ref : imageTag(IMAGES[choice.image.builtIn], options.version);
  options.signal.throwIfAborted();

  const startedAt = new Date();
  const runId = newRunId(startedAt);
  const dir = createRunDir({ root: options.runsRoot, scenario: options.scenario, startedAt, runId, ...(options.out !== undefined ? { out: options.out } : {}) });
  const observe = choice?.observe ?? [];
  const { header, runJson } = runRecords(options, { runId, startedAt, engine, images: { zookeeper: zkImage, netutil: netutilImage, candidate: candidateImage ?? null, ...(witnessImage !== undefined ? { witness: witnessImage } : {}) } });
  const history = HistoryWriter.create(dir.history, header);
  const runJsonPath = join(dir.path, "run.json");
  await writeRunJson(runJsonPath, runJson);
  const leadership = new LeadershipView(choice !== undefined ? leaderSource(choice) : undefined);
  history.subscribe((e) => leadership.observe(e));
  const roleReports = new RoleReports();
  history.subscribe((e) => roleReports.observe(e));
  if (options.onEvent !== undefined) history.subscribe(options.onEvent);
  options.onRunStarted?.({
    runId,
    runDir: dir.path,
    servers: Array.from({ length: options.spec.size }, (_, i) => `zk${i + 1}`),
    candidates: Array.from({ length: options.candidates?.count ?? 0 }, (_, i) => `c${i + 1}`),
    now: () => history.now(),
  });

  // Bring-up (the ensemble forming, the candidates' containers starting and, for a service
  // watched from outside, its own start-up) is not held against the candidates: it is a fault
  // in which no leader is expected, from the start of the history.
  let bringUpOpen = options.candidates !== undefined;
  if (bringUpOpen) history.record({ node: "nemesis", type: "fault", id: BRING_UP, fault: BRING_UP, targets: [], expectLeader: false });
  const endBringUp = (): void => {
    if (!bringUpOpen) return;
    bringUpOpen = false;
    history.record({ node: "nemesis", type: "heal", id: BRING_UP });
  };

  const timings: Timings = { bringUpMs: 0, bodyMs: 0, teardownMs: 0, checkMs: 0 };
  const t0 = Date.now();
  let teardown: TeardownReport | "kept" = { containers: 0, networks: 0, failures: [] };
  let fleet: Candidate[] = [];
  let observers: ObserverSet | undefined;
  let result: T;
  // Whatever happens: observers, candidates and ensemble stopped, then the run torn down (or
  // kept) and the history closed. A plain try/finally rather than `await using`, so that an
  // error while tearing down replaces the body's as it always did (no SuppressedError).
  const cluster = new ClusterFixture(async (run) => {
    const tt = Date.now();
    if (options.keep && !options.signal.aborted) {
      teardown = "kept";
      options.progress(`--keep: containers left running on network sb-${runId}; remove them with \`splitbrain gc\` once this process has exited`);
    } else {
      options.progress("tearing down");
      teardown = run !== undefined ? await run.teardown() : await runtime.removeRun(runId);
      if (teardown.failures.length > 0) options.progress(`teardown could not remove: ${teardown.failures.join("; ")} (run \`splitbrain gc\`)`);
    }
    timings.teardownMs = Date.now() - tt;
    if (!history.closed) {
      endBringUp(); // interrupted or failed during bring-up: the history still closes the window
      history.record({ node: "splitbrain", type: "log", msg: teardown === "kept" ? "containers kept" : `teardown removed ${teardown.containers} container(s), ${teardown.networks} network(s)` });
      history.close();
    }
  });
  try {
    const run = await cluster.openRun(() => runtime.openRun(currentOwner(runId)));
    options.progress(`run ${runId}: network ${run.network}; starting ${options.spec.size} ZooKeeper server(s) from ${zkImage}`);
    const observed = await cluster.startEnsemble({
      spec: options.spec,
      image: zkImage,
      history,
      logsDir: dir.logs,
      quorumTimeoutMs: options.quorumTimeoutMs,
      observeIntervalMs: options.observeIntervalMs,
      progress: options.progress,
      signal: options.signal,
    });
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
      const ensemble = observed.ensemble;
      const network = run.network;
      const watched = observe.length > 0 || choice?.readyCommand !== undefined;
      if (observe.length > 0) {
        observers = new ObserverSet({
          specs: observe,
          candidates: candidateIds(c.count),
          history,
          network,
          // The harness reaches the servers at their current addresses (they change when rebuilt).
          zkConnect: () => {
            const ips = ensemble.servers.filter((sv) => sv.ip !== undefined).map((sv) => `${sv.ip}:${CLIENT_PORT}`);
            return ips.length > 0 ? ips.join(",") : undefined;
          },
          signal: options.signal,
        });
        cluster.watchWith(observers);
      }
      const obs = observers;
      if (witnessMode !== undefined && witnessImage !== undefined) {
        const witness = await startWitnessContainer({ run, mode: witnessMode, image: witnessImage, history, logsDir: dir.logs, progress: options.progress, signal: options.signal });
        cluster.withWitness(witness);
      }
      const extra = { ...(c.extraEnv ?? {}), ...(witnessMode !== undefined ? { SB_WITNESS: witnessAddress() } : {}) };
      fleet = await cluster.startFleet({
        count: c.count,
        image: candidateImage,
        ...(choice?.cmd !== undefined ? { cmd: choice.cmd } : {}),
        env: {
          zk: observed.ensemble.connectString,
          electionPath: c.electionPath,
          sessionTimeoutMs: c.sessionTimeoutMs,
          ...(choice?.bug !== undefined ? { bug: choice.bug } : {}),
          ...(Object.keys(extra).length > 0 ? { extra } : {}),
          ...(c.binds !== undefined ? { binds: c.binds } : {}),
        },
        history,
        logsDir: dir.logs,
        progress: options.progress,
        signal: options.signal,
        ...(choice?.protocol === false ? { protocol: false } : {}),
        ...(obs !== undefined ? { onLine: (node: string, line: string) => obs.line(node, line) } : {}),
      });
      // A protocol candidate's first election counts from here: for kinds that report a role as
      // soon as they start, from when every one has (a JVM on a busy machine, or under
      // libfaketime, takes seconds to say anything). An observed service's own start-up
      // (PostgreSQL's initdb, Patroni's first election) is waited out below, first leader included.
      if (!watched) {
        if (choice !== undefined && capabilitiesOf(choice).reportsRoleAtStart === true) {
          const nodes = fleet.map((f) => f.node);
          await waitUntilReady(async () => roleReports.awaited(nodes), { timeoutMs: c.readyTimeoutMs ?? choice?.readyTimeoutMs ?? 180_000, everyMs: 100, signal: options.signal });
        }
        endBringUp();
      } else {
        observers?.start(fleet);
        const readyCommand = choice?.readyCommand;
        const timeout = c.readyTimeoutMs ?? choice?.readyTimeoutMs ?? 180_000;
        options.progress(`waiting for the candidates to be ready and a first leader (${observe.length} observer(s), up to ${Math.round(timeout / 1000)} s)`);
        const waitStarted = Date.now();
        const blocker = async (): Promise<string | undefined> => {
          const silent = observers?.silent();
          if (silent !== undefined) return silent;
          if (leadership.leaders().length === 0) return `no leader seen yet by ${leaderSource(choice as CandidateChoice)}`;
          if (readyCommand === undefined) return undefined;
          for (const cand of fleet) {
            const r = await cand.handle.exec(readyCommand, { timeoutMs: 5000 }).catch((err: unknown) => ({ exitCode: -1, stdout: "", stderr: (err as Error).message }));
            if (r.exitCode !== 0) return `ready command ${readyCommand.join(" ")} on ${cand.node}: exit code ${r.exitCode}${r.stderr.trim() !== "" ? ` (${r.stderr.trim().split("\n")[0]})` : ""}`;
          }
          return undefined;
        };
        await waitUntilReady(blocker, { timeoutMs: timeout, everyMs: 200, signal: options.signal });
        endBringUp();
        options.progress(`candidates ready, leader ${leadership.leaders().join(", ")} (bring-up ${((Date.now() - waitStarted) / 1000).toFixed(1)} s)`);
      }
      if (choice?.writer !== undefined) {
        const writer = await startWriterContainer({ run, image: candidateImage, members: candidateIds(c.count), history, logsDir: dir.logs, progress: options.progress });
        cluster.withWriter({ stop: () => writer.stop(options.signal.aborted) });
      }
    }
    timings.bringUpMs = Date.now() - t0;
    options.onBroughtUp?.();
    const tb = Date.now();
    try {
      result = await body({
        runId,
        dir,
        run,
        ensemble: observed.ensemble,
        fleet,
        nodes: directoryOf(observed.ensemble, fleet, run.network),
        history,
        leadership,
        netutilImage,
        progress: options.progress,
        signal: options.signal,
      });
    } finally {
      timings.bodyMs = Date.now() - tb;
    }
  } finally {
    await cluster[Symbol.asyncDispose]();
  }
  const out: SessionResult<T> = { runId, runDir: dir.path, history: dir.history, teardown, body: result, engine, timings };
  if (options.candidates !== undefined) {
    const tc = Date.now();
    out.check = await checkHistory(dir.history, { ...DEFAULT_CHECK_OPTIONS, ...options.check });
    timings.checkMs = Date.now() - tc;
  }
  if (options.recordAtEnd !== undefined) await writeRunJson(runJsonPath, { ...runJson, ...options.recordAtEnd(), timings });
  return out;
}

/**
 * The history header and run.json of a run, as `runSession` writes them (pure). The header
 * names the engine by its version; run.json has the whole engine and the images.
 */
export function runRecords(
  options: Pick<SessionOptions, "version" | "scenario" | "seed" | "spec" | "candidates" | "observeIntervalMs" | "check" | "record" | "witness">,
  run: { runId: string; startedAt: Date; engine: EngineInfo; images: RunJson["images"] },
): { header: Omit<RunJson, "engine" | "images"> & { engine: string }; runJson: RunJson } {
  const choice = options.candidates?.choice;
  const observe = choice?.observe ?? [];
  const config: RunJson["config"] = {
    ensemble: options.spec,
    zkImage: run.images.zookeeper,
    candidates: options.candidates === undefined ? null : { ...options.candidates, image: run.images.candidate ?? undefined },
    observeIntervalMs: options.observeIntervalMs,
    check: { ...DEFAULT_CHECK_OPTIONS, ...options.check },
    ...(options.candidates !== undefined && options.witness !== undefined ? { witness: options.witness } : {}),
  };
  const header = {
    ...(choice !== undefined && observe.length > 0 ? { observers: observerInfo(observe), leaderSource: leaderSource(choice) } : {}),
    run: run.runId,
    scenario: options.scenario,
    seed: options.seed,
    startedAt: run.startedAt.toISOString(),
    splitbrain: options.version,
    engine: run.engine.version,
    config,
    ...(options.record ?? {}),
  };
  return { header, runJson: { ...header, engine: run.engine, images: run.images } };
}
