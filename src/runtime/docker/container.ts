import { PassThrough, type Readable } from "node:stream";
import type Docker from "dockerode";
import { sleep } from "../../util/sleep.js";
import { isNotFound } from "./client.js";
import type { Container, ContainerSpec, ContainerState, ExecResult, FileEntry } from "../types.js";
import { tarOf } from "./tar.js";

export type { ContainerSpec, ContainerState, ExecResult } from "../types.js";

/** How long pause() waits for execs under way before it freezes anyway. */
const PAUSE_WAITS_FOR_EXECS_MS = 10_000;

/** One container of a run. All operations tolerate what Docker says about an already gone one where that is harmless. */
export class ContainerHandle implements Container {
  /** Paused by the harness: no exec may start (it would hang in the engine). */
  private paused = false;
  private execsUnderWay = 0;

  constructor(
    private readonly docker: Docker,
    readonly id: string,
    readonly name: string,
    readonly spec: ContainerSpec,
  ) {}

  private get container(): Docker.Container {
    return this.docker.getContainer(this.id);
  }

  async start(): Promise<void> {
    await this.container.start();
  }

  /** SIGTERM, then SIGKILL after `timeoutS`. A paused container is thawed first. */
  async stop(timeoutS = 10): Promise<void> {
    await this.thaw();
    try {
      await this.container.stop({ t: timeoutS });
    } catch (err) {
      if (!isNotModified(err)) throw err;
    }
  }

  /** Sends a signal (SIGKILL by default). A paused container is thawed first: Docker refuses to signal it. */
  async kill(signal = "SIGKILL"): Promise<void> {
    await this.thaw();
    try {
      await this.container.kill({ signal });
    } catch (err) {
      if (!isNotRunning(err)) throw err;
    }
  }

