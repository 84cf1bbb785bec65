import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

describe("splitbrain run --parallel and --engines: usage (no Docker needed)", () => {
  it("--parallel takes a whole number of at least 1", async () => {
    for (const bad of ["0", "1.5"]) {
      const r = await runCli(["run", "--parallel", bad, "--dry-run"]);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain("--parallel");
      expect(r.stderr).toContain(`expected a whole number > 0 in decimal digits, got "${bad}"`);
    }
  });

  it("--engines takes engine addresses, each once", async () => {
    const bad = await runCli(["run", "--engines", "unix:///var/run/docker.sock,localhost:2375", "--dry-run"]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain('"localhost:2375" is not an engine address');
    const twice = await runCli(["run", "--engines", "unix:///a.sock, unix:///a.sock", "--dry-run"]);
    expect(twice.code).toBe(64);
    expect(twice.stderr).toContain("an engine is listed twice");
  });

  it("a bad SPLITBRAIN_ENGINES is exit 64 naming the variable, also in a dry run and for a suite", async () => {
    const r = await runCli(["run", "--dry-run"], { SPLITBRAIN_ENGINES: "docker-host-2" });
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('SPLITBRAIN_ENGINES: "docker-host-2" is not an engine address');
    const suite = await runCli(["run", "--suite", "seeds", "--dry-run"], { SPLITBRAIN_ENGINES: "docker-host-2" });
    expect(suite.code).toBe(64);
    expect(suite.stderr).toContain("SPLITBRAIN_ENGINES");
  });

  it("the flags are accepted with a good value, and --help explains them", async () => {
    const r = await runCli(["run", "--parallel", "3", "--engines", "unix:///var/run/docker.sock,tcp://10.0.0.2:2376", "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("dry run: 3 scenario(s) compiled");
    const help = await runCli(["run", "--help"]);
    expect(help.stdout).toContain("--parallel <n>");
    expect(help.stdout).toContain("--engines <list>");
    expect(help.stdout).toContain("each on its own");
  });
});
