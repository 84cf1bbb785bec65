import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";

describe("splitbrain with no command, and up --no-tui (no Docker needed)", () => {
  it("splitbrain alone prints the same help as --help, on stdout, and exits 0", async () => {
    const bare = await runCli([]);
    const help = await runCli(["--help"]);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toBe("");
    expect(bare.stdout).toContain("Exit codes: 0 every check passed");
    expect(bare.stdout).toBe(help.stdout);
  });

  it("up takes --no-tui like run, and says so in its help", async () => {
    const help = await runCli(["up", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--no-tui");
    // The flag is known: the usage check after it is what answers.
    const r = await runCli(["up", "--no-tui", "--bug", "ignore-disconnect"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--bug, --candidates and --curator-jars need --candidate <kind>");
    expect(r.stderr).not.toContain("unknown option");
  });
});
