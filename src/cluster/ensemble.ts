import { InconclusiveError } from "../errors/index.js";
import type { Container } from "../runtime/types.js";
import { LABEL_NODE, LABEL_ROLE } from "../runtime/labels.js";
import type { RunScope } from "../runtime/types.js";
import { probeServer } from "./probe.js";
import { CLIENT_PORT, connectString, quorumSize, serversOf, type EnsembleSpec, type ServerSpec } from "./spec.js";
import type { ServerStatus } from "./srvr.js";
import { renderMyId, renderZooCfg } from "./zoo-cfg.js";
import { sleep } from "../util/sleep.js";

export interface EnsembleOptions {
  spec: EnsembleSpec;
  /** The ZooKeeper image: splitbrain's, or the official `zookeeper:3.x`. */
  image: string;
  run: RunScope;
  /** How long the servers may take to form a quorum. */
  quorumTimeoutMs: number;
  onProgress?: (message: string) => void;
  signal?: AbortSignal;
  /** Memory limit per server (MiB). */
  memoryMb?: number;
  /** Called each time a server's container has (re)started, e.g. to follow its log. */
  onStarted?: (ensemble: Ensemble, name: string) => Promise<void>;
}

export interface ServerNode {
  spec: ServerSpec;
  container: Container;
  /** Address on the run's network; refreshed whenever the container (re)starts. */
  ip: string | undefined;
}

export interface QuorumState {
  statuses: Map<string, ServerStatus>;
  serving: number;
  leader: string | undefined;
}

/** A ZooKeeper ensemble running in the run's containers: zk1..zkN, reachable as zkN:2181. */
export class Ensemble {
  private readonly startedListeners = new Set<(name: string) => Promise<void>>();
  private constructor(
    private readonly options: EnsembleOptions,
    readonly servers: ServerNode[],
  ) {}

  get spec(): EnsembleSpec {
    return this.options.spec;
  }

  /** The image the servers run (stand-ins that hold their names use it too). */
  get image(): string {
    return this.options.image;
  }

  get connectString(): string {
    return connectString(this.options.spec);
  }

  /** Creates every server's container (not started yet). */
  static async create(options: EnsembleOptions): Promise<Ensemble> {
    const servers: ServerNode[] = [];
    for (const s of serversOf(options.spec)) {
      options.signal?.throwIfAborted();
      servers.push({ spec: s, container: await createServer(options, s), ip: undefined });
    }
    return new Ensemble(options, servers);
  }

  /** Creates and starts every server, then waits until a quorum serves with one leader. */
  static async start(options: EnsembleOptions): Promise<Ensemble> {
    const ensemble = await Ensemble.create(options);
    await ensemble.startAll();
    await ensemble.waitForQuorum(options.quorumTimeoutMs);
    return ensemble;
  }

  /** Starts every server at once. */
  async startAll(): Promise<void> {
    await Promise.all(this.servers.map((s) => this.startServer(s.spec.name)));
    this.options.onProgress?.(`started ${this.servers.length} ZooKeeper server(s), waiting for a quorum`);
  }

  server(name: string): ServerNode {
    const s = this.servers.find((x) => x.spec.name === name);
    if (s === undefined) throw new Error(`no ZooKeeper server ${name} (have ${this.servers.map((x) => x.spec.name).join(", ")})`);
    return s;
  }

  async status(name: string, timeoutMs = 1000): Promise<ServerStatus> {
    return probeServer(this.server(name).ip, CLIENT_PORT, timeoutMs);
  }

  async statuses(timeoutMs = 1000): Promise<QuorumState> {
    const entries = await Promise.all(this.servers.map(async (s) => [s.spec.name, await this.status(s.spec.name, timeoutMs)] as const));
    const statuses = new Map(entries);
    let serving = 0;
    let leader: string | undefined;
    for (const [name, st] of statuses) {
      if (isServing(st)) serving += 1;
      if (st.role === "leading" || st.role === "standalone") leader = name;
    }
    return { statuses, serving, leader };
  }

