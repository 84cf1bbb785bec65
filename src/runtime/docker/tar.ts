import tar from "tar-stream";

export interface FileEntry {
  /** Path inside the container, absolute. */
  path: string;
  content: string | Buffer;
  mode?: number;
  /** Owner uid/gid (default root). */
  uid?: number;
  gid?: number;
}

/** A tar archive (in memory) of small files, to put into a container before it starts. */
export async function tarOf(files: readonly FileEntry[]): Promise<Buffer> {
  const pack = tar.pack();
  for (const f of files) {
    const name = f.path.replace(/^\/+/, "");
    await new Promise<void>((resolve, reject) => {
      pack.entry({ name, mode: f.mode ?? 0o644, uid: f.uid ?? 0, gid: f.gid ?? 0 }, f.content, (err) => (err ? reject(err) : resolve()));
    });
  }
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}
