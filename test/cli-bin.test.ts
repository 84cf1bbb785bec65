import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, splitbrain } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";
import { loadFixtures } from "./support/fixtures.js";

// The other CLI tests call the CLI in this process (runCli). These start bin/splitbrain itself, as
// a user does: its process, its exit status and its output streams.

/** One fixture for each exit code `check` gives: 0 (with a flag), 1, 2 and 64. */
const REPRESENTATIVE = ["fencing-hex-fenced-overlap-pass", "overlap-500ms-fail", "format-header-only-unknown", "bad-empty-file"];

/** util-linux's `script` gives a command a terminal; without it the live-view case is skipped, saying so. */
const SCRIPT = ["/usr/bin/script", "/bin/script"].find((p) => existsSync(p));
if (SCRIPT === undefined) console.warn("SKIPPING the live-view case of test/cli-bin.test.ts: no `script` (util-linux) to give it a terminal");

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

  it.skipIf(SCRIPT === undefined)("on a terminal, `up` shows the live view (loaded only then); in a pipe, plain lines", async () => {
    // A user's terminal, not CI: under CI=true (as .ci/run runs) the live view is off by design.
    const env = { ...process.env, CI: "", NO_COLOR: "1", DOCKER_HOST: "unix:///nonexistent/docker.sock" };
    const out = `${tmpDir("sb-tty-")}/run`;
    const command = `stty cols 100 rows 30; "${process.execPath}" "${BIN}" up --duration 1s --out "${out}"`;
    const terminal = await new Promise<string>((resolve) =>
      execFile(SCRIPT as string, ["-qec", command, "/dev/null"], { env, encoding: "utf8", timeout: 60_000 }, (_err, stdout) => resolve(stdout)),
    );
    expect(terminal).toContain("Timeline (last 60s)");
    expect(terminal).toContain("Docker is not reachable at unix:///nonexistent/docker.sock");
    const pipe = await splitbrain(["up", "--duration", "1s", "--out", `${out}-pipe`], { DOCKER_HOST: "unix:///nonexistent/docker.sock" });
    expect(pipe.code).toBe(2);
    expect(pipe.stdout + pipe.stderr).not.toContain("Timeline (last 60s)");
    expect(pipe.stderr).toContain("Docker is not reachable at unix:///nonexistent/docker.sock");
  });
});
