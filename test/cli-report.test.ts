import { chmodSync, copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "./support/fixtures.js";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";

function runDirWith(fixture: string): string {
  const dir = tmpDir("sb-report-");
  copyFileSync(join(FIXTURE_DIR, `${fixture}.jsonl`), join(dir, "history.jsonl"));
  return dir;
}

describe("splitbrain report", () => {
  it("regenerates verdict.json, junit.xml and timeline.html from the history alone", async () => {
    const dir = runDirWith("overlap-500ms-fail");
    const r = await runCli(["report", dir]);
    expect(r.code).toBe(1);
    for (const f of ["verdict.json", "junit.xml", "timeline.html"]) expect(r.stdout).toContain(`wrote ${join(dir, f)}`);
    const verdict = JSON.parse(readFileSync(join(dir, "verdict.json"), "utf8")) as { valid: boolean; checkers: Record<string, { valid: boolean }> };
    expect(verdict.valid).toBe(false);
    expect(verdict.checkers["overlap"]?.valid).toBe(false);
    const junit = readFileSync(join(dir, "junit.xml"), "utf8");
    expect(XMLValidator.validate(junit)).toBe(true);
    expect(junit).toMatch(/<failure message="1 overlapping leadership window/);
    const html = readFileSync(join(dir, "timeline.html"), "utf8");
    expect(html).toContain("<html");
    expect(html).not.toMatch(/(src|href)=["']https?:/);
  });

  it("uses the check options recorded in run.json, and flags override them", async () => {
    const dir = runDirWith("liveness-gap-after-heal-pass");
    expect((await runCli(["report", dir])).code).toBe(0);
    writeFileSync(join(dir, "run.json"), JSON.stringify({ config: { check: { toleranceMs: 0, recoveryMs: 1000, fencing: false } } }));
    expect((await runCli(["report", dir])).code).toBe(1);
    expect((await runCli(["report", dir, "--recovery", "30s"])).code).toBe(0);
  });

  it("names a directory without a history (exit 64)", async () => {
    const r = await runCli(["report", tmpDir("sb-report-empty-")]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("is a directory without history.jsonl");
  });

  it("a directory where junit.xml goes: one line naming it and the fix, exit 2, the old set kept whole", async () => {
    const dir = runDirWith("liveness-gap-after-heal-pass");
    expect((await runCli(["report", dir])).code).toBe(0);
    const before = Object.fromEntries(["verdict.json", "timeline.html"].map((f) => [f, readFileSync(join(dir, f), "utf8")]));
    copyFileSync(join(FIXTURE_DIR, "overlap-500ms-fail.jsonl"), join(dir, "history.jsonl"));
    rmSync(join(dir, "junit.xml"));
    mkdirSync(join(dir, "junit.xml"));
    const r = await runCli(["report", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`inconclusive: cannot write ${join(dir, "junit.xml")}: is a directory; a file is written at that path: remove or rename the directory\n`);
    // No verdict.json that says fail beside a timeline.html that says pass, no temporary files.
    for (const [f, text] of Object.entries(before)) expect(readFileSync(join(dir, f), "utf8")).toBe(text);
    expect(readdirSync(dir).sort()).toEqual(["history.jsonl", "junit.xml", "timeline.html", "verdict.json"]);
  });

  it("a timeline.html that cannot be written costs neither verdict.json nor junit.xml", async () => {
    const dir = runDirWith("overlap-500ms-fail");
    mkdirSync(join(dir, "timeline.html"));
    const r = await runCli(["report", dir]);
    expect(r.code).toBe(1); // the violation stays the verdict
    expect(r.stderr).toContain(`inconclusive: cannot write ${join(dir, "timeline.html")}: is a directory;`);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
    expect(JSON.parse(readFileSync(join(dir, "verdict.json"), "utf8"))).toMatchObject({ valid: false });
    expect(readFileSync(join(dir, "junit.xml"), "utf8")).toContain("<failure");

    const passing = runDirWith("liveness-gap-after-heal-pass");
    mkdirSync(join(passing, "timeline.html"));
    expect((await runCli(["report", passing])).code).toBe(2); // a pass with a missing report is inconclusive
    expect(JSON.parse(readFileSync(join(passing, "verdict.json"), "utf8"))).toMatchObject({ valid: true });
  });

  it("a verdict.json that is a directory: one line, exit 2, no stack trace", async () => {
    const dir = runDirWith("overlap-500ms-fail");
    mkdirSync(join(dir, "verdict.json"));
    const r = await runCli(["report", dir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`inconclusive: cannot write ${join(dir, "verdict.json")}: is a directory; a file is written at that path: remove or rename the directory\n`);
    expect(readdirSync(dir).sort()).toEqual(["history.jsonl", "verdict.json"]);
  });

  const root = process.getuid?.() === 0;
  if (root) console.warn("SKIPPING the read-only run directory case of splitbrain report: running as root, where chmod does not deny writes");
  it.skipIf(root)("a run directory without write permission: permission denied, exit 2", async () => {
    const dir = runDirWith("overlap-500ms-fail");
    chmodSync(dir, 0o555);
    try {
      const r = await runCli(["report", dir]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^inconclusive: cannot write ${join(dir, "verdict.json")}: permission denied; `));
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
