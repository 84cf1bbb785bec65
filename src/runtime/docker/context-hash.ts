import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Every file under a build context, relative, sorted (so the hash does not depend on order). */
export function contextFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/**
 * A content hash of what makes an image: its context files (names, modes, bytes), the build
 * arguments, and the base image's id. Same hash, same image: no rebuild.
 */
export function contextHash(dir: string, buildArgs: Record<string, string>, baseImageId: string): string {
  const h = createHash("sha256");
  for (const f of contextFiles(dir)) {
    const full = join(dir, f);
    h.update(`file ${f} ${statSync(full).mode & 0o111 ? "x" : "-"}\n`);
    h.update(readFileSync(full));
    h.update("\n");
  }
  for (const k of Object.keys(buildArgs).sort()) h.update(`arg ${k}=${buildArgs[k]}\n`);
  h.update(`base ${baseImageId}\n`);
  return h.digest("hex").slice(0, 16);
}
