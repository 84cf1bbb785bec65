import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";

const SEEDS = join(import.meta.dirname, "..", "fixtures", "histories", "seeds");

describe("splitbrain run/replay/scenarios: usage errors (no Docker needed)", () => {
  it("an unknown candidate kind or bug mode: exit 64 listing the valid ones", async () => {
    const kind = await runCli(["run", "--candidate", "raft"]);
    expect(kind.code).toBe(64);
    expect(kind.stderr).toContain('unknown candidate kind "raft"');
    expect(kind.stderr).toContain("latch, lease, curator-latch, curator-selector, patroni, patroni-defaults, image:<ref>");
    const bug = await runCli(["run", "--bug", "sometimes"]);
    expect(bug.code).toBe(64);
    expect(bug.stderr).toContain("Valid bug modes of latch: ignore-disconnect, no-path-recreate, startup-window, cached-belief.");
  });

  it("clock faults are planned for every built-in candidate kind (each image has libfaketime)", async () => {
    for (const kind of ["curator-latch", "curator-selector", "patroni"]) {
      const r = await runCli(["run", "partition-leader", "clock-skew-follower", "--candidate", kind, "--dry-run"]);
      expect(r.code, `${kind}: ${r.stderr}`).toBe(0);
      expect(r.stdout).toContain("inject f1: clock-skew +30s on follower (leader expected: yes)");
    }
    const dry = await runCli(["run", "clock-skew-follower", "clock-strobe-leader", "--candidate", "lease", "--dry-run"]);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("inject f1: clock-skew +30s on follower (leader expected: yes)");
    expect(dry.stdout).toContain("inject f1: clock-strobe -30s every 1000ms on leader (leader expected: yes)");
  });

  it("a bad candidate file: exit 64 with path: message lines, before anything starts", async () => {
    const file = join(tmpDir("sb-cand-"), "svc.yaml");
    writeFileSync(file, "image: x\nobserve:\n  - http: { port: 99999 }\n  - zk: { leaderKey: /a, electionPath: /b }\n");
    const r = await runCli(["run", "partition-leader", "--candidate", `file:${file}`]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}: observe.0.http.port: Too big`);
    expect(r.stderr).toContain(`${file}: observe.1.zk: give exactly one of leaderKey and electionPath`);
    const missing = await runCli(["run", "--candidate", "file:/nonexistent/svc.yaml"]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain("/nonexistent/svc.yaml: cannot read the candidate file (ENOENT)");
  });

  it("--candidate-env takes NAME=value only", async () => {
    const r = await runCli(["run", "--candidate-env", "no-equals"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('--candidate-env: expected NAME=value, got "no-equals"');
  });

  it("an unknown scenario: exit 64 listing the scenarios", async () => {
    const r = await runCli(["run", "zk-meltdown"]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain('unknown scenario "zk-meltdown"');
    expect(r.stderr).toContain("zk-total-loss, partition-leader, rejoin-after-30s");
  });

  it("a bad scenario file: exit 64 with path: message lines", async () => {
    const file = join(tmpDir("sb-scen-"), "bad.yaml");
    writeFileSync(file, "name: Bad\nsteps:\n  - wait: soon\n  - fault: { kind: explode }\n    for: 1s\n");
    const r = await runCli(["run", "--scenario-file", file]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}: name: lowercase letters`);
    expect(r.stderr).toContain(`${file}: steps.0.wait: a duration: milliseconds (1500)`);
    expect(r.stderr).toContain(`${file}: steps.1.fault.kind: unknown fault kind "explode": use one of partition-from-zk,`);
  });

  it("bad flag values name the flag", async () => {
    expect((await runCli(["run", "--time-scale", "3"])).stderr).toContain("--time-scale");
    expect((await runCli(["run", "--seed", "-1"])).code).toBe(64);
    expect((await runCli(["run", "--servers", "4"])).stderr).toContain("expected one of 1, 3, 5, 7 servers");
    const huge = await runCli(["run", "--recovery", "1000000000000s"]);
    expect(huge.code).toBe(64);
    expect(huge.stderr).toContain('--recovery');
    expect(huge.stderr).toContain("is longer than the maximum duration, 7 days");
    expect((await runCli(["run", "--curator-jars", "/tmp"])).stderr).toContain("--curator-jars applies to the Curator candidates");
    const witness = await runCli(["run", "pause-leader", "--witness", "strict"]);
    expect(witness.code).toBe(64);
    expect(witness.stderr).toMatch(/--witness <mode>.*strict.*plain, fenced/s);
    const cached = await runCli(["run", "pause-leader", "--bug", "cached-belief"]);
    expect(cached.code).toBe(64);
    expect(cached.stderr).toContain("--bug cached-belief shows only in writes: it needs --witness");
  });

  it("--suite: an unknown suite, or a suite with scenarios or a candidate of its own: exit 64", async () => {
    const unknown = await runCli(["run", "--suite", "nope"]);
    expect(unknown.code).toBe(64);
    expect(unknown.stderr).toContain('unknown suite "nope"');
    expect(unknown.stderr).toContain("Suites: seeds.");
    const mixed = await runCli(["run", "--suite", "seeds", "partition-leader"]);
    expect(mixed.code).toBe(64);
    expect(mixed.stderr).toContain("--suite chooses the scenarios, candidates and --fencing itself");
    const fenced = await runCli(["run", "--suite", "seeds", "--fencing"]);
    expect(fenced.code).toBe(64);
    expect(fenced.stderr).toContain("the suite judges its pause cases with --fencing");
    const incident = await runCli(["run", "--suite", "seeds", "--incident", "false-death,nope"]);
    expect(incident.code).toBe(64);
    expect(incident.stderr).toContain('--incident: unknown incident "nope" in suite seeds; incidents: druid-double-leader, curator-total-loss, parabol-window, false-death');
    const alone = await runCli(["run", "--incident", "false-death"]);
    expect(alone.code).toBe(64);
    expect(alone.stderr).toContain("--incident applies to a suite");
  });

  it("replay of a directory without run.json: exit 64", async () => {
    const r = await runCli(["replay", tmpDir("sb-norun-")]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("has no run.json");
  });

  it("replay of a run.json with a field of the wrong type: exit 64 naming file and field, no stack", async () => {
    const dir = tmpDir("sb-badrun-");
    const recorded = JSON.parse(readFileSync(join(SEEDS, "false-death-pause-leader-latch-ignore-disconnect", "run.json"), "utf8")) as Record<string, unknown>;
    writeFileSync(join(dir, "run.json"), JSON.stringify({ ...recorded, seed: "42" }));
    const r = await runCli(["replay", dir]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${join(dir, "run.json")}: seed: `);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it("replay of the run.json of `splitbrain up` (no scenario): exit 64, it cannot be replayed", async () => {
    const dir = tmpDir("sb-uprun-");
    const recorded = JSON.parse(readFileSync(join(SEEDS, "false-death-pause-leader-latch-ignore-disconnect", "run.json"), "utf8")) as Record<string, unknown>;
    const up = Object.fromEntries(Object.entries(recorded).filter(([k]) => !["scenarioSpec", "schedule", "scheduleConfig", "timeScale", "scaled", "candidate", "executed", "timings"].includes(k)));
    writeFileSync(join(dir, "run.json"), JSON.stringify({ ...up, scenario: "ensemble", durationMs: null }));
    const r = await runCli(["replay", dir]);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain("cannot be replayed: no scenarioSpec, schedule, scheduleConfig, candidate");
  });

  it("scenarios lists every scenario with the headline ones marked", async () => {
    const r = await runCli(["scenarios"]);
    expect(r.code).toBe(0);
    for (const name of ["zk-total-loss", "zk-outage", "partition-leader", "zk-quorum-split", "rejoin-after-30s", "pause-leader", "random"]) {
      expect(r.stdout).toContain(name);
    }
    expect(r.stdout).toMatch(/^\* zk-total-loss/m);
  });

  it("run --help lists candidate kinds and bug modes from the registries", async () => {
    const r = await runCli(["run", "--help"]);
    expect(r.stdout).toMatch(/latch,\s+lease,\s+curator-latch,\s+curator-selector,\s+patroni,\s+patroni-defaults;\s+image:<ref>/);
    expect(r.stdout).toMatch(/file:<x.yaml>/);
    expect(r.stdout).toContain("--observe-zk");
    expect(r.stdout).toContain("ignore-disconnect (latch)");
    expect(r.stdout).toContain("cached-belief (latch)");
    expect(r.stdout).toContain("--witness <mode>");
    expect(r.stdout).toContain("--time-scale <x>");
  });
});
