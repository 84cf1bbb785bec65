import type { Readable } from "node:stream";
import type { ImageDef } from "./images.js";
import type { RunOwner } from "./labels.js";

/**
 * The runtime seam. Everything in run/, cluster/, candidates/, faults/ and scenarios/ reaches
 * the containers through these interfaces only; the Docker runtime (src/runtime/docker) is one
 * implementation, and a Kubernetes runtime would be another (docs/kubernetes.md).
 */

/** A file written into a container before it starts (zoo.cfg, myid ...). */
export interface FileEntry {
  /** Path inside the container, absolute. */
  path: string;
  content: string | Buffer;
  mode?: number;
  /** Owner uid/gid (default root). */
  uid?: number;
  gid?: number;
}

export interface ContainerSpec {
  /** Engine-wide unique container name. */
  name: string;
  image: string;
  /** Host name and network alias inside the run's network (zk1, c2 ...). */
  hostname?: string;
  env?: Record<string, string>;
  labels: Record<string, string>;
  /** The run's network to join with `hostname` as alias. */
  network?: string;
  /** Share another container's network namespace instead ("container:<id>"). */
  networkMode?: string;
  capAdd?: string[];
  cmd?: string[];
  entrypoint?: string[];
  files?: FileEntry[];
  memoryMb?: number;
  /** Run an init process (tini) so signals reach the program. */
  init?: boolean;
  /** Bind mounts, "host-path:container-path[:ro]". */
  binds?: string[];
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ContainerState {
  status: string;
  running: boolean;
  paused: boolean;
  exitCode: number;
}

/** One container (a pod's container, on Kubernetes) of a run. */
export interface Container {
  readonly id: string;
  readonly name: string;
  readonly spec: ContainerSpec;
  start(): Promise<void>;
  stop(timeoutS?: number): Promise<void>;
  kill(signal?: string): Promise<void>;
  /** Freezes every process (cgroup freezer); no exec starts while frozen. */
  pause(): Promise<void>;
  unpause(): Promise<void>;
  state(): Promise<ContainerState>;
  /** Its address on the run's network (or the named one), undefined while it has none. */
  ip(network?: string): Promise<string | undefined>;
  putFiles(files: readonly FileEntry[]): Promise<void>;
  exec(cmd: string[], options?: { user?: string; timeoutMs?: number }): Promise<ExecResult>;
  logs(options: { follow: boolean; since?: number; tail?: number }): Promise<{ stdout: Readable; stderr: Readable; stop(): void }>;
  attach(): Promise<{ stdout: Readable; stderr: Readable }>;
  /** Resolves with the exit code once the main process ends. */
  wait(): Promise<number>;
  lastLines(lines?: number): Promise<string[]>;
  remove(): Promise<void>;
}

/** A NET_ADMIN shell in one node's network namespace (iptables, tc). */
export interface NetAdmin {
  readonly node: string;
  /** Runs a shell script there. */
  run(script: string, timeoutMs: number): Promise<ExecResult>;
  /** False once the namespace's owner stopped (its rules went with it). */
  alive(): Promise<boolean>;
  /** Removes the helper; the rules it added stay until a script removes them. */
  close(): Promise<void>;
}

export interface TeardownReport {
  containers: number;
  networks: number;
  /** What could not be removed, with the reason; empty when everything is gone. */
  failures: string[];
}

/**
 * Everything one run makes: its network and containers, all labelled with the run id.
 * `teardown()` runs once and removes everything, tolerating partial failure.
 */
export interface RunScope extends AsyncDisposable {
  readonly runId: string;
  /** The run's network, by name. */
  readonly network: string;
  readonly labels: Record<string, string>;
  /** The engine-wide name of a node's container: sb-<run>-<node>. */
  containerName(node: string): string;
  create(spec: Omit<ContainerSpec, "labels" | "network"> & { labels?: Record<string, string> }): Promise<Container>;
  /**
   * A shell with NET_ADMIN in `target`'s network namespace, without touching its image: on
   * Docker a helper container sharing the namespace, on Kubernetes an ephemeral container.
   * `name` tells helpers apart (partition id, "check").
   */
  netAdmin(target: Container, options: { node: string; name: string; image: string }): Promise<NetAdmin>;
  /** Forgets a container that was removed on purpose (e.g. replaced by a new one of the same name). */
  forget(container: Container): void;
  teardown(): Promise<TeardownReport>;
}

export interface EngineInfo {
  endpoint: string;
  version: string;
  apiVersion: string;
  os: string;
  arch: string;
}

export type Progress = (line: string) => void;

/** An engine that runs clusters: images, runs, and the sweep of a run's leftovers. */
export interface Runtime {
  readonly engine: EngineInfo;
  /** Builds splitbrain's own images where missing or stale. */
  ensureImages(defs: readonly ImageDef[], version: string, options: { progress: Progress; buildArgs?: Record<string, string> }): Promise<void>;
  /** Checks that an image the user named is there, pulling it if it can. */
  requireImage(ref: string, progress: Progress): Promise<void>;
  /** Creates the run's network; nothing else exists yet. */
  openRun(owner: RunOwner): Promise<RunScope>;
  /** Removes whatever still carries the run's label (when the run never opened, or as a last sweep). */
  removeRun(runId: string): Promise<TeardownReport>;
}
