import type Docker from "dockerode";
import { BOOTSTRAP_BASE, DEFAULT_BASE } from "../images.js";
import type { Progress } from "../types.js";
import { inspectImage } from "./image-builder.js";

/**
 * Copies images from one engine to another (`docker save | docker load`, streamed), so a second
 * engine with an empty store and no registry gets splitbrain's images without building them.
 * Only what the target lacks and the source has is copied: the given refs, and a Debian base
 * (to rebuild from, should an image be stale). Returns the refs copied.
 */
export async function copyMissingImages(from: Docker, to: Docker, refs: readonly string[], progress: Progress): Promise<string[]> {
  const copied: string[] = [];
  const bases = [DEFAULT_BASE, BOOTSTRAP_BASE];
  const haveBase = (await Promise.all(bases.map((b) => inspectImage(to, b)))).some((x) => x !== undefined);
  const wanted = [...refs, ...(haveBase ? [] : bases)];
  for (const ref of wanted) {
    if ((await inspectImage(to, ref)) !== undefined) continue;
    if ((await inspectImage(from, ref)) === undefined) continue;
    progress(`copying image ${ref} to this engine`);
    const started = Date.now();
    const tar = await from.getImage(ref).get();
    const answer = await to.loadImage(tar, { quiet: true });
    await drain(answer);
    if ((await inspectImage(to, ref)) === undefined) throw new Error(`loaded ${ref} but the engine does not show it`);
    progress(`copied ${ref} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    copied.push(ref);
  }
  return copied;
}

function drain(stream: NodeJS.ReadableStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.on("data", () => undefined);
    stream.on("end", () => resolve());
    stream.on("error", reject);
  });
}
