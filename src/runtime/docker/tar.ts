import tar from "tar-stream";
import type { FileEntry } from "../types.js";

export type { FileEntry } from "../types.js";

/** A tar archive (in memory) of files, to put into a container or send as a build context. */
export async function tarOf(files: readonly FileEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  // Read while writing: the pack stream stops taking entries once its buffer is full.
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on("data", (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    pack.on("end", () => resolve(Buffer.concat(chunks)));
    pack.on("error", reject);
  });
  for (const f of files) {
    const name = f.path.replace(/^\/+/, "");
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name, mode: f.mode ?? 0o644, uid: f.uid ?? 0, gid: f.gid ?? 0 }, f.content, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  return done;
}