  private async thaw(): Promise<void> {
    try {
      const info = await this.container.inspect();
      if (info.State.Paused) await this.container.unpause();
      this.paused = false;
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /**
   * Freezes the container (cgroup freezer). First no new exec may start and those under way
   * finish (up to 10 s): an exec the engine created before the freeze and starts after it
   * never returns, and Docker 20.10 then hangs every call about the container (unpause
   * included) until the cgroup is thawed by hand.
   */
  async pause(): Promise<void> {
    this.paused = true;
    await this.execsSettled(PAUSE_WAITS_FOR_EXECS_MS);
    try {
      await this.container.pause();
    } catch (err) {
      this.paused = false; // not frozen after all: execs may start again
      throw err;
    }
  }

  async unpause(): Promise<void> {
    await this.container.unpause();
    this.paused = false;
  }

  /** Resolves once no exec is under way, or after `ms`. */
  private async execsSettled(ms: number): Promise<void> {
    const deadline = Date.now() + ms;
    while (this.execsUnderWay > 0 && Date.now() < deadline) await sleep(20);
  }

  async state(): Promise<ContainerState> {
    const info = await this.container.inspect();
    return {
      status: info.State.Status,
      running: info.State.Running,
      paused: info.State.Paused,
      exitCode: info.State.ExitCode,
    };
  }

  /** The container's address on a network (its only one when not named). */
  async ip(network?: string): Promise<string | undefined> {
    const info = await this.container.inspect();
    const nets = info.NetworkSettings.Networks;
    const entry = network !== undefined ? nets[network] : Object.values(nets)[0];
    const ip = entry?.IPAddress;
    return ip === undefined || ip === "" ? undefined : ip;
  }

  async putFiles(files: readonly FileEntry[]): Promise<void> {
    if (files.length === 0) return;
    await this.container.putArchive(await tarOf(files), { path: "/" });
  }

  /**
   * Runs a command inside the running container and collects its output. Refused at once while
   * the harness has the container paused (see pause()).
   */
  async exec(cmd: string[], options: { user?: string; timeoutMs?: number } = {}): Promise<ExecResult> {
    if (this.paused) throw new Error(`${this.name} is paused`);
    this.execsUnderWay += 1;
    try {
      return await this.execUnpaused(cmd, options);
    } finally {
      this.execsUnderWay -= 1;
    }
  }

  private async execUnpaused(cmd: string[], options: { user?: string; timeoutMs?: number }): Promise<ExecResult> {
    const exec = await this.container.exec({
      Cmd: cmd,
      AttachStdout: true,
      AttachStderr: true,
      ...(options.user !== undefined ? { User: options.user } : {}),
    });
    const stream = await exec.start({ hijack: true, stdin: false });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    stdout.on("data", (c: Buffer) => out.push(c));
    stderr.on("data", (c: Buffer) => err.push(c));
    this.docker.modem.demuxStream(stream, stdout, stderr);
    await new Promise<void>((resolve, reject) => {
      const timer =
        options.timeoutMs !== undefined
          ? setTimeout(() => {
              stream.destroy();
              reject(new Error(`exec ${cmd.join(" ")} in ${this.name} took longer than ${options.timeoutMs} ms`));
            }, options.timeoutMs)
          : undefined;
      stream.on("end", () => {
        clearTimeout(timer);
        resolve();
      });
      stream.on("error", (e) => {
        clearTimeout(timer);
        reject(e);
      });
    });
    const info = await exec.inspect();
    return { exitCode: info.ExitCode ?? -1, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8") };
  }

  /**
   * The container's output as a stream of lines "<RFC3339 timestamp> <text>", stdout and stderr
   * separately. With `follow`, it goes on until the container stops.
   */
  async logs(options: { follow: boolean; since?: number; tail?: number }): Promise<{ stdout: Readable; stderr: Readable; stop(): void }> {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const common = {
      stdout: true,
      stderr: true,
      timestamps: true,
      ...(options.since !== undefined ? { since: options.since } : {}),
      ...(options.tail !== undefined ? { tail: options.tail } : {}),
    };
    if (options.follow) {
      const raw = await this.container.logs({ ...common, follow: true });
      this.docker.modem.demuxStream(raw, stdout, stderr);
      raw.on("end", () => {
        stdout.end();
        stderr.end();
      });
      raw.on("error", () => {
        stdout.end();
        stderr.end();
      });
      return { stdout, stderr, stop: () => (raw as unknown as { destroy(): void }).destroy() };
    }
    const buf = await this.container.logs({ ...common, follow: false });
    demuxBuffer(buf, stdout, stderr);
    return { stdout, stderr, stop: () => undefined };
  }

  /**
   * Attaches to stdout and stderr before a start, so nothing the process prints is missed and
   * nothing printed before is replayed. The streams end when the container stops.
   */
  async attach(): Promise<{ stdout: Readable; stderr: Readable }> {
    const raw = await this.container.attach({ stream: true, stdout: true, stderr: true, logs: false });
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    this.docker.modem.demuxStream(raw, stdout, stderr);
    const end = (): void => {
      stdout.end();
      stderr.end();
    };
    raw.on("end", end);
    raw.on("close", end);
    raw.on("error", end);
    return { stdout, stderr };
  }

  /** Resolves with the exit code when the container stops (at once if it is not running). */
  async wait(): Promise<number> {
    const r = (await this.container.wait()) as { StatusCode?: number };
    return r.StatusCode ?? -1;
  }

  /** The last `lines` lines of output (both streams, timestamps dropped), for error messages. */
  async lastLines(lines = 20): Promise<string[]> {
    try {
      const buf = await this.container.logs({ stdout: true, stderr: true, tail: lines, follow: false });
      const text = demuxToText(buf);
      return text.split("\n").filter((l) => l.trim() !== "");
    } catch {
      return [];
    }
  }

  /** Removes the container and its anonymous volumes; a container already gone is fine. */
  async remove(): Promise<void> {
    try {
      await this.container.remove({ force: true, v: true });
    } catch (err) {
      if (!isNotFound(err) && !isRemovalInProgress(err)) throw err;
    }
  }
}

/** Creates a container (not started) and writes its files. */
export async function createContainer(docker: Docker, spec: ContainerSpec): Promise<ContainerHandle> {
  const env = Object.entries(spec.env ?? {}).map(([k, v]) => `${k}=${v}`);
  const networkMode = spec.networkMode ?? spec.network;
  const options: Docker.ContainerCreateOptions = {
    name: spec.name,
    Image: spec.image,
    Env: env,
    Labels: spec.labels,
    HostConfig: {
      ...(networkMode !== undefined ? { NetworkMode: networkMode } : {}),
      ...(spec.capAdd !== undefined ? { CapAdd: spec.capAdd } : {}),
      ...(spec.memoryMb !== undefined ? { Memory: spec.memoryMb * 1024 * 1024 } : {}),
      ...(spec.init === true ? { Init: true } : {}),
      ...(spec.binds !== undefined && spec.binds.length > 0 ? { Binds: spec.binds } : {}),
    },
    ...(spec.hostname !== undefined && spec.networkMode === undefined ? { Hostname: spec.hostname } : {}),
    ...(spec.cmd !== undefined ? { Cmd: spec.cmd } : {}),
    ...(spec.entrypoint !== undefined ? { Entrypoint: spec.entrypoint } : {}),
    ...(spec.network !== undefined && spec.networkMode === undefined
      ? {
          NetworkingConfig: {
            EndpointsConfig: { [spec.network]: { Aliases: spec.hostname !== undefined ? [spec.hostname] : [] } },
          },
        }
      : {}),
  };
  const created = await docker.createContainer(options);
  const handle = new ContainerHandle(docker, created.id, spec.name, spec);
  if (spec.files !== undefined && spec.files.length > 0) {
    try {
      await handle.putFiles(spec.files);
    } catch (err) {
      await handle.remove().catch(() => undefined);
      throw err;
    }
  }
  return handle;
}

function statusOf(err: unknown): number | undefined {
  return typeof err === "object" && err !== null ? (err as { statusCode?: number }).statusCode : undefined;
}

function isNotModified(err: unknown): boolean {
  return statusOf(err) === 304 || isNotFound(err);
}

function isNotRunning(err: unknown): boolean {
  return statusOf(err) === 409 || isNotFound(err);
}

function isRemovalInProgress(err: unknown): boolean {
  return statusOf(err) === 409 && /already in progress/.test(String((err as Error).message));
}

/** Splits Docker's multiplexed log format (8-byte frame headers) held in one buffer. */
export function demuxBuffer(buf: Buffer, stdout: PassThrough, stderr: PassThrough): void {
  let off = 0;
  while (off + 8 <= buf.length) {
    const kind = buf[off];
    const size = buf.readUInt32BE(off + 4);
    const payload = buf.subarray(off + 8, off + 8 + size);
    (kind === 2 ? stderr : stdout).write(payload);
    off += 8 + size;
  }
  stdout.end();
  stderr.end();
}

function demuxToText(buf: Buffer): string {
  // Containers without a TTY have 8-byte headers; fall back to raw text otherwise.
  if (buf.length >= 8 && (buf[0] === 1 || buf[0] === 2) && buf[1] === 0 && buf[2] === 0 && buf[3] === 0) {
    const parts: Buffer[] = [];
    let off = 0;
    while (off + 8 <= buf.length) {
      const size = buf.readUInt32BE(off + 4);
      parts.push(buf.subarray(off + 8, off + 8 + size));
      off += 8 + size;
    }
    return Buffer.concat(parts).toString("utf8");
  }
  return buf.toString("utf8");
}