  /**
   * Polls every server until all serve with one leader (a clean start), or, once `timeoutMs` has
   * passed, at least a quorum does; with `until: "quorum"`, as soon as a quorum does (the end of
   * an outage). On timeout without a quorum, the error carries the last log lines of every
   * server that was not serving.
   */
  async waitForQuorum(timeoutMs: number, until: "all" | "quorum" = "all"): Promise<QuorumState> {
    const deadline = Date.now() + timeoutMs;
    const need = quorumSize(this.servers.length);
    const enough = until === "all" ? this.servers.length : need;
    let last: QuorumState | undefined;
    for (;;) {
      this.options.signal?.throwIfAborted();
      last = await this.statuses();
      if (last.serving >= enough && last.leader !== undefined) return last;
      if (Date.now() >= deadline) break;
      await sleep(200, this.options.signal);
    }
    if (last.serving >= need && last.leader !== undefined) {
      const missing = [...last.statuses].filter(([, st]) => !isServing(st)).map(([n]) => n);
      this.options.onProgress?.(`quorum serving, but ${missing.join(", ")} did not join within ${Math.round(timeoutMs / 1000)} s`);
      return last;
    }
    const lines: string[] = [];
    for (const s of this.servers) {
      const st = last.statuses.get(s.spec.name);
      if (st !== undefined && isServing(st)) continue;
      const tail = await s.container.lastLines(15);
      lines.push(`--- ${s.spec.name} (${st?.role ?? "unknown"}${st?.error !== undefined ? `: ${st.error}` : ""}), last log lines:`, ...tail.map((l) => `  ${l}`));
    }
    throw new InconclusiveError(
      `the ZooKeeper ensemble did not form a quorum within ${Math.round(timeoutMs / 1000)} s (${last.serving} of ${this.servers.length} serving, ${need} needed)\n${lines.join("\n")}`,
      "Check the server logs above; `splitbrain doctor` checks the engine and images.",
    );
  }

  /**
   * Polls one server until it serves (leading or following), up to `timeoutMs`; then its last
   * status, serving or not (the caller says what not serving means).
   */
  async waitForServer(name: string, timeoutMs: number): Promise<ServerStatus> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      this.options.signal?.throwIfAborted();
      const st = await this.status(name);
      if (isServing(st) || Date.now() >= deadline) return st;
      await sleep(200, this.options.signal);
    }
  }

  /** Starts a server's container (again) and refreshes its address. */
  async startServer(name: string): Promise<void> {
    const s = this.server(name);
    await s.container.start();
    s.ip = await s.container.ip(this.options.run.network);
    // Faults in force first (a partition's rules in the new network namespace), then the observer.
    for (const listener of [...this.startedListeners]) await listener(name);
    await this.options.onStarted?.(this, name);
  }

  /** Calls `listener` with the server's name each time a server starts again; returns the unsubscribe. */
  onServerStarted(listener: (name: string) => Promise<void>): () => void {
    this.startedListeners.add(listener);
    return () => this.startedListeners.delete(listener);
  }

  /** SIGKILL: the process dies at once, its data stays. */
  async killServer(name: string): Promise<void> {
    await this.server(name).container.kill("SIGKILL");
  }

  /** A clean stop; data stays. */
  async stopServer(name: string, timeoutS = 5): Promise<void> {
    await this.server(name).container.stop(timeoutS);
  }

  /**
   * Replaces a server's container by a new one with the same name, id and config but empty
   * /data and /datalog (like Kubernetes emptyDir after a pod is rescheduled). Not started.
   */
  async wipeServer(name: string): Promise<void> {
    const s = this.server(name);
    await s.container.remove();
    this.options.run.forget(s.container);
    s.container = await createServer(this.options, s.spec);
    s.ip = undefined;
  }
}

async function createServer(options: EnsembleOptions, s: ServerSpec): Promise<Container> {
  const cfg = renderZooCfg(options.spec);
  return options.run.create({
    name: options.run.containerName(s.name),
    image: options.image,
    hostname: s.name,
    env: {
      ZOO_MY_ID: String(s.id),
      ZOO_4LW_COMMANDS_WHITELIST: "*",
      ZK_SERVER_HEAP: "256",
      // splitbrain's image waits (up to this long) until every peer's name resolves before it
      // starts, which avoids ZooKeeper keeping a not-yet-resolvable peer for ~10 s at bring-up.
      ZOO_WAIT_FOR_PEERS_SECS: "5",
      JVMFLAGS: "-Xmx256m",
    },
    labels: { [LABEL_NODE]: s.name, [LABEL_ROLE]: "zookeeper" },
    cmd: ["zkServer.sh", "start-foreground"],
    files: [
      { path: "/conf/zoo.cfg", content: cfg },
      { path: "/data/myid", content: renderMyId(s.id) },
    ],
    ...(options.memoryMb !== undefined ? { memoryMb: options.memoryMb } : {}),
  });
}

export function isServing(st: ServerStatus): boolean {
  return st.role === "leading" || st.role === "following" || st.role === "standalone";
}
