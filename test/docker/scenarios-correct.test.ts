import { existsSync, readdirSync, readFileSync } from "node:fs";
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

  // partition-leader is in the smoke tier of `npm test` (vitest.config.ts).
  for (const scenario of ["zk-total-loss", "partition-leader", "rejoin-after-30s"]) {
    it(`${scenario} passes (exit 0), and nothing is left behind`, { tags: scenario === "partition-leader" ? ["smoke"] : [], timeout: 600_000 }, async () => {
      const r = await runScenarioCli([scenario, "--seed", "5"]);
      expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
      expect(r.verdict.valid).toBe(true);
      expect(r.stdout).toMatch(new RegExp(`${scenario}\\s+PASS`));
      expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
      // The run directory of docs/contracts.md, reports included.
      for (const f of ["history.jsonl", "run.json", "verdict.json", "junit.xml", "timeline.html"]) expect(existsSync(join(r.dir, f)), f).toBe(true);
      expect(readdirSync(join(r.dir, "logs")).sort()).toEqual(["c1.log", "c2.log", "c3.log", "zk1.log", "zk2.log", "zk3.log"]);
      // The harness's own bring-up (the ensemble forming, containers starting) is a window in
      // which no leader is expected, opened before the first server starts and healed once the
      // candidates' containers are up.
      const events = readFileSync(join(r.dir, "history.jsonl"), "utf8").trim().split("\n").slice(1).map((l) => JSON.parse(l) as { t: number; type: string; id?: string; expectLeader?: boolean });
      const open = events.find((e) => e.type === "fault" && e.id === "bring-up");
      const heal = events.find((e) => e.type === "heal" && e.id === "bring-up");
      const firstRole = events.find((e) => e.type === "zk-role");
      expect(open?.expectLeader).toBe(false);
      expect(open?.t).toBeLessThanOrEqual(firstRole?.t ?? -1);
      expect(heal?.t).toBeGreaterThan(firstRole?.t ?? Infinity);
    });
  }
});
