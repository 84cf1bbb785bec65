import type Docker from "dockerode";
import type { ImageDef } from "../images.js";
import type { RunOwner } from "../labels.js";
import type { EngineInfo, Progress, RunScope, Runtime, TeardownReport } from "../types.js";
import { connectDocker } from "./client.js";
import { ensureImages, requireImage } from "./image-builder.js";
import { DockerRun, removeByLabel } from "./run-scope.js";

/**
 * Image work per engine endpoint, one at a time: runs started together (--parallel) would
 * otherwise build the same image twice at once. The second waits and finds it up to date.
 */
const imageQueues = new Map<string, Promise<unknown>>();

function oneAtATime<T>(endpoint: string, work: () => Promise<T>): Promise<T> {
  const before = imageQueues.get(endpoint) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  imageQueues.set(endpoint, mine.catch(() => undefined));
  return mine;
}

/** The Docker implementation of the runtime seam: one engine (the local socket or DOCKER_HOST). */
export class DockerRuntime implements Runtime {
  private constructor(
    readonly docker: Docker,
    readonly engine: EngineInfo,
  ) {}

  /** Connects to the engine the environment names; an engine that does not answer is inconclusive, with the fix. */
  static async connect(env: NodeJS.ProcessEnv): Promise<DockerRuntime> {
    const { docker, engine } = await connectDocker(env);
    return new DockerRuntime(docker, engine);
  }

  async ensureImages(defs: readonly ImageDef[], version: string, options: { progress: Progress; buildArgs?: Record<string, string> }): Promise<void> {
    await oneAtATime(this.engine.endpoint, () => ensureImages(this.docker, defs, version, options));
  }

  requireImage(ref: string, progress: Progress): Promise<void> {
    return oneAtATime(this.engine.endpoint, () => requireImage(this.docker, ref, progress));
  }

  openRun(owner: RunOwner): Promise<RunScope> {
    return DockerRun.open(this.docker, owner);
  }

  removeRun(runId: string): Promise<TeardownReport> {
    return removeByLabel(this.docker, runId);
  }
}
