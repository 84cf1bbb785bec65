import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";
import { FIXTURE_DIR } from "./support/fixtures.js";

const SEEDS = join(FIXTURE_DIR, "seeds");

/** A run directory from a fixture history: history.jsonl (and run.json), reports by `splitbrain report`. */
async function runDir(dir: string, from: { history: string; runJson?: string }, report = true): Promise<string> {
  mkdirSync(dir, { recursive: true });
  copyFileSync(from.history, join(dir, "history.jsonl"));
  if (from.runJson !== undefined) copyFileSync(from.runJson, join(dir, "run.json"));
  if (report) {
    const r = await runCli(["report", dir]);
    expect(r.code, r.stderr).toBeLessThan(64);
  }
  return dir;
}

const fixture = (name: string) => ({ history: join(FIXTURE_DIR, `${name}.jsonl`) });
const recorded = (name: string) => ({ history: join(SEEDS, name, "history.jsonl"), runJson: join(SEEDS, name, "run.json") });

interface CaseJson {
  scenario: string;
  candidate: string;
  expect: object;
  outcome: string;
  failedCheckers: string[];
  dir: string;
  index?: number;
}

/** A suite result as `run --suite seeds --out` writes it: suite-seeds.json and the cases' run directories beside it. */
function suiteDir(dir: string, incidents: Array<{ id: string; title: string; cases: CaseJson[] }>): string {
  mkdirSync(dir, { recursive: true });
  const json = {
    suite: "seeds",
    incidents: incidents.map((i) => ({
      id: i.id,
      title: i.title,
      reproduced: true,
      correctPassed: true,
      // Recorded where the suite ran (another machine): merge finds the case beside the file.
      cases: i.cases.map((c) => ({ ...c, dir: undefined, seconds: 47, runDir: `runs/ci/${c.dir}`, seed: 11 })),
    })),
  };
  writeFileSync(join(dir, "suite-seeds.json"), `${JSON.stringify(json, null, 2)}\n`);
  return dir;
}

