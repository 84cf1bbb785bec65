import type Docker from "dockerode";
import { imageTag, type ImageDef } from "../images.js";
import type { RunOwner } from "../labels.js";
import type { EngineInfo, Progress, RunScope, Runtime, TeardownReport } from "../types.js";
import { connectDocker } from "./client.js";
import { ensureImages, requireImage } from "./image-builder.js";
import { copyMissingImages } from "./image-copy.js";

/** An engine (a DOCKER_HOST value) that missing images are copied from before building. */
export const IMAGE_SOURCE_VAR = "SPLITBRAIN_IMAGE_SOURCE";
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
    /** The engine to copy missing images from (SPLITBRAIN_IMAGE_SOURCE), if any. */
    private readonly imageSource?: Docker,
  ) {}

  /** Connects to the engine the environment names; an engine that does not answer is inconclusive, with the fix. */
  static async connect(env: NodeJS.ProcessEnv): Promise<DockerRuntime> {
    const { docker, engine } = await connectDocker(env);
    const source = env[IMAGE_SOURCE_VAR];
    const from = source !== undefined && source !== "" && source !== engine.endpoint ? (await connectDocker({ ...env, DOCKER_HOST: source })).docker : undefined;
    return new DockerRuntime(docker, engine, from);
  }

  async ensureImages(defs: readonly ImageDef[], version: string, options: { progress: Progress; buildArgs?: Record<string, string> }): Promise<void> {
    await oneAtATime(this.engine.endpoint, async () => {
      // A second engine gets the images the first one has, rather than building them again.
      if (this.imageSource !== undefined) await copyMissingImages(this.imageSource, this.docker, defs.map((d) => imageTag(d, version)), options.progress);
      await ensureImages(this.docker, defs, version, options);
    });
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
