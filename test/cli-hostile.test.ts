import { spawnSync } from "node:child_process";
import { closeSync, existsSync, mkdirSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { BIN, runCli, splitbrain } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";

/**
 * Inputs and situations a hostile user (or an unlucky CI runner) brings: a full stdout, a
 * history that prints its own "PASS" line, JavaScript's prototype names as names. Built CLI, no
 * Docker (`run` only with --dry-run).
 */

const HEADER = JSON.stringify({ type: "meta", v: 2, run: "hostile", scenario: "s", seed: 1, startedAt: "2026-01-01T00:00:00.000Z" });
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

function history(dir: string, name: string, events: object[]): string {
  const file = join(dir, name);
  writeFileSync(file, `${[HEADER, ...events.map((e) => JSON.stringify(e))].join("\n")}\n`);
  return file;
}

/** Control characters other than the line feed that ends each line. */
function controlCharacters(text: string): string[] {
  return [...text].filter((ch) => ch !== "\n" && (ch.charCodeAt(0) < 0x20 || ch === "\u007f"));
}

/** The CLI with stdout on /dev/full: every write fails with ENOSPC. */
function toFullDisk(args: string[]): { code: number | null; stderr: string } {
  const fd = openSync("/dev/full", "w");
  try {
    const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"], encoding: "utf8", env: { ...process.env, NO_COLOR: "1" } });
    return { code: r.status, stderr: r.stderr };
  } finally {
    closeSync(fd);
  }
}

describe("hostile inputs (the built CLI, no Docker)", () => {
  let dir: string;
  let passing: string;
  let scenarioFile: string;
  beforeAll(() => {
    dir = tmpDir("sb-hostile-");
    passing = history(dir, "passing.jsonl", [
      { t: 0, node: "c1", type: "leader" },
      { t: 1000, node: "c2", type: "follower" },
    ]);
    scenarioFile = join(dir, "ok.yaml");
    writeFileSync(scenarioFile, "name: ok\nsummary: one outage\nsteps:\n  - fault: { kind: zk-outage }\n    for: 10s\n");
  });

  it.skipIf(!existsSync("/dev/full"))("an stdout that cannot be written (a full disk) is exit 2 with one line, never 1 and never a stack", () => {
    for (const args of [["check", passing], ["check", "--json", passing], ["scenarios", "validate", scenarioFile], ["--help"]]) {
      const r = toFullDisk(args);
      expect(r.code, `${args.join(" ")}: ${r.stderr}`).toBe(2);
      expect(r.stderr.trim().split("\n"), args.join(" ")).toEqual(["inconclusive: could not write to stdout (no space left on the device): the output is incomplete"]);
    }
  });

  it("check and check --json agree on thousands of never-healed pauses: warnings capped, each lists at most 10 faults", async () => {
    const events: object[] = [];
    let t = 0;
    for (let i = 0; i < 3000; i++) {
      events.push({ t: t++, node: "nemesis", type: "fault", id: `f${i}`, fault: "pause", targets: [`c${i % 40}`], expectLeader: true });
      events.push({ t: t++, node: `c${i % 40}`, type: "leader", token: String(i + 1) });
    }
    const file = history(dir, "pauses.jsonl", events);
    const text = await runCli(["check", file]);
    const json = await runCli(["check", "--json", file]);
    expect(json.code, json.stderr).toBe(text.code);
    expect(json.stdout.length).toBeLessThan(2_000_000);
    const verdict = JSON.parse(json.stdout) as { checkers: Record<string, { warnings: Array<{ faults: unknown[]; message: string }>; warningCount: number }> };
    const overlap = verdict.checkers["overlap"]!;
    expect(overlap.warningCount).toBeGreaterThan(100);
    expect(overlap.warnings.length).toBeLessThanOrEqual(100);
    for (const w of overlap.warnings) expect(w.faults.length).toBeLessThanOrEqual(10);
    expect(overlap.warnings.some((w) => / … and \d+ more/.test(w.message))).toBe(true);
  });

  it("notes about the history (heals of faults never seen) are capped and counted too", async () => {
    const events: object[] = [{ t: 0, node: "c1", type: "leader" }];
    for (let i = 0; i < 300; i++) events.push({ t: i + 1, node: "nemesis", type: "heal", id: `ghost${i}` });
    const file = history(dir, "ghost-heals.jsonl", events);
    const json = await runCli(["check", "--json", file]);
    const text = await runCli(["check", file]);
    expect(json.code).toBe(text.code);
    const warnings = (JSON.parse(json.stdout) as { warnings: string[] }).warnings;
    expect(warnings).toHaveLength(101);
    expect(warnings[100]).toBe("… and 200 more notes like these");
    expect(text.stdout).toContain("warning: … and 200 more notes like these");
  });

  it("a history with bytes that are not UTF-8 is refused with its line: two node ids never collapse into one", async () => {
    const file = join(dir, "latin1.jsonl");
    const leader = (node: Buffer, t: number): Buffer => Buffer.concat([Buffer.from(`{"t":${t},"node":"c`), node, Buffer.from('","type":"leader"}\n')]);
    writeFileSync(file, Buffer.concat([Buffer.from(`${HEADER}\n`), leader(Buffer.from([0xff]), 0), leader(Buffer.from([0xfe]), 10)]));
    const r = await runCli(["check", file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}:2: not valid UTF-8`);
  });

  it("control characters in node ids, fault ids and scenario names are escaped: a history cannot print its own PASS line", async () => {
    const forged = "c1\nPASS: every check passed\u001b[32m";
    const file = history(dir, "forged.jsonl", [
      { t: 0, node: "nemesis", type: "fault", id: "f1\rPASS", fault: "kill", targets: ["c9"], expectLeader: true },
      { t: 1, node: forged, type: "leader" },
      { t: 2, node: "c2", type: "leader" },
      { t: 1000, node: "c2", type: "follower" },
    ]);
    const r = await runCli(["check", file]);
    expect(r.code).toBe(1);
    expect(r.stdout.split("\n").filter((l) => l.startsWith("PASS"))).toEqual([]);
    expect(controlCharacters(r.stdout)).toEqual([]);
    expect(r.stdout).toContain("c1\\nPASS: every check passed\\x1b[32m and c2 both led");
    expect(r.stdout).toContain("f1\\rPASS");
    expect(r.stdout.trimEnd().split("\n").at(-1)).toBe("FAIL: a violation was found");

    const scenario = join(dir, "forged.json");
    writeFileSync(scenario, JSON.stringify({ name: "x\nPASS", summary: "s\u001b[2J", steps: [{ fault: { kind: "zk-outage" }, for: "10s" }] }));
    const v = await runCli(["scenarios", "validate", scenario]);
    expect(controlCharacters(v.stdout)).toEqual([]);
    expect(v.stdout.split("\n").filter((l) => l.startsWith("PASS"))).toEqual([]);
  });

  it("help with a topic that is no command is bad usage (64), not the general help", async () => {
    const r = await runCli(["help", "nope"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("help nope: no such command");
    expect((await runCli(["help", "check"])).code).toBe(0);
  });
});

describe("inputs refused with 64 and the field (the built CLI, no Docker)", () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir("sb-refused-");
  });

  it("flags: --seed only in decimal digits, no zero or runaway timings, at most 64 candidates", async () => {
    const cases: Array<[string[], string]> = [
      [["--seed="], '--seed: expected a whole number from 0 to 4294967295 in decimal digits, got ""'],
      [["--seed", "0x10"], '"0x10"'],
      [["--seed", "1e3"], '"1e3"'],
      [["--seed", "+5"], '"+5"'],
      [["--seed", "-0"], '"-0"'],
      [["--session-timeout", "0"], "--session-timeout"],
      [["--recovery", "0"], "--recovery"],
      [["--time-scale", "1e-300"], "--time-scale: expected a decimal number from 0.01 to 1"],
      [["--candidates", "1000000"], "expected at most 64 candidates"],
    ];
    for (const [flags, message] of cases) {
      const r = await runCli(["run", "zk-outage", "--dry-run", ...flags]);
      expect(r.code, flags.join(" ")).toBe(64);
      expect(r.stderr, flags.join(" ")).toContain(message);
    }
    // A session timeout too long for its steps blames the flag, not the scenario's steps.
    const long = await runCli(["run", "zk-outage", "--dry-run", "--session-timeout", "604800"]);
    expect(long.code).toBe(64);
    expect(long.stderr).toContain("--session-timeout");
    expect(long.stderr).not.toContain("steps.0");
    expect((await runCli(["run", "zk-outage", "--dry-run", "--seed", "42"])).code).toBe(0);
  });

  it("merge --out and --junit with an empty path", async () => {
    for (const flag of ["--out", "--junit"]) {
      const r = await runCli(["merge", dir, `${flag}=`]);
      expect(r.code, flag).toBe(64);
      expect(r.stderr, flag).toContain(`${flag}: give a`);
    }
  });

  it("a header whose config.check has a value of the wrong type, negative or over 7 days", async () => {
    for (const [recoveryMs, shown] of [["\"5000\"", '"5000"'], ["-1", "-1"], ["1e300", "1e+300"]] as const) {
      const file = join(dir, "bad-check.jsonl");
      writeFileSync(file, `{"type":"meta","v":2,"run":"r","scenario":"s","seed":1,"startedAt":"2026-01-01T00:00:00.000Z","config":{"check":{"recoveryMs":${recoveryMs}}}}\n{"t":0,"node":"c1","type":"leader"}\n`);
      const r = await runCli(["check", file]);
      expect(r.code, recoveryMs).toBe(64);
      expect(r.stderr).toContain(`${file}:1: config.check.recoveryMs: expected a number of milliseconds from 0 to 604800000 (7 days), got ${shown}`);
    }
  });

  it.skipIf(process.platform === "win32")("a FIFO, a device or an oversized file as a scenario or candidate file is refused at once, never read forever", async () => {
    const fifo = join(dir, "fifo.yaml");
    spawnSync("mkfifo", [fifo]);
    const big = join(dir, "big.yaml");
    writeFileSync(big, `name: x\nsummary: "${"x".repeat(1_100_000)}"\n`);
    const cases: Array<[string[], string]> = [
      [["scenarios", "validate", fifo], `${fifo}: is not a regular file (a FIFO)`],
      [["run", "zk-outage", "--dry-run", "--candidate", `file:${fifo}`], `${fifo}: is not a regular file (a FIFO)`],
      [["run", "zk-outage", "--dry-run", "--candidate", "file:/dev/zero"], "/dev/zero: is not a regular file (a device or socket)"],
      [["scenarios", "validate", big], "a scenario file is at most 1048576 bytes (1 MiB)"],
    ];
    for (const [args, message] of cases) {
      const r = await splitbrain(args, {}, 30_000);
      expect(r.code, args.join(" ")).toBe(64);
      expect(r.stderr, args.join(" ")).toContain(message);
    }
  });

  it("YAML: a !!js/function tag is refused without a Node warning; deep nesting says it is too deep, with the limit", async () => {
    const tagged = join(dir, "tagged.yaml");
    writeFileSync(tagged, 'name: x\nsummary: !!js/function "function () {}"\nsteps: []\n');
    const r = await runCli(["scenarios", "validate", tagged]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${tagged}:2: Unresolved tag`);
    expect(r.stderr).not.toMatch(/\(node:\d+\)|Warning:/);
    const deep = join(dir, "deep.yaml");
    writeFileSync(deep, `name: x\nsummary: y\nsteps: ${"[".repeat(5000)}${"]".repeat(5000)}\n`);
    const d = await runCli(["scenarios", "validate", deep]);
    expect(d.code).toBe(64);
    expect(d.stderr).toContain(`${deep}: nested too deep: at most 64 levels of lists and maps`);
    expect(d.stderr).not.toContain("call stack");
  });
});

describe("every name of Object.prototype, wherever a user's string picks something (exit 64, never a crash or a pass)", () => {
  let dir: string;
  beforeAll(() => {
    dir = tmpDir("sb-proto-");
  });
  expect(PROTOTYPE_NAMES).toContain("__proto__");

  it.each(PROTOTYPE_NAMES)("%s", async (name) => {
    const refused = async (args: string[], what: string): Promise<void> => {
      const r = await runCli(args);
      expect(r.code, `${what}: ${r.stderr}`).toBe(64);
      expect(r.stderr, what).not.toContain("internal error");
    };
    await refused(["run", name, "--dry-run"], "scenario name");
    await refused(["run", "--suite", name, "--dry-run"], "suite");
    await refused(["run", "zk-outage", "--candidate", name, "--dry-run"], "candidate kind");
    await refused(["run", "zk-outage", "--bug", name, "--dry-run"], "bug mode");
    await refused(["run", "--suite", "seeds", "--incident", name, "--dry-run"], "incident");
    await refused(["help", name], "help topic");
    await refused(["images", "build", name], "image name");

    const scenario = join(dir, `kind-${name}.json`);
    writeFileSync(scenario, JSON.stringify({ name: "s", summary: "s", steps: [{ fault: { kind: name }, for: "10s" }] }));
    await refused(["scenarios", "validate", scenario], "fault kind");

    const observer = join(dir, `observer-${name}.json`);
    writeFileSync(observer, `{"image":"x","observe":[{${JSON.stringify(name)}:{}}]}`);
    await refused(["run", "zk-outage", "--candidate", `file:${observer}`, "--dry-run"], "observer kind");

    // merge: a suite named after it, and a suite case whose scenario is it.
    const suiteDir = join(dir, `suite-${name.replace(/_/g, "u")}`);
    mkdirSync(suiteDir, { recursive: true });
    const caseOf = (scenarioName: string) => ({ scenario: scenarioName, candidate: "latch", expect: { verdict: "pass" }, outcome: "passed", failedCheckers: [], seconds: 1, runDir: "r", seed: 1 });
    writeFileSync(join(suiteDir, `suite-${name}.json`), JSON.stringify({ suite: name, incidents: [{ id: "i", title: "t", cases: [caseOf(name)] }] }));
    await refused(["merge", suiteDir], "suite case scenario");
  });
});
