import tar from "tar-stream";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { tarOf } from "./tar.js";

async function entries(buf: Buffer): Promise<Array<{ name: string; mode: number | undefined; size: number }>> {
  const extract = tar.extract();
  const out: Array<{ name: string; mode: number | undefined; size: number }> = [];
  extract.on("entry", (header, stream, next) => {
    let size = 0;
    stream.on("data", (c: unknown) => {
      size += (c as Buffer).length;
    });
    stream.on("end", () => {
      out.push({ name: header.name, mode: header.mode, size });
      next();
    });
  });
  const finished = new Promise<void>((resolve) => extract.on("finish", () => resolve()));
  Readable.from([buf]).pipe(extract);
  await finished;
  return out;
}

describe("tarOf", () => {
  it("packs files with their names and modes", async () => {
    const buf = await tarOf([
      { path: "/conf/zoo.cfg", content: "tickTime=1000\n" },
      { path: "run.sh", content: "#!/bin/sh\n", mode: 0o755 },
    ]);
    expect(await entries(buf)).toEqual([
      { name: "conf/zoo.cfg", mode: 0o644, size: 14 },
      { name: "run.sh", mode: 0o755, size: 10 },
    ]);
  });

  it("packs more than the stream buffers (a build context of megabytes)", async () => {
    const big = Buffer.alloc(3 * 1024 * 1024, 7);
    const buf = await tarOf(Array.from({ length: 5 }, (_, i) => ({ path: `f${i}.bin`, content: big })));
    const list = await entries(buf);
    expect(list).toHaveLength(5);
    expect(list.every((e) => e.size === big.length)).toBe(true);
  });
});
