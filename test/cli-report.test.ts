import { copyFileSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "./support/fixtures.js";
import { splitbrain } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";

function runDirWith(fixture: string): string {
  const dir = tmpDir("sb-report-");
  copyFileSync(join(FIXTURE_DIR, `${fixture}.jsonl`), join(dir, "history.jsonl"));
  return dir;
}

describe("splitbrain report", () => {
  it("regenerates verdict.json, junit.xml and timeline.html from the history alone", () => {
    const dir = runDirWith("overlap-500ms-fail");
    const r = splitbrain(["report", dir]);
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

  it("uses the check options recorded in run.json, and flags override them", () => {
    const dir = runDirWith("liveness-gap-after-heal-pass");
    expect(splitbrain(["report", dir]).code).toBe(0);
    writeFileSync(join(dir, "run.json"), JSON.stringify({ config: { check: { toleranceMs: 0, recoveryMs: 1000, fencing: false } } }));
    expect(splitbrain(["report", dir]).code).toBe(1);
    expect(splitbrain(["report", dir, "--recovery-ms", "30000"]).code).toBe(0);
  });

  it("names a directory without a history (exit 64)", () => {
    const r = splitbrain(["report", tmpDir("sb-report-empty-")]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("is a directory without history.jsonl");
  });
});
