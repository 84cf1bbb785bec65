import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";
import { runScenarioCli } from "../support/runs.js";

const env = await dockerOrSkip();

describe.skipIf("skip" in env)("splitbrain run with the correct latch candidate (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  it.each(["zk-total-loss", "partition-leader", "rejoin-after-30s"])(
    "%s passes (exit 0), and nothing is left behind",
    async (scenario) => {
      const r = runScenarioCli([scenario, "--seed", "5"]);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.verdict.valid).toBe(true);
      expect(r.stdout).toMatch(new RegExp(`${scenario}\\s+PASS`));
      expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
      // The run directory of docs/contracts.md, reports included.
      for (const f of ["history.jsonl", "run.json", "verdict.json", "junit.xml", "timeline.html"]) expect(existsSync(join(r.dir, f)), f).toBe(true);
      expect(readdirSync(join(r.dir, "logs")).sort()).toEqual(["c1.log", "c2.log", "c3.log", "zk1.log", "zk2.log", "zk3.log"]);
    },
    600_000,
  );
});
