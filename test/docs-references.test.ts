import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../src/cli/main.js";
import type { CliContext } from "../src/cli/context.js";

const ROOT = join(import.meta.dirname, "..");

/** Every command's full --help text (with the text added after the options). */
async function helpTexts(): Promise<Map<string, string>> {
  let out = "";
  const stdout = new PassThrough();
  stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
  const ctx = { stdout, stderr: new PassThrough(), env: {}, setExitCode: () => undefined } as unknown as CliContext;
  const texts = new Map<string, string>();
  const visit = (cmd: Command, name: string): void => {
    out = "";
    cmd.outputHelp();
    stdout.read();
    texts.set(name, out);
    for (const sub of cmd.commands) visit(sub, `${name} ${sub.name()}`);
  };
  visit(await buildProgram(ctx), "splitbrain");
  return texts;
}

/** The repository files a text names as docs/x.md. */
function docsNamed(text: string): string[] {
  return [...text.matchAll(/\bdocs\/[\w.-]+\.md\b/g)].map((m) => m[0]);
}

const USER_DOCS = ["README.md", "docs/usage.md", "docs/whats-here.md", "docs/scenarios.md", "docs/candidates.md", "docs/benchmarks.md", "docs/candidates-java-notes.md", "fixtures/histories/README.md"];

/** Every source, script and text file under these folders (no node_modules, no build output). */
function filesUnder(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|tsx|js|mjs|java|c|h|py|sh|md|yaml|yml|json|txt)$|Dockerfile/.test(e.name))
    .map((e) => join(e.parentPath, e.name))
    .filter((f) => !f.includes("node_modules"));
}

describe("the repository explains itself: every document named exists", () => {
  it("help texts name only docs that are in the repository, never SEEDS.md or DESIGN.md", async () => {
    const texts = await helpTexts();
    expect(texts.get("splitbrain run")).toContain("docs/seeds.md");
    expect(texts.get("splitbrain")).toContain("docs/contracts.md");
    for (const [name, text] of texts) {
      expect(text, name).not.toMatch(/SEEDS\.md|DESIGN\.md|\.\.\/shared/);
      for (const doc of docsNamed(text)) expect(existsSync(join(ROOT, doc)), `${name} names ${doc}`).toBe(true);
    }
  });

  it("the README and the docs point at docs that exist, and the new ones are linked", () => {
    for (const file of USER_DOCS) {
      const text = readFileSync(join(ROOT, file), "utf8");
      expect(text, file).not.toMatch(/SEEDS\.md|DESIGN\.md|\.\.\/shared/);
      for (const doc of docsNamed(text)) expect(existsSync(join(ROOT, doc)), `${file} names ${doc}`).toBe(true);
    }
    for (const file of ["README.md", "docs/whats-here.md"]) {
      const text = readFileSync(join(ROOT, file), "utf8");
      expect(text, file).toMatch(/seeds\.md\)/);
      expect(text, file).toMatch(/contracts\.md\)/);
    }
  });

  it("no source file, script or doc refers to documents outside the repository", () => {
    const offenders = ["src", "test", "compose", "docs", "examples", "fixtures/histories"]
      .filter((dir) => existsSync(join(ROOT, dir)))
      .flatMap(filesUnder)
      .filter((f) => !f.endsWith("docs-references.test.ts") && /SEEDS\.md|DESIGN\.md/.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
