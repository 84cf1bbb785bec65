import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { IMAGES, type ImageDef, type ImageName } from "../src/runtime/images.js";

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

const importsOf = new Map<string, string[]>();

/** What one file imports at load time, as tsc emits it: import and export-from declarations, not `import()`. */
function staticImports(file: string): string[] {
  const known = importsOf.get(file);
  if (known !== undefined) return known;
  const emitted = ts.transpileModule(readFileSync(file, "utf8"), { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 }, fileName: file }).outputText;
  const names = ts
    .createSourceFile(file, emitted, ts.ScriptTarget.ES2022)
    .statements.flatMap((s) => ((ts.isImportDeclaration(s) || ts.isExportDeclaration(s)) && s.moduleSpecifier !== undefined && ts.isStringLiteral(s.moduleSpecifier) ? [s.moduleSpecifier.text] : []));
  importsOf.set(file, names);
  return names;
}

/**
 * The modules loaded when `entry` is imported, without its dynamic `import()`s: each file as tsc
 * emits it (type-only imports dropped), following its import and export-from declarations. Files
 * are paths relative to the repository; packages are the bare names imported ("ink", "react").
 */
function staticClosure(entries: string[]): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (files.has(relative(ROOT, file))) return;
    files.add(relative(ROOT, file));
    for (const name of staticImports(file)) {
      if (name.startsWith(".")) visit(resolve(dirname(file), name.replace(/\.js$/, ".ts")));
      else if (!name.startsWith("node:")) packages.add(name.startsWith("@") ? name.split("/").slice(0, 2).join("/") : (name.split("/")[0] as string));
    }
  };
  for (const entry of entries) visit(join(ROOT, entry));
  return { files, packages };
}

describe("what a command loads before it runs", () => {
  it("the CLI's entry and `check` load neither the live view (ink, React) nor Docker's client: `check` starts at once", () => {
    const { files, packages } = staticClosure(["src/cli/main.ts", "src/cli/check.ts"]);
    expect([...packages].filter((p) => ["ink", "react", "dockerode"].includes(p))).toEqual([]);
    expect([...files].filter((f) => f.startsWith("src/ui/live/"))).toEqual([]);
  });

  it("no command loads ink or React up front: the live view is imported only when a terminal shows it", () => {
    const commands = readdirSync(join(SRC, "cli")).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));
    expect(commands).toContain("run.ts");
    for (const command of commands) {
      const { packages } = staticClosure([`src/cli/${command}`]);
      expect([...packages].filter((p) => p === "ink" || p === "react"), command).toEqual([]);
    }
  });

  it("the closure follows imports (it sees Docker's client behind `run`, and ink behind the live view)", () => {
    expect(staticClosure(["src/cli/run.ts"]).packages).toContain("dockerode");
    expect(staticClosure(["src/ui/live/index.ts"]).packages).toContain("ink");
  });
});

describe("the module graph", () => {
  it("nothing in src/report (its unit tests included) imports src/run: reports take narrow inputs, the run writes them", () => {
    expect(crossPartImports(true).get("report")?.get("run") ?? []).toEqual([]);
  });

  it("the parts of src/ import each other without a cycle (unit tests may borrow, e.g. a history generator from bench/)", () => {
    expect(cycles(crossPartImports(false))).toEqual([]);
  });
});

describe("the programs that run inside an image load only what the image copies", () => {
  /** The files an image's build context gets from dist/, as src/ paths, by its `extra` list (runtime/images.ts). */
  function copiedSources(image: ImageName): Array<{ dir: string; include: RegExp }> {
    const def: ImageDef = IMAGES[image];
    return (def.extra ?? []).filter((e) => e.from.startsWith("dist/")).map((e) => ({ dir: `src/${e.from.slice("dist/".length)}`, include: e.include ?? /.*/ }));
  }

  const PROGRAMS = [
    { image: "candidate-node" as const, entry: "src/candidates/latch/main.ts", packages: ["zookeeper"] },
    { image: "candidate-node" as const, entry: "src/witness/main.ts", packages: ["zod"] },
  ];

  it.each(PROGRAMS)("$entry in $image: every module it loads is copied into the image, and its packages are there", ({ image, entry, packages }) => {
    const copied = copiedSources(image);
    const { files, packages: used } = staticClosure([entry]);
    expect(files.size).toBeGreaterThan(1);
    const missing = [...files].filter((f) => !copied.some((c) => dirname(f) === c.dir && c.include.test(f.slice(c.dir.length + 1).replace(/\.ts$/, ".js"))));
    expect(missing, `not copied by IMAGES["${image}"].extra (src/runtime/images.ts)`).toEqual([]);
    expect([...used].filter((p) => !packages.includes(p))).toEqual([]);
  });

  it("the check can fail: a module outside the copied folders is reported", () => {
    const copied = copiedSources("candidate-node");
    const outside = "src/report/style.ts";
    expect(copied.some((c) => dirname(outside) === c.dir && c.include.test("style.js"))).toBe(false);
  });
});
