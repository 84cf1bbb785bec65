import { describe, expect, it } from "vitest";
import { COMMAND_NAMES } from "../src/cli/main.js";
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

describe("a command loads only its own module, and says the same as with every command loaded", () => {
  it("each command's --help is the help that command has in the whole program; --help lists every command", async () => {
    const all = await runCli(["--help"]);
    for (const name of COMMAND_NAMES) {
      expect(all.stdout, name).toMatch(new RegExp(`^  ${name}\\b`, "m"));
      const alone = await runCli([name, "--help"]);
      expect(alone.code, name).toBe(0);
      const whole = await runCli(["help", name]);
      expect(alone.stdout, name).toBe(whole.stdout);
    }
  });

  it("a misspelt command still gets commander's suggestion, exit 64", async () => {
    const r = await runCli(["chek", "x"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("unknown command 'chek'");
    expect(r.stderr).toContain("Did you mean check?");
  });

  it("--version needs no command, before or after a command name", async () => {
    for (const args of [["--version"], ["-V"], ["check", "--version"]]) {
      const r = await runCli(args);
      expect(r.code, args.join(" ")).toBe(0);
      expect(r.stdout.trim(), args.join(" ")).toMatch(/^\d+\.\d+\.\d+/);
    }
  });
});
