import { spawn } from "node:child_process";
import { join } from "node:path";
import { Readable } from "node:stream";
import type Docker from "dockerode";
import { InconclusiveError, UserError } from "../../errors/index.js";
import { BOOTSTRAP_BASE, DEFAULT_BASE, PROJECT_ROOT, imageTag, type ImageDef } from "../images.js";
import { withTimeout } from "../../util/deadline.js";
import { isNotFound } from "./client.js";
import { buildContext, contextHash, type ContextEntry } from "./context-hash.js";
import { tarOf } from "./tar.js";
import { LABEL_HASH } from "../labels.js";

export type Progress = (line: string) => void;

export interface ImageInfo {
  id: string;
  labels: Record<string, string>;
  created: string;
}

export async function inspectImage(docker: Docker, ref: string): Promise<ImageInfo | undefined> {
  try {
    const info = await docker.getImage(ref).inspect();
    return { id: info.Id, labels: info.Config?.Labels ?? {}, created: info.Created };
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

export interface BaseImage {
  ref: string;
  id: string;
  /** How it was obtained: present, pulled or bootstrapped. */
  how: "present" | "pulled" | "bootstrapped";
}

/**
 * Finds the Debian base to build from: the one named, else debian:bookworm-slim if present or
 * pullable, else splitbrain's own (made with debootstrap on Linux as root, where no registry is).
 */
export async function resolveBase(
  docker: Docker,
  options: { base?: string; progress: Progress; pullTimeoutMs?: number; platform?: NodeJS.Platform; uid?: number },
): Promise<BaseImage> {
  if (options.base !== undefined) {
    const present = await inspectImage(docker, options.base);
    if (present !== undefined) return { ref: options.base, id: present.id, how: "present" };
    await pull(docker, options.base, options.progress, options.pullTimeoutMs ?? 120_000).catch((err: unknown) => {
      throw new UserError(`base image ${options.base} is not present and cannot be pulled (${(err as Error).message})`, "Load or build it first, or leave --base out to use Debian bookworm.");
    });
    const pulled = await inspectImage(docker, options.base);
    if (pulled === undefined) throw new InconclusiveError(`pulled ${options.base} but the engine does not show it`);
    return { ref: options.base, id: pulled.id, how: "pulled" };
  }
  for (const ref of [DEFAULT_BASE, BOOTSTRAP_BASE]) {
    const present = await inspectImage(docker, ref);
    if (present !== undefined) return { ref, id: present.id, how: "present" };
  }
  options.progress(`pulling ${DEFAULT_BASE}`);
  try {
    await pull(docker, DEFAULT_BASE, options.progress, options.pullTimeoutMs ?? 60_000);
    const pulled = await inspectImage(docker, DEFAULT_BASE);
    if (pulled !== undefined) return { ref: DEFAULT_BASE, id: pulled.id, how: "pulled" };
  } catch (err) {
    options.progress(`cannot pull ${DEFAULT_BASE} (${firstLine(err)}); bootstrapping ${BOOTSTRAP_BASE} with debootstrap`);
  }
  const platform = options.platform ?? process.platform;
  const uid = options.uid ?? process.getuid?.() ?? -1;
  if (platform !== "linux" || uid !== 0) {
    throw new InconclusiveError(
      `no Debian base image: ${DEFAULT_BASE} cannot be pulled, and making ${BOOTSTRAP_BASE} with debootstrap needs Linux and root`,
      `Pull or load a Debian bookworm image and run \`splitbrain images build --base <image>\`, or run \`sudo bash scripts/bootstrap-base.sh\`.`,
    );
  }
  await runScript(join(PROJECT_ROOT, "scripts", "bootstrap-base.sh"), [BOOTSTRAP_BASE], options.progress);
  const made = await inspectImage(docker, BOOTSTRAP_BASE);
  if (made === undefined) throw new InconclusiveError(`scripts/bootstrap-base.sh finished but ${BOOTSTRAP_BASE} is not there`);
  return { ref: BOOTSTRAP_BASE, id: made.id, how: "bootstrapped" };
}

export interface EnsureResult {
  tag: string;
  hash: string;
  status: "up-to-date" | "built";
  seconds: number;
}

export interface ImageState {
  tag: string;
  state: "up-to-date" | "stale" | "missing";
  hash: string;
}

/** Whether an image is there and built from the current context and base. */
export async function imageState(docker: Docker, def: ImageDef, version: string, base: BaseImage, extraArgs: Record<string, string> = {}): Promise<ImageState> {
  return stateOf(docker, def, version, base, extraArgs, buildContext(PROJECT_ROOT, def));
}

async function stateOf(
  docker: Docker,
  def: ImageDef,
  version: string,
  base: BaseImage,
  extraArgs: Record<string, string>,
  entries: readonly ContextEntry[],
): Promise<ImageState> {
  const tag = imageTag(def, version);
  const hash = contextHash(entries, { BASE: base.ref, ...publicArgs(extraArgs) }, base.id);
  const info = await inspectImage(docker, tag);
  if (info === undefined) return { tag, state: "missing", hash };
  return { tag, state: info.labels[LABEL_HASH] === hash ? "up-to-date" : "stale", hash };
}

/** Builds an image unless one with the same content hash exists (or `force`). */
export async function ensureImage(
  docker: Docker,
  def: ImageDef,
  version: string,
  options: { base: BaseImage; progress: Progress; force?: boolean; buildArgs?: Record<string, string> },
): Promise<EnsureResult> {
  const started = Date.now();
  // The context is read once: for the hash and, when it must be built, for the build itself.
  const entries = buildContext(PROJECT_ROOT, def);
  const state = await stateOf(docker, def, version, options.base, options.buildArgs ?? {}, entries);
  if (state.state === "up-to-date" && options.force !== true) {
    return { tag: state.tag, hash: state.hash, status: "up-to-date", seconds: 0 };
  }
  const why = state.state === "missing" ? "not built yet" : state.state === "stale" ? "its files changed" : "forced";
  options.progress(`building image ${state.tag} (${why}; from ${options.base.ref})`);
  const context = await contextTar(entries);
  const stream = await docker.buildImage(
    context,
    {
      t: state.tag,
      buildargs: { BASE: options.base.ref, ...(options.buildArgs ?? {}) },
      labels: { [LABEL_HASH]: state.hash, "splitbrain.image": def.name },
      rm: true,
      forcerm: true,
    },
  );
  let lastError: string | undefined;
  let lastStep: string | undefined;
  const tail: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const heartbeat = setInterval(() => options.progress(`${def.name}: still building (${Math.round((Date.now() - started) / 1000)} s)`), 15_000);
    docker.modem.followProgress(
      stream,
      (err: Error | null) => {
        clearInterval(heartbeat);
        if (err !== null) reject(err);
        else resolve();
      },
      (event: { stream?: string; error?: string; errorDetail?: { message?: string } }) => {
        if (event.error !== undefined) lastError = event.errorDetail?.message ?? event.error;
        const text = event.stream?.trimEnd();
        if (text === undefined || text === "") return;
        for (const line of text.split("\n")) {
          tail.push(line);
          if (tail.length > 25) tail.shift();
          if (/^Step \d+\/\d+ :/.test(line)) {
            lastStep = line.length > 110 ? `${line.slice(0, 107)}...` : line;
            options.progress(`${def.name}: ${lastStep}`);
          }
        }
      },
    );
  });
  if (lastError !== undefined) {
    // The engine tags an image only when every step succeeded: a failed build leaves no tag behind.
    throw new InconclusiveError(
      `building image ${def.name} (${state.tag}) failed${lastStep !== undefined ? ` at ${lastStep}` : ""}: ${lastError}\n${tail.map((l) => `  ${l}`).join("\n")}`,
      `Fix the error above (the Dockerfile is ${def.context}/Dockerfile; a package or registry that cannot be reached is the usual cause) and run \`splitbrain images build ${def.name}\` again.`,
    );
  }
  return { tag: state.tag, hash: state.hash, status: "built", seconds: (Date.now() - started) / 1000 };
}

