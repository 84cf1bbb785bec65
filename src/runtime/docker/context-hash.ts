import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { UserError } from "../../errors/index.js";
import type { ImageDef } from "../images.js";

/** Every file under a folder, relative, sorted (so the hash does not depend on order). */
export function contextFiles(dir: string, include?: RegExp): string[] {
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name === ".git") continue;
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile() && (include === undefined || include.test(entry.name))) out.push(relative(dir, full));
    }
  };
  walk(dir);
  return out.sort();
}

/** One file of a build context: its name in the context and its bytes. */
export interface ContextEntry {
  name: string;
  content: Buffer;
  mode: number;
}

/**
 * The files of an image's build context: its compose/ folder, plus the files it takes from
 * elsewhere in the project (compiled candidates) and the ones generated for it.
 */
export function buildContext(root: string, def: ImageDef): ContextEntry[] {
  const entries = new Map<string, ContextEntry>();
  const add = (dir: string, to: string, include?: RegExp): void => {
    for (const f of contextFiles(dir, include)) {
      const full = join(dir, f);
      const name = to === "" ? f : `${to}/${f}`;
      entries.set(name, { name, content: readFileSync(full), mode: statSync(full).mode & 0o777 });
    }
  };
  add(join(root, def.context), "");
  for (const extra of def.extra ?? []) {
    const dir = join(root, extra.from);
    if (!existsSync(dir)) {
      throw new UserError(`image ${def.name} needs ${extra.from}, which does not exist`, "Build the project first: npm run build (npm ci does it too).");
    }
    add(dir, extra.to, extra.include);
  }
  for (const g of def.generated ?? []) entries.set(g.to, { name: g.to, content: Buffer.from(g.content), mode: 0o644 });
  return [...entries.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * A content hash of what makes an image: its context (names, modes, bytes), the build
 * arguments, and the base image's id. Same hash, same image: no rebuild.
 */
export function contextHash(entries: readonly ContextEntry[], buildArgs: Record<string, string>, baseImageId: string): string {
  const h = createHash("sha256");
  for (const e of entries) {
    h.update(`file ${e.name} ${e.mode & 0o111 ? "x" : "-"} ${e.content.length}\n`);
    h.update(e.content);
    h.update("\n");
  }
  for (const k of Object.keys(buildArgs).sort()) h.update(`arg ${k}=${buildArgs[k]}\n`);
  h.update(`base ${baseImageId}\n`);
  return h.digest("hex").slice(0, 16);
}
