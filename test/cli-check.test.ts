import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { loadFixtures } from "./support/fixtures.js";

const HEADER = '{"type":"meta","v":1,"run":"r","scenario":"demo","seed":7,"startedAt":"2026-01-01T00:00:00Z"}';

function history(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-cli-"));
  const file = join(dir, "history.jsonl");
  writeFileSync(file, `${[HEADER, ...lines].join("\n")}\n`);
  return file;
}

const splitBrain = [
  '{"t":100,"node":"c1","type":"leader","token":"0x10"}',
  '{"t":5000,"node":"nemesis","type":"fault","id":"f1","fault":"partition","targets":["c1"]}',
  '{"t":9000,"node":"c2","type":"leader","token":"0x20"}',
  '{"t":12000,"node":"c1","type":"follower"}',
  '{"t":15000,"node":"nemesis","type":"heal","id":"f1"}',
  '{"t":20000,"node":"c2","type":"log","msg":"end"}',
];

describe("splitbrain check", () => {
  it("every fixture gives its expected exit code", async () => {
    const failures: string[] = [];
    for (const f of loadFixtures()) {
      const r = await runCli(["check", f.history, ...f.expect.args]);
      if (r.code !== f.expect.exit) failures.push(`${f.name}: exit ${r.code}, expected ${f.expect.exit}\n${r.stdout}${r.stderr}`);
      if (f.expect.exit === 64 && f.expect.error !== undefined && !r.stderr.includes(f.expect.error)) {
        failures.push(`${f.name}: stderr lacks "${f.expect.error}":\n${r.stderr}`);
      }
      if (f.expect.exit === 64 && /\n\s+at /.test(r.stderr)) failures.push(`${f.name}: stack trace on bad input:\n${r.stderr}`);
    }
    expect(failures).toEqual([]);
  });

  it("prints a readable summary naming the nodes, window, tokens and faults of a split brain", async () => {
    const r = await runCli(["check", history(splitBrain)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("✗ overlap");
    expect(r.stdout).toContain("✓ liveness");
    expect(r.stdout).toMatch(/split brain: c1 and c2 both led group default for 3\.00 s \(t=9000\.\.12000 ms\)/);
    expect(r.stdout).toContain("tokens c1=0x10 c2=0x20");
    expect(r.stdout).toContain("faults: partition f1 on c1");
    expect(r.stdout).toContain("FAIL: a violation was found");
    expect(r.stdout).not.toContain("\u001b["); // plain when not a TTY
  });

  it("--fencing turns a fenced overlap into a warning and passes", async () => {
    const r = await runCli(["check", history(splitBrain), "--fencing"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("fenced overlap: c1 and c2");
    expect(r.stdout).toContain("✓ fencing");
  });

  it("--json prints a machine-readable verdict on stdout", async () => {
    const r = await runCli(["check", history(splitBrain), "--json", "--tolerance-ms", "5000"]);
    expect(r.code).toBe(0);
    const v = JSON.parse(r.stdout) as {
      valid: boolean;
      exitCode: number;
      options: { toleranceMs: number };
      checkers: Record<string, { valid: boolean }>;
      history: { events: number; scenario: string };
    };
    expect(v.valid).toBe(true);
    expect(v.exitCode).toBe(0);
    expect(v.options.toleranceMs).toBe(5000);
    expect(Object.keys(v.checkers)).toEqual(["overlap", "liveness"]);
    expect(v.history).toMatchObject({ events: 6, scenario: "demo" });
  });

  it("--recovery tightens liveness", async () => {
    const file = history(['{"t":0,"node":"c1","type":"leader"}', '{"t":100,"node":"c1","type":"down"}', '{"t":2100,"node":"c2","type":"leader"}']);
    expect((await runCli(["check", file])).code).toBe(0);
    const r = await runCli(["check", file, "--recovery", "1s"]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("no leader in group default for 2.00 s from t=100 (after c1 stopped leading), until c2 led at t=2100");
  });

  it("--recovery takes a duration as in every command (a bare number is seconds), and refuses hex and durations over 7 days", async () => {
    const file = history(['{"t":0,"node":"c1","type":"leader"}', '{"t":100,"node":"c1","type":"down"}', '{"t":2100,"node":"c2","type":"leader"}']);
    expect((await runCli(["check", file, "--recovery", "1"])).code).toBe(1);
    expect((await runCli(["check", file, "--recovery", "1500ms"])).code).toBe(1);
    expect((await runCli(["check", file, "--recovery", "3s"])).code).toBe(0);
    const hex = await runCli(["check", file, "--recovery", "0x10"]);
    expect(hex.code).toBe(64);
    expect(hex.stderr).toContain("--recovery");
    expect(hex.stderr).toContain('"0x10" is not a duration');
    const huge = await runCli(["check", file, "--recovery", "1000000000000s"]);
    expect(huge.code).toBe(64);
    expect(huge.stderr).toContain('"1000000000000s" is longer than the maximum duration, 7 days (604800000 ms)');
  });

  it("--recovery-ms, the old spelling, still works (milliseconds) with a note; with --recovery it is bad usage", async () => {
    const file = history(['{"t":0,"node":"c1","type":"leader"}', '{"t":100,"node":"c1","type":"down"}', '{"t":2100,"node":"c2","type":"leader"}']);
    const old = await runCli(["check", file, "--recovery-ms", "1000"]);
    expect(old.code).toBe(1);
    expect(old.stderr).toContain("note: --recovery-ms is deprecated; it is --recovery in every command now (--recovery 1000ms)");
    expect((await runCli(["check", file, "--recovery-ms", "3000"])).code).toBe(0);
    const both = await runCli(["check", file, "--recovery-ms", "1000", "--recovery", "1s"]);
    expect(both.code).toBe(64);
    expect(both.stderr).toContain("--recovery and --recovery-ms say the same thing");
  });

  it("judges a saved run with the options its header recorded; a flag overrides them", async () => {
    const header = JSON.stringify({ ...(JSON.parse(HEADER) as object), config: { check: { toleranceMs: 0, recoveryMs: 1000, fencing: true } } });
    const dir = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const file = join(dir, "history.jsonl");
    const lines = ['{"t":0,"node":"c1","type":"leader","token":"1"}', '{"t":100,"node":"c1","type":"down"}', '{"t":2100,"node":"c2","type":"leader","token":"2"}'];
    writeFileSync(file, `${[header, ...lines].join("\n")}\n`);
    const asRun = await runCli(["check", dir]);
    expect(asRun.code).toBe(1);
    expect(asRun.stdout).toContain("1 leaderless period(s) over 1.00 s");
    expect(asRun.stdout).toContain("options: tolerance 0 ms, recovery 1.00 s, fencing on (as the run recorded: tolerance, recovery, fencing; flags override)");
    expect(asRun.stdout).toContain("fencing   tokens increase");
    const overridden = await runCli(["check", dir, "--recovery", "30s", "--no-fencing", "--json"]);
    expect(overridden.code).toBe(0);
    const json = JSON.parse(overridden.stdout) as { options: { recoveryMs: number; fencing: boolean; recorded: string[] }; checkers: object };
    expect(json.options).toEqual({ toleranceMs: 0, recoveryMs: 30_000, fencing: false, possible: "inconclusive", recorded: ["toleranceMs"] });
    expect(Object.keys(json.checkers)).not.toContain("fencing");
  });

  it("--possible decides what an overlap a polled observer never saw at once makes of the check; a bad value is 64 naming the allowed ones", async () => {
    const file = join(import.meta.dirname, "..", "fixtures", "histories", "evidence-exec-unknown-then-follower-unknown.jsonl");
    const byDefault = await runCli(["check", file]);
    expect(byDefault.code).toBe(2);
    expect(byDefault.stdout).toContain("possible overlap (inconclusive): c2 and c3 were never seen leading group default at once by exec");
    expect(byDefault.stdout).not.toContain("split brain");
    expect((await runCli(["check", "--possible", "warn", file])).code).toBe(0);
    const failed = await runCli(["check", "--possible", "fail", "--json", file]);
    expect(failed.code).toBe(1);
    const verdict = JSON.parse(failed.stdout) as { options: { possible: string }; checkers: { overlap: { violations: Array<{ kind: string; evidence: { grade: string } }> } } };
    expect(verdict.options.possible).toBe("fail");
    expect(verdict.checkers.overlap.violations.map((v) => [v.kind, v.evidence.grade])).toEqual([["possible-overlap", "possible"]]);
    const bad = await runCli(["check", "--possible", "maybe", file]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("--possible");
    expect(bad.stderr).toContain("inconclusive, warn, fail");
  });

  it("a header-only history is inconclusive (exit 2)", async () => {
    const r = await runCli(["check", history([])]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("INCONCLUSIVE");
  });

  it("bad input: one clear message naming file and line, exit 64, no stack trace", async () => {
    const file = history(['{"t":1,"node":"c1","type":"leader"}', "{oops"]);
    const r = await runCli(["check", file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}:3: not valid JSON`);
    expect(r.stderr).toContain("hint:");
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(r.stdout).toBe("");
  });

  it("a header field of the wrong type is bad input, with and without --json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-cli-"));
    const file = join(dir, "history.jsonl");
    writeFileSync(file, '{"type":"meta","v":1,"run":"r","scenario":"s","seed":{"toString":null},"startedAt":"x"}\n{"t":1,"node":"c1","type":"leader"}\n');
    for (const args of [[], ["--json"]]) {
      const r = await runCli(["check", file, ...args]);
      expect(r.code).toBe(64);
      expect(r.stderr).toContain(`${file}:1: bad header: seed: `);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe("");
    }
  });

  it("names a missing file and a directory without history.jsonl", async () => {
    const missing = await runCli(["check", "/nonexistent/run"]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("/nonexistent/run: no such file or directory");
    const dir = mkdtempSync(join(tmpdir(), "sb-dir-"));
    const empty = await runCli(["check", dir]);
    expect(empty.code).toBe(64);
    expect(empty.stderr).toContain(`${dir}: is a directory without history.jsonl`);
  });

  it("checks a run directory", async () => {
    const file = history(splitBrain);
    const r = await runCli(["check", join(file, "..")]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(file);
  });

  it("rejects bad flags with exit 64 and names the flag", async () => {
    const r = await runCli(["check", history(splitBrain), "--tolerance-ms", "-3"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("--tolerance-ms");
    const unknown = await runCli(["check", history(splitBrain), "--frobnicate"]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain("unknown option '--frobnicate'");
    expect((await runCli(["check"])).code).toBe(64);
    expect((await runCli(["no-such-command"])).code).toBe(64);
  });
});

describe("splitbrain --help and --version", () => {
  it("--version prints the package version", async () => {
    const r = await runCli(["--version"]);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it("--help lists the commands and the exit codes", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("check [options] <history>");
    expect(r.stdout).toContain("Exit codes: 0 every check passed, 1 a violation was found, 2 inconclusive");
  });

  it("check --help explains the semantics and points to the history format doc", async () => {
    const r = await runCli(["check", "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("--tolerance-ms <ms>");
    expect(r.stdout).toContain("--recovery <time>");
    expect(r.stdout).not.toContain("--recovery-ms <ms>");
    expect(r.stdout).toContain("Touching intervals do not overlap");
    expect(r.stdout).toContain("docs/history-format.md");
  });
});