/** Build args that change the image (a CA certificate passed for npm does not). */
function publicArgs(args: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(args)) if (k !== "EXTRA_CA_CERTS") out[k] = v;
  return out;
}

async function pull(docker: Docker, ref: string, progress: Progress, timeoutMs: number): Promise<void> {
  const stream = await withTimeout(docker.pull(ref) as Promise<NodeJS.ReadableStream>, timeoutMs, `no answer within ${timeoutMs} ms`);
  await withTimeout(
    new Promise<void>((resolve, reject) => {
      docker.modem.followProgress(stream, (err: Error | null) => (err !== null ? reject(err) : resolve()), (e: { status?: string }) => {
        if (e.status !== undefined && /Downloaded|Pull complete|Status/.test(e.status)) progress(`${ref}: ${e.status}`);
      });
    }),
    timeoutMs,
    `pull of ${ref} took longer than ${timeoutMs} ms`,
  );
}

function runScript(script: string, args: string[], progress: Progress): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", [script, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    const tail: string[] = [];
    const onData = (chunk: Buffer): void => {
      for (const line of chunk.toString("utf8").split("\n")) {
        if (line.trim() === "") continue;
        tail.push(line);
        if (tail.length > 20) tail.shift();
        if (line.startsWith("[bootstrap-base]")) progress(line);
      }
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new InconclusiveError(`${script} failed (exit ${code}):\n${tail.map((l) => `  ${l}`).join("\n")}`));
    });
  });
}

