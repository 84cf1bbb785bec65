import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/cli.js";
import { tmpDir } from "./support/docker.js";

/** Nothing here may reach Docker: an unreachable engine makes a run that starts one fail fast. */
const NO_DOCKER = { DOCKER_HOST: "tcp://127.0.0.1:1" };

function scenarioFile(text: string, name = "s.yaml"): string {
  const file = join(tmpDir("sb-scen-"), name);
  writeFileSync(file, text);
  return file;
}

const GOOD = `name: frozen-then-cut
summary: a follower frozen while the leader is cut off
steps:
  - wait: 3st
  - inject: { kind: pause, targets: [random-candidate] }
    id: frozen
  - fault: { kind: partition-from-zk, targets: [leader] }
    for: 4st
  - heal: frozen
`;

const MISTAKES = `name: mistakes
steps:
  - wait: 3st
  - fault: { kind: kill, targets: [leader, c9] }
    for: 4st
  - inject: { kind: zk-outage }
    id: a
  - inject: { kind: pause, targets: [follower] }
    id: a
  - heal: b
`;

describe("scenario files are compiled completely before anything starts (no Docker needed)", () => {
  it("run --scenario-file with an unknown target, a reused id and a heal of nothing: exit 64, every problem as file: path: message", async () => {
    const file = scenarioFile(MISTAKES);
    const r = await runCli(["run", "--scenario-file", file], NO_DOCKER);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}: steps.1.fault.targets.1: unknown target "c9" (use leader, follower,`);
    expect(r.stderr).toContain(`${file}: steps.3.id: fault id "a" is used twice`);
    expect(r.stderr).toContain(`${file}: steps.4.heal: no active fault "b" to heal`);
    expect(r.stderr).toContain("hint: See docs/scenarios.md");
    expect(r.stderr).not.toMatch(/inconclusive|steps\[/);
  });

  it("targets are checked against the run's flags: c3 is unknown with --candidates 2", async () => {
    const file = scenarioFile("name: third\nsteps:\n  - fault: { kind: kill, targets: [c3] }\n    for: 1s\n");
    const r = await runCli(["run", "--scenario-file", file, "--candidates", "2"], NO_DOCKER);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}: steps.0.fault.targets.0: unknown target "c3" (use leader, follower, zk-leader, zk-follower, all-candidates, all-zk, random-candidate, random-zk, or a node of this run: c1, c2, zk1, zk2, zk3)`);
  });

  it("an unknown fault kind names the kinds there are", async () => {
    const file = scenarioFile("name: boom\nsteps:\n  - fault: { kind: explode }\n    for: 1s\n");
    const r = await runCli(["run", "--scenario-file", file], NO_DOCKER);
    expect(r.code).toBe(64);
    expect(r.stderr).toContain(`${file}: steps.0.fault.kind: unknown fault kind "explode": use one of partition-from-zk, partition-zk, partition, kill, pause, zk-outage, zk-total-loss`);
  });
});

describe("splitbrain scenarios validate and run --dry-run", () => {
  it("validate prints the compiled schedule of a good file and exits 0", async () => {
    const file = scenarioFile(GOOD);
    const r = await runCli(["scenarios", "validate", file, "--seed", "3", "--time-scale", "0.5"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`scenario frozen-then-cut (${file}): a follower frozen while the leader is cut off`);
    expect(r.stdout).toContain("seed 3; candidates c1, c2, c3; servers zk1, zk2, zk3;");
    expect(r.stdout).toMatch(/^ {3}9\.0s {2}inject frozen: pause on c\d \(leader expected: yes\)$/m);
    expect(r.stdout).toMatch(/^ {3}9\.0s {2}inject f1: partition-from-zk on leader \(leader expected: yes\)$/m);
    expect(r.stdout).toMatch(/^ {2}21\.0s {2}heal {3}frozen$/m);
    expect(r.stdout).toMatch(/^ {2}42\.0s {2}end$/m);
    expect(r.stdout).toContain("1 scenario file(s) valid");
  });

  it("validate checks every file and exits 64 when one is invalid, naming each problem", async () => {
    const good = scenarioFile(GOOD, "good.yaml");
    const bad = scenarioFile(MISTAKES, "bad.yaml");
    const r = await runCli(["scenarios", "validate", good, bad, "/nonexistent/x.yaml"]);
    expect(r.code).toBe(64);
    expect(r.stdout).toContain("scenario frozen-then-cut");
    expect(r.stderr).toContain(`${bad}: steps.1.fault.targets.1: unknown target "c9"`);
    expect(r.stderr).toContain("/nonexistent/x.yaml: cannot read the scenario file (ENOENT)");
    expect(r.stderr).toContain("2 of 3 scenario file(s) invalid");
  });

  it("run --dry-run checks the flags and prints every schedule without starting anything", async () => {
    const file = scenarioFile(GOOD);
    const r = await runCli(["run", "partition-leader", "--scenario-file", file, "--seed", "9", "--dry-run"], NO_DOCKER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("scenario partition-leader: ");
    expect(r.stdout).toMatch(/^ {2}18\.0s {2}inject f1: partition-from-zk on leader \(leader expected: yes\)$/m);
    expect(r.stdout).toContain(`scenario frozen-then-cut (${file})`);
    expect(r.stdout).toContain("dry run: 2 scenario(s) compiled for candidate latch; nothing was started");
    const bad = await runCli(["run", "--dry-run", "--bug", "sometimes"]);
    expect(bad.code).toBe(64);
    expect(bad.stderr).toContain("Valid bug modes of latch");
  });

  it("run --suite seeds --dry-run lists the cases and their schedules", async () => {
    const r = await runCli(["run", "--suite", "seeds", "--incident", "false-death", "--dry-run", "--seed", "1"], NO_DOCKER);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("1. false-death: partition-leader with latch --bug ignore-disconnect must fail on overlap");
    expect(r.stdout).toContain("scenario pause-leader: ");
    expect(r.stdout).toContain("pause-leader with latch --bug cached-belief --witness plain must fail on effects");
    expect(r.stdout).toContain("dry run: suite seeds, 5 case(s) compiled; nothing was started");
  });
});
