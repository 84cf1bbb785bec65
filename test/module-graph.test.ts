import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..");
const SRC = join(ROOT, "src");

function sources(dir: string, tests: boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path, tests);
    return name.endsWith(".ts") && (tests || !name.endsWith(".test.ts")) ? [path] : [];
  });
}

/** The top-level part of src/ a file or import target lies in ("run", "report", ...). */
function partOf(path: string): string {
  return relative(SRC, path).split("/")[0] as string;
}

/** Every import (and re-export) from one part of src/ into another: from, to, and the files that do it. */
function crossPartImports(tests: boolean): Map<string, Map<string, string[]>> {
  const edges = new Map<string, Map<string, string[]>>();
  for (const file of sources(SRC, tests)) {
    const from = partOf(file);
    for (const m of readFileSync(file, "utf8").matchAll(/(?:from\s+|import\s*\(\s*)"(\.{1,2}\/[^"]+)"/g)) {
      const to = partOf(resolve(dirname(file), m[1] as string));
      if (to === from || to.startsWith("..")) continue;
      const targets = edges.get(from) ?? new Map<string, string[]>();
      targets.set(to, [...(targets.get(to) ?? []), relative(ROOT, file)]);
      edges.set(from, targets);
    }
  }
  return edges;
}

/** The cycles between parts, each as "a -> b -> a" (one per back edge found by a depth-first walk). */
function cycles(edges: Map<string, Map<string, string[]>>): string[] {
  const found: string[] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const walk = (part: string): void => {
    state.set(part, "open");
    path.push(part);
    for (const next of [...(edges.get(part)?.keys() ?? [])].sort()) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next].join(" -> "));
      else if (!state.has(next)) walk(next);
    }
    path.pop();
    state.set(part, "done");
  };
  for (const part of [...edges.keys()].sort()) if (!state.has(part)) walk(part);
  return found;
}

describe("the module graph", () => {
  it("nothing in src/report (its unit tests included) imports src/run: reports take narrow inputs, the run writes them", () => {
    expect(crossPartImports(true).get("report")?.get("run") ?? []).toEqual([]);
  });

  it("the parts of src/ import each other without a cycle (unit tests may borrow, e.g. a history generator from bench/)", () => {
    expect(cycles(crossPartImports(false))).toEqual([]);
  });
});