/**
 * Makes sure the named images exist and match their context, building what is missing or stale
 * (bootstrapping the base first where needed). Returns the tag of each.
 */
export async function ensureImages(
  docker: Docker,
  defs: readonly ImageDef[],
  version: string,
  options: { base?: string; progress: Progress; force?: boolean; buildArgs?: Record<string, string> },
): Promise<Map<string, EnsureResult>> {
  const out = new Map<string, EnsureResult>();
  if (defs.length === 0) return out;
  const base = await resolveBase(docker, { progress: options.progress, ...(options.base !== undefined ? { base: options.base } : {}) });
  for (const def of defs) {
    const result = await ensureImage(docker, def, version, {
      base,
      progress: options.progress,
      ...(options.force !== undefined ? { force: options.force } : {}),
      ...(options.buildArgs !== undefined ? { buildArgs: options.buildArgs } : {}),
    });
    if (result.status === "built") options.progress(`built ${result.tag} in ${result.seconds.toFixed(1)} s`);
    out.set(def.name, result);
  }
  return out;
}

/** Checks that an image the user named (e.g. --zk-image zookeeper:3.8) is there, pulling it if it can. */
export async function requireImage(docker: Docker, ref: string, progress: Progress): Promise<void> {
  if ((await inspectImage(docker, ref)) !== undefined) return;
  progress(`image ${ref} is not present; pulling it`);
  try {
    await pull(docker, ref, progress, 120_000);
  } catch (err) {
    throw new InconclusiveError(`image ${ref} is missing and cannot be pulled: ${firstLine(err)}`, `Pull or build it first (\`docker pull ${ref}\`), or leave the option out to use splitbrain's own image.`);
  }
}

function firstLine(err: unknown): string {
  return ((err as Error).message ?? String(err)).split("\n")[0]?.trim() ?? "";
}

async function contextTar(entries: readonly ContextEntry[]): Promise<NodeJS.ReadableStream> {
  const buf = await tarOf(entries.map((e) => ({ path: e.name, content: e.content, mode: e.mode })));
  return Readable.from([buf]);
}
