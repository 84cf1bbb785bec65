import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { readRunJson, RunJsonSchema, writeRunJson } from "./run-json.js";

const FIXTURES = join(import.meta.dirname, "../../fixtures/histories");
const SEED_RUN = join(FIXTURES, "seeds/false-death-pause-leader-latch-ignore-disconnect/run.json");

function runJsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? runJsonFiles(p) : n === "run.json" ? [p] : [];
  });
}

function withFile(content: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "sb-run-json-")), "run.json");
  writeFileSync(file, content);
  return file;
}

function errorOf(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    return err as Error;
  }
  throw new Error("did not throw");
}

describe("run.json", () => {
  it("every recorded run in fixtures/ reads back", () => {
    const files = runJsonFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(10);
    for (const f of files) expect(RunJsonSchema.safeParse(JSON.parse(readFileSync(f, "utf8"))).error, f).toBeUndefined();
  });

  it("a field of the wrong type is named by file and field: bad input", () => {
    const good = JSON.parse(readFileSync(SEED_RUN, "utf8")) as Record<string, unknown>;
    const file = withFile(JSON.stringify({ ...good, seed: "42", config: { ...(good["config"] as object), check: { toleranceMs: 0 } } }));
    const err = errorOf(() => readRunJson(file));
    expect(err).toBeInstanceOf(InputError);
    const lines = err.message.split("\n");
    expect(lines[0]).toMatch(new RegExp(`^${file}: seed: .*number`));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${file}: config\\.check\\.recoveryMs: `)));
    expect(lines).toContainEqual(expect.stringMatching(new RegExp(`^${file}: config\\.check\\.fencing: `)));
  });

  it("a file that is not JSON says so", () => {
    const file = withFile("{ not json");
    expect(errorOf(() => readRunJson(file)).message).toMatch(new RegExp(`^${file}: not valid JSON`));
  });

  it("fields it does not know (a newer splitbrain's) are accepted, and recorded values keep theirs", () => {
    const good = JSON.parse(readFileSync(SEED_RUN, "utf8")) as Record<string, unknown>;
    const spec = good["scenarioSpec"] as Record<string, unknown>;
    const file = withFile(JSON.stringify({ ...good, fromTheFuture: { x: 1 }, scenarioSpec: { ...spec, newKnob: true } }));
    const r = readRunJson(file);
    expect(r.scenario).toBe(good["scenario"]);
    expect((r.scenarioSpec as unknown as Record<string, unknown>)["newKnob"]).toBe(true);
  });

  it("is written whole: what writeRunJson writes reads back equal", async () => {
    const good = RunJsonSchema.parse(JSON.parse(readFileSync(SEED_RUN, "utf8")));
    const file = join(mkdtempSync(join(tmpdir(), "sb-run-json-")), "run.json");
    await writeRunJson(file, good);
    expect(readRunJson(file)).toEqual(good);
    expect(readdirSync(join(file, ".."))).toEqual(["run.json"]);
  });
});
