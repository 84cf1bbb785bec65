import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { splitbrain } from "../support/cli.js";
import { dockerOrSkip, testImages, tmpDir } from "../support/docker.js";
import { runScenarioCli, TEST_TIME_SCALE } from "../support/runs.js";

const env = await dockerOrSkip();

interface ShrinkJson {
  target: string;
  before: { faults: number; lengthMs: number };
  after: { faults: number; lengthMs: number; shownBy: { attempt: number; runDir: string } | string };
  attempts: Array<{ n: number; sameWay: boolean; runDir?: string }>;
  confirmation: { runs: number; failed: number } | null;
}

describe.skipIf("skip" in env)("splitbrain shrink (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  it("shrinks a failing partition-leader run of --bug ignore-disconnect to a smaller schedule that fails again on overlap", async () => {
    const r = await runScenarioCli(["partition-leader", "--bug", "ignore-disconnect", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    const out = join(tmpDir("sb-shrink-"), "shrink");
    const s = await splitbrain(["shrink", r.dir, "--tries", "1", "--confirm", "1", "--max-runs", "3", "--budget", "20m", "--out", out], {}, 1_200_000);
    expect(s.code, `${s.stdout}\n${s.stderr}`).toBe(0);
    const record = JSON.parse(readFileSync(join(out, "shrink.json"), "utf8")) as ShrinkJson;
    expect(record.target).toBe("overlap/overlap");
    expect(record.attempts.length).toBeGreaterThanOrEqual(2);
    // smaller: the same one fault, held shorter or started earlier, so the run is shorter
    expect(record.after.lengthMs).toBeLessThan(record.before.lengthMs);
    // and it failed again: the attempt that showed it has an overlap in its own verdict
    const shown = record.after.shownBy;
    expect(typeof shown).toBe("object");
    const verdict = JSON.parse(readFileSync(join((shown as { runDir: string }).runDir, "verdict.json"), "utf8")) as { checkers: Record<string, { valid: unknown }> };
    expect(verdict.checkers["overlap"]?.valid).toBe(false);
    expect(record.confirmation?.runs).toBe(1);
    expect(s.stdout).toContain("before: 1 fault, ");
    expect(s.stdout).toContain("after:  1 fault, ");
    // shrunk.yaml is a scenario file `run --scenario-file` takes, with the run's time scale
    const validate = await splitbrain(["scenarios", "validate", join(out, "shrunk.yaml"), "--time-scale", TEST_TIME_SCALE]);
    expect(validate.code, validate.stderr).toBe(0);
  }, 1_500_000);
});
