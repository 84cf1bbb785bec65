import { join } from "node:path";
import type { HistoryWriter } from "../history/writer.js";
import type { Container } from "../runtime/types.js";
import { LABEL_NODE, LABEL_ROLE } from "../runtime/labels.js";
import type { RunScope } from "../runtime/types.js";
import { eachLine, NodeLog } from "../runtime/log-sink.js";
import { parseCandidateLine } from "./protocol.js";

/** The protocol environment (docs/contracts.md, candidate protocol v1). */
export interface CandidateEnv {
  zk: string;
  electionPath: string;
  sessionTimeoutMs: number;
  bug?: string;
  extra?: Record<string, string>;
  /** Bind mounts into every candidate (e.g. Curator jars at /opt/curator-override). */
  binds?: string[];
}

export interface CandidateOptions {
  run: RunScope;
  node: string;
  image: string;
  cmd?: string[];
  env: CandidateEnv;
  history: HistoryWriter;
  logsDir: string;
  /** Malformed protocol lines and other oddities, for the progress output. */
  onWarning?: (message: string) => void;
  /** Whether stdout carries the candidate protocol (default true); false: every line is output. */
  protocol?: boolean;
  /** Every line the process prints, stdout and stderr (log observers). */
  onLine?: (node: string, line: string) => void;
}

const TAIL = 30;

/**
 * One candidate process in its container. Its stdout becomes history events (protocol v1, `t`
 * stamped on receipt), everything else goes to logs/<node>.log. It records `up` when it starts
 * and `down` when the process ends, however it ends.
 */
export class Candidate {
  private readonly startedListeners = new Set<() => Promise<void>>();
  private container: Container | undefined;
  private readonly log: NodeLog;
  private readonly tail: string[] = [];
  private exitWatch: Promise<number> | undefined;
  private downReason: string | undefined;
  private alive = false;
  private gen = 0;

  constructor(private readonly options: CandidateOptions) {
    this.log = new NodeLog(join(options.logsDir, `${options.node}.log`));
  }

  get node(): string {
    return this.options.node;
  }

  get running(): boolean {
    return this.alive;
  }

  /** Changes whenever the process starts or ends: an observation that straddles a change is stale. */
  get generation(): number {
    return this.gen;
  }

  get created(): boolean {
    return this.container !== undefined;
  }

  /** The container, once created. */
  get handle(): Container {
    if (this.container === undefined) throw new Error(`candidate ${this.node} has no container yet`);
    return this.container;
  }

  /** The process's last lines of output, for error messages. */
  lastLines(): string[] {
    return [...this.tail];
  }

  /** Creates the container (not started). */
  async create(): Promise<void> {
    const { env } = this.options;
    this.container = await this.options.run.create({
      name: this.options.run.containerName(this.node),
      image: this.options.image,
      hostname: this.node,
      env: {
        SB_NODE: this.node,
        SB_ZK: env.zk,
        SB_ELECTION_PATH: env.electionPath,
        SB_SESSION_TIMEOUT_MS: String(env.sessionTimeoutMs),
        ...(env.bug !== undefined ? { SB_BUG: env.bug } : {}),
        ...(env.extra ?? {}),
      },
      labels: { [LABEL_NODE]: this.node, [LABEL_ROLE]: "candidate" },
      ...(this.options.cmd !== undefined ? { cmd: this.options.cmd } : {}),
      ...(env.binds !== undefined ? { binds: env.binds } : {}),
      init: true,
    });
  }

  /** Calls `listener` each time the container starts (again), before `up` is recorded; returns the unsubscribe. */
  onStarted(listener: () => Promise<void>): () => void {
    this.startedListeners.add(listener);
    return () => this.startedListeners.delete(listener);
  }

  /** Starts (or restarts) the process; records `up`. */
  async start(): Promise<void> {
    const c = this.handle;
    if (this.exitWatch !== undefined) await this.exitWatch;
    const streams = await c.attach();
    const drained = Promise.all([
      eachLine(streams.stdout, (line) => this.onStdout(line)),
      eachLine(streams.stderr, (line) => {
        if (line.trim() === "") return;
        this.remember("stderr", line);
        this.options.onLine?.(this.node, line);
      }),
    ]);
    await c.start();
    this.gen += 1;
    this.alive = true;
    this.downReason = undefined;
    // Faults in force follow the process into its new network namespace before it goes on.
    for (const listener of [...this.startedListeners]) await listener().catch(() => undefined);
    this.options.history.record({ node: this.node, type: "up" });
    this.exitWatch = this.watchExit(c, drained);
  }

  /** Kills the process (SIGKILL by default); resolves once its `down` is recorded. */
  async kill(reason = "killed", signal = "SIGKILL"): Promise<number | undefined> {
    if (!this.alive) return undefined;
    this.downReason = reason;
    await this.handle.kill(signal);
    return this.exitWatch;
  }

  /** Stops the process (SIGTERM, then SIGKILL after `timeoutS`); resolves once `down` is recorded. */
  async stop(reason = "stopped", timeoutS = 5): Promise<number | undefined> {
    if (!this.alive) return undefined;
    this.downReason = reason;
    await this.handle.stop(timeoutS);
    return this.exitWatch;
  }

  async pause(): Promise<void> {
    await this.handle.pause();
  }

  async unpause(): Promise<void> {
    await this.handle.unpause();
  }

  /** Resolves when the current process has ended and its `down` is recorded. */
  async exited(): Promise<number | undefined> {
    return this.exitWatch;
  }

  /** Closes the log file; the container is removed with the run. */
  async close(): Promise<void> {
    await this.log.close();
  }

  private async watchExit(c: Container, drained: Promise<unknown>): Promise<number> {
    let code: number;
    try {
      code = await c.wait();
    } catch (err) {
      code = -1;
      this.log.write("splitbrain", undefined, `waiting for the container failed: ${(err as Error).message}`);
    }
    // Everything the process printed before it ended is recorded before its `down`.
    await Promise.race([drained, new Promise((r) => setTimeout(r, 3000))]);
    this.gen += 1;
    this.alive = false;
    const reason = this.downReason ?? `exited with code ${code}`;
    if (!this.options.history.closed) this.options.history.record({ node: this.node, type: "down", reason });
    this.log.write("splitbrain", undefined, `process ended (${reason}, exit code ${code})`);
    return code;
  }

  private onStdout(line: string): void {
    if (line.trim() === "") return;
    this.options.onLine?.(this.node, line);
    if (this.options.protocol === false) {
      this.remember("stdout", line);
      return;
    }
    const parsed = parseCandidateLine(line);
    if (parsed.kind === "output") {
      this.remember("stdout", line);
      return;
    }
    if (parsed.kind === "malformed") {
      this.remember("stdout", line);
      this.warn(`malformed protocol line ignored: ${parsed.warning}: ${line.slice(0, 200)}`);
      return;
    }
    if (parsed.warning !== undefined) this.warn(parsed.warning);
    this.remember("stdout", line);
    if (this.options.history.closed) return;
    this.options.history.record({ node: this.node, ...parsed.event });
  }

  private warn(message: string): void {
    this.log.write("splitbrain", undefined, `warning: ${message}`);
    this.options.onWarning?.(`${this.node}: ${message}`);
  }

  private remember(stream: "stdout" | "stderr", line: string): void {
    this.log.write(stream, undefined, line);
    this.tail.push(line);
    if (this.tail.length > TAIL) this.tail.shift();
  }
}