describe("splitbrain merge (no Docker)", () => {
  let root: string;
  let shard1: string;
  let shard2: string;
  let unknown: string;
  let unfinished: string;
  beforeAll(async () => {
    root = tmpDir("sb-merge-");
    // Shard 1 ran two scenarios: a directory of run directories, as `run --out` writes it.
    shard1 = join(root, "shard-1");
    await runDir(join(shard1, "zk-total-loss"), fixture("liveness-gap-after-heal-pass"));
    await runDir(join(shard1, "partition-leader"), fixture("groups-follower-scoped-pass"));
    // Shard 2 ran one: its --out is the run directory itself; it found a split brain.
    shard2 = await runDir(join(root, "shard-2"), recorded("false-death-partition-leader-latch-ignore-disconnect"));
    unknown = await runDir(join(root, "unknown"), fixture("format-header-only-unknown"));
    // A run that never got to its verdict (the runner died): history and run.json only.
    unfinished = await runDir(join(root, "unfinished"), recorded("druid-double-leader-zk-outage-curator-latch"), false);
  }, 600_000);

  it("--junit where a file stands in the path: one line naming it, exit 2, no stack; a missing directory is created", async () => {
    const blocker = join(root, "not-a-dir");
    writeFileSync(blocker, "");
    const bad = join(blocker, "merged.xml");
    const r = await runCli(["merge", shard1, "--junit", bad]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`cannot write ${bad}: a part of the path is a file, not a directory`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const fresh = join(root, "new", "dir", "merged.xml");
    expect((await runCli(["merge", shard1, "--junit", fresh])).code).toBe(0);
    expect(readFileSync(fresh, "utf8")).toContain("<testsuites");
  });

  it("joins shards into one table, one JUnit file, merge.json and the worst exit code", async () => {
    const out = join(root, "merged");
    const junit = join(root, "all.xml");
    const r = await runCli(["merge", shard1, shard2, "--out", out, "--junit", junit]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toContain("splitbrain merge: 3 run(s) from 2 directories");
    // The fixture histories call their scenario "fixture"; the rows keep the directories' order.
    expect(r.stdout).toMatch(/fixture\s+PASS\s+seed 1, \S*shard-1\/partition-leader\n.*fixture\s+PASS\s+seed 1, \S*shard-1\/zk-total-loss\n/);
    expect(r.stdout).toMatch(/partition-leader\s+FAIL \(overlap\)\s+46\.9 s, seed 11, .*shard-2\n/);
    expect(r.stdout).toContain("FAIL: a violation was found");
    const xml = readFileSync(junit, "utf8");
    expect(xml.match(/<\?xml/g)).toHaveLength(1);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml).toMatch(/<testsuites name="splitbrain" tests="\d+" failures="1" errors="0"/);
    expect(readFileSync(join(out, "junit.xml"), "utf8")).toBe(xml);
    const data = JSON.parse(readFileSync(join(out, "merge.json"), "utf8")) as { exitCode: number; runs: Array<{ valid: unknown }> };
    expect(data.exitCode).toBe(1);
    expect(data.runs.map((x) => x.valid)).toEqual([true, true, false]);
  });

  it("all passed: exit 0; inconclusive and no violation: 2; a violation wins over inconclusive: 1", async () => {
    const pass = await runCli(["merge", shard1]);
    expect(pass.code).toBe(0);
    expect(pass.stdout).toMatch(/PASS\n$/);
    const unsure = await runCli(["merge", shard1, unknown]);
    expect(unsure.code).toBe(2);
    expect(unsure.stdout).toMatch(/INCONCLUSIVE\n$/);
    expect((await runCli(["merge", unknown, shard2, shard1])).code).toBe(1);
  });

  it("a run directory without verdict.json did not finish: inconclusive, never a pass", async () => {
    const r = await runCli(["merge", shard1, unfinished]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/zk-outage\s+INCONCLUSIVE \(no verdict.json: the run did not finish\)/);
  });

  it("a directory with no results, or none at all: exit 64 naming it", async () => {
    const empty = join(root, "empty");
    mkdirSync(join(empty, "nothing-here"), { recursive: true });
    const r = await runCli(["merge", shard1, empty]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${empty}: holds no results`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const missing = await runCli(["merge", join(root, "no-such-dir")]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain(`${join(root, "no-such-dir")}: no such directory`);
    expect((await runCli(["merge"])).code).toBe(64);
  });

  it("a verdict.json that is not one names the file", async () => {
    const bad = join(root, "bad-verdict");
    mkdirSync(bad, { recursive: true });
    writeFileSync(join(bad, "verdict.json"), '{"valid": "maybe"}\n');
    const r = await runCli(["merge", bad]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${join(bad, "verdict.json")}: not a verdict.json as splitbrain writes it: valid:`);
  });

  it("joins the shards of a suite run into one suite report with the suite's exit code", async () => {
    const falseDeath = "01-false-death-partition-leader-latch-ignore-disconnect";
    const druid = "01-druid-double-leader-zk-outage-curator-latch";
    const a = suiteDir(join(root, "suite-shard-1"), [
      {
        id: "false-death",
        title: "'False death': a master cut off from ZooKeeper keeps acting",
        cases: [{ scenario: "partition-leader", candidate: "latch --bug ignore-disconnect", expect: { verdict: "violation", by: ["overlap"] }, outcome: "reproduced", failedCheckers: ["overlap"], dir: falseDeath }],
      },
    ]);
    await runDir(join(a, falseDeath), recorded("false-death-partition-leader-latch-ignore-disconnect"));
    const b = suiteDir(join(root, "suite-shard-2"), [
      {
        id: "druid-double-leader",
        title: "Apache Druid: two Coordinators lead at once while ZooKeeper fails (CURATOR-696)",
        cases: [{ scenario: "zk-outage", candidate: "curator-latch", expect: { verdict: "violation", by: ["overlap"] }, outcome: "reproduced", failedCheckers: ["overlap"], dir: druid }],
      },
    ]);
    await runDir(join(b, druid), recorded("druid-double-leader-zk-outage-curator-latch"));
    const junit = join(root, "suite.xml");
    const r = await runCli(["merge", a, b, "--junit", junit]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain("splitbrain merge: 2 suite case(s) from 2 directories");
    // The suite's own order: druid-double-leader comes before false-death.
    expect(r.stdout.indexOf("Apache Druid")).toBeLessThan(r.stdout.indexOf("False death"));
    expect(r.stdout).toMatch(/zk-outage\s+curator-latch\s+reproduced by overlap/);
    expect(r.stdout).toContain(join(a, falseDeath));
    expect(readFileSync(junit, "utf8")).toMatch(/<testsuites name="splitbrain" tests="2" failures="0" errors="0"/);

    // A shard whose bug went unnoticed fails the merged gate.
    const missed = suiteDir(join(root, "suite-shard-3"), [
      {
        id: "parabol-window",
        title: "Parabol: primary chosen only in a 30 s start-up window",
        cases: [{ scenario: "rejoin-after-30s", candidate: "latch --bug startup-window", expect: { verdict: "violation", by: ["overlap", "liveness"] }, outcome: "missed", failedCheckers: [], dir: "01-parabol" }],
      },
    ]);
    const bad = await runCli(["merge", a, b, missed]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("NOT reproduced");
    expect(existsSync(join(missed, "01-parabol"))).toBe(false);
  });
  it("joins the shards of a repeated suite (run --suite --repeat) into one rate per case", async () => {
    const title = "'False death': a master cut off from ZooKeeper keeps acting";
    const one = (index: number, outcome: string) => ({
      id: "false-death",
      title,
      cases: [{ scenario: "partition-leader", candidate: "latch --bug ignore-disconnect", expect: { verdict: "violation", by: ["overlap"] }, outcome, failedCheckers: outcome === "reproduced" ? ["overlap"] : [], dir: `08-false-death-00${index}`, index }],
    });
    const a = suiteDir(join(root, "suite-rep-1"), [one(1, "reproduced"), one(3, "reproduced")]);
    const b = suiteDir(join(root, "suite-rep-2"), [one(2, "missed")]);
    const r = await runCli(["merge", a, b]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("splitbrain merge: 3 suite case(s) from 2 directories");
    expect(r.stdout).toMatch(/partition-leader #2\s+latch --bug ignore-disconnect\s+NOT reproduced/);
    expect(r.stdout).toContain("false-death: partition-leader, latch --bug ignore-disconnect  reproduced 2/3; missed 1/3 (95% CI 6.1%-79.2%)");
  });

  it("a failing run beside a suite result counts: everything merge finds is judged", async () => {
    const mixed = suiteDir(join(root, "mixed"), [
      {
        id: "parabol-window",
        title: "Parabol: primary chosen only in a 30 s start-up window",
        cases: [{ scenario: "rejoin-after-30s", candidate: "latch", expect: { verdict: "pass" }, outcome: "passed", failedCheckers: [], dir: "01-parabol" }],
      },
    ]);
    await runDir(join(mixed, "01-parabol"), fixture("liveness-gap-after-heal-pass"));
    await runDir(join(mixed, "bad"), recorded("false-death-partition-leader-latch-ignore-disconnect"));
    const r = await runCli(["merge", mixed]);
    expect(r.code, r.stdout).toBe(1);
    expect(r.stdout).toContain("splitbrain merge: 1 run(s) and 1 suite case(s)");
    expect(r.stdout).toContain(join(mixed, "bad"));
  });

  it("a verdict.json that is a directory is named as such, not as invalid JSON", async () => {
    const odd = join(root, "odd");
    mkdirSync(join(odd, "verdict.json"), { recursive: true });
    const r = await runCli(["merge", odd]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${join(odd, "verdict.json")}: is not a regular file`);
    expect(r.stderr).not.toContain("EISDIR");
  });
});
