import { describe, expect, it } from "vitest";
import { splitbrain } from "./support/cli.js";
import { loadFixtures } from "./support/fixtures.js";

// The other CLI tests call the CLI in this process (runCli). These start bin/splitbrain itself, as
// a user does: its process, its exit status and its output streams.

/** One fixture for each exit code `check` gives: 0 (with a flag), 1, 2 and 64. */
const REPRESENTATIVE = ["fencing-hex-fenced-overlap-pass", "overlap-500ms-fail", "format-header-only-unknown", "bad-empty-file"];

describe("bin/splitbrain (a real process)", () => {
  it("--version prints the package version and exits 0", async () => {
    const r = await splitbrain(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("check gives each fixture's exit code as the process's exit status, one per code", async () => {
    const fixtures = loadFixtures().filter((f) => REPRESENTATIVE.includes(f.name));
    expect(fixtures.map((f) => f.expect.exit).sort((a, b) => a - b)).toEqual([0, 1, 2, 64]);
    for (const f of fixtures) {
      const r = await splitbrain(["check", f.history, ...f.expect.args]);
      expect(r.code, `${f.name}\n${r.stdout}${r.stderr}`).toBe(f.expect.exit);
      if (f.expect.exit === 64) {
        expect(r.stderr).toContain(f.expect.error);
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
  });

  it("a bad flag: exit 64 and the usage hint on stderr", async () => {
    const r = await splitbrain(["check", "--no-such-flag", "x"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown option '--no-such-flag'");
    expect(r.stdout).toBe("");
  });
});
