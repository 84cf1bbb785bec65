import { chmodSync, copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";
import { FIXTURE_DIR } from "./support/fixtures.js";

// File-system failures on inputs the user named: one line with the path, the cause and the fix,
// exit 64, no stack trace. Cases that need chmod are skipped as root (root is never denied).
const root = process.getuid?.() === 0;
if (root) console.warn("SKIPPING the permission-denied cases of cli-file-errors: running as root, where chmod 000 does not deny access");

describe("inputs that cannot be read", () => {
  it("a path through a file (ENOTDIR) is named as such, not as a missing file", async () => {
    const file = join(FIXTURE_DIR, "overlap-500ms-fail.jsonl");
    const r = await runCli(["check", join(file, "history.jsonl")]);
    expect(r.code).toBe(64);
    expect(r.stderr).toBe(`error: cannot read ${join(file, "history.jsonl")}: a part of the path is a file, not a directory; check the path: a name before the last / is a file\n`);
  });

  it.skipIf(root)("a run directory that cannot be entered: permission denied, not 'no such file'", async () => {
    const parent = tmpDir("sb-perm-");
    const dir = join(parent, "run");
    mkdirSync(dir);
    copyFileSync(join(FIXTURE_DIR, "overlap-500ms-fail.jsonl"), join(dir, "history.jsonl"));
    chmodSync(dir, 0o000);
    try {
      for (const cmd of ["check", "report"]) {
        const r = await runCli([cmd, dir]);
        expect(r.code).toBe(64);
        expect(r.stderr).toMatch(new RegExp(`^error: cannot read ${join(dir, "history.jsonl")}: permission denied; `));
        expect(r.stderr).not.toContain("no such file");
      }
      chmodSync(dir, 0o755);
      chmodSync(join(dir, "history.jsonl"), 0o000);
      const r = await runCli(["check", dir]);
      expect(r.code).toBe(64);
      expect(r.stderr).toMatch(/: permission denied; /);
    } finally {
      chmodSync(dir, 0o755);
    }
  });
});
