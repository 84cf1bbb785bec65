import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";
import { FIXTURE_DIR } from "./support/fixtures.js";

const FAILING = join(FIXTURE_DIR, "seeds", "false-death-partition-leader-latch-ignore-disconnect");

describe("splitbrain run --repeat (no Docker needed)", () => {
  it("--dry-run prints the seeds derived from --seed, and compiles each run's schedule", async () => {
    const r = await runCli(["run", "random", "--duration", "1m", "--repeat", "3", "--seed", "5", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/--repeat 3: seeds 5, \d+, \d+ \(derived from --seed 5\)/);
    expect(r.stdout).toContain("dry run: 3 scenario(s) compiled");
    // random draws its faults from the seed: the three schedules differ
    const firstFaults = r.stdout.split("\n").filter((l) => / inject r1: /.test(l));
    expect(firstFaults).toHaveLength(3);
    expect(new Set(firstFaults.map((l) => l.replace(/^\s*[\d.]+s\s*/, ""))).size).toBeGreaterThan(1);
  });

  it("--repeat 0, and --until-fail without --repeat: exit 64 with the reason", async () => {
    const zero = await runCli(["run", "--repeat", "0"]);
    expect(zero.code).toBe(64);
    expect(zero.stderr).toContain("'--repeat <n>' argument '0' is invalid. expected a whole number > 0");
    const suiteUntil = await runCli(["run", "--suite", "seeds", "--until-fail"]);
    expect(suiteUntil.code).toBe(64);
    expect(suiteUntil.stderr).toContain("--until-fail applies to --repeat");
    const until = await runCli(["run", "--until-fail"]);
    expect(until.code).toBe(64);
    expect(until.stderr).toContain("--until-fail applies to --repeat");
  });

  it("--suite --repeat: every case once per derived seed, --shard splitting the runs", async () => {
    const all = await runCli(["run", "--suite", "seeds", "--incident", "false-death", "--repeat", "4", "--seed", "5", "--dry-run"]);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stdout).toMatch(/--repeat 4: 20 run\(s\); seeds 5, \d+, \d+, \d+ \(derived from --seed 5\)/);
    const seeds = /seeds ([\d, ]+) \(derived/.exec(all.stdout)?.[1];
    const shard = await runCli(["run", "--suite", "seeds", "--incident", "false-death", "--repeat", "4", "--seed", "5", "--shard", "3/5", "--dry-run"]);
    expect(shard.code, shard.stderr).toBe(0);
    // runs 3, 8, 13 and 18 of the 20 (5 cases x 4 seeds, each case's repeats together)
    expect(shard.stdout).toContain("--repeat 4: 4 run(s)");
    expect(shard.stdout).toContain(`seeds ${seeds}`);
    const none = await runCli(["run", "--suite", "seeds", "--incident", "false-death", "--repeat", "1", "--shard", "6/6"]);
    expect(none.code, none.stderr).toBe(0);
    expect(none.stdout).toContain("no cases (5 suite run(s) over 6 shards)");
  });

  it("--shard splits the repeats, not only the scenarios", async () => {
    const r = await runCli(["run", "partition-leader", "--repeat", "5", "--seed", "1", "--shard", "2/2", "--dry-run"]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("dry run: 2 scenario(s) compiled");
  });
});

/** A run directory as `run --repeat --out` leaves one: a recorded run with its reports. */
async function repeatRunDir(dir: string, valid: boolean): Promise<string> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(join(FAILING, "history.jsonl"), join(dir, "history.jsonl"));
  copyFileSync(join(FAILING, "run.json"), join(dir, "run.json"));
  const r = await runCli(["report", dir]);
  expect(r.code, r.stderr).toBe(1);
  if (valid) {
    const file = join(dir, "verdict.json");
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, "utf8")), valid: true }));
  }
  return dir;
}

async function shard(root: string, runs: Array<{ index: number; seed: number; failed: boolean }>): Promise<string> {
  mkdirSync(root, { recursive: true });
  const records = [];
  for (const r of runs) {
    const runDir = await repeatRunDir(join(root, `partition-leader-00${r.index}`), !r.failed);
    records.push({ scenario: "partition-leader", index: r.index, seed: r.seed, valid: !r.failed, violations: r.failed ? ["overlap/overlap"] : [], seconds: 50, runDir });
  }
  writeFileSync(join(root, "repeat.json"), JSON.stringify({ repeat: { baseSeed: 1, count: 4 }, runs: records }));
  return root;
}

describe("splitbrain merge of repeats", () => {
  it("joins the shards of one repeat into one failure rate, with failing seeds, JUnit naming the rate", async () => {
    const base = tmpDir("sb-repeat-merge-");
    const a = await shard(join(base, "shard-1"), [
      { index: 1, seed: 1, failed: true },
      { index: 3, seed: 33, failed: false },
    ]);
    const b = await shard(join(base, "shard-2"), [
      { index: 2, seed: 22, failed: true },
      { index: 4, seed: 44, failed: false },
    ]);
    const junit = join(base, "merged.xml");
    const r = await runCli(["merge", a, b, "--junit", junit, "--out", join(base, "merged")]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("splitbrain merge: 4 repeated run(s) from 2 directories");
    expect(r.stdout).toMatch(/partition-leader +failed 2\/4 \(95% CI 15\.0%-85\.0%\)/);
    expect(r.stdout).toContain("overlap/overlap in 2 run(s)");
    expect(r.stdout).toContain("failing seeds: 1, 22");
    const xml = readFileSync(junit, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('name="failure rate"');
    expect(xml).toContain('message="failed 2/4 (95% CI 15.0%-85.0%)"');
    const json = JSON.parse(readFileSync(join(base, "merged", "merge.json"), "utf8")) as { runs: unknown[]; repeats: Array<{ rate: string; failingSeeds: number[] }> };
    // the repeat's run directories are not counted again as plain runs
    expect(json.runs).toEqual([]);
    expect(json.repeats[0]?.failingSeeds).toEqual([1, 22]);
  });

  it("a repeat.json that is not one splitbrain writes: exit 64 naming it", async () => {
    const dir = tmpDir("sb-repeat-bad-");
    writeFileSync(join(dir, "repeat.json"), JSON.stringify({ repeat: { baseSeed: 1, count: 0 }, runs: [] }));
    const r = await runCli(["merge", dir]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${join(dir, "repeat.json")}: not a repeat.json as splitbrain writes it: repeat.count:`);
  });
});
