import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
/** The parts that must reach containers only through src/runtime/types.ts (docs/kubernetes.md). */
const BEHIND_THE_SEAM = ["run", "scenarios", "faults", "checkers", "cluster", "candidates"];

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

describe("the runtime seam", () => {
  it("nothing in run/, scenarios/, faults/, checkers/, cluster/ or candidates/ imports the Docker runtime or dockerode", () => {
    const offenders: string[] = [];
    for (const part of BEHIND_THE_SEAM) {
      for (const file of sources(join(ROOT, "src", part))) {
        const text = readFileSync(file, "utf8");
        for (const m of text.matchAll(/from\s+"([^"]+)"/g)) {
          const spec = m[1] as string;
          if (spec === "dockerode" || /(^|\/)runtime\/docker\//.test(spec)) offenders.push(`${relative(ROOT, file)} imports ${spec}`);
        }
      }
    }
    expect(offenders).toEqual([]);
  });
});
