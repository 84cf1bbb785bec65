import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { splitbrain } from "../support/cli.js";
import { dockerOrSkip, leftovers, testImages, tmpDir } from "../support/docker.js";
import { TEST_TIME_SCALE } from "../support/runs.js";

const env = await dockerOrSkip();

interface SuiteJson {
  suite: string;
  incidents: Array<{
    id: string;
    reproduced: boolean;
    correctPassed: boolean;
    cases: Array<{ scenario: string; candidate: string; outcome: string; failedCheckers: string[]; runDir: string }>;
  }>;
}

/*
 * `run --suite seeds` end to end, cut to the "false death" incident (five cases, about 4.5 min at
 * time scale 0.5): a cut-off and a paused leader, each with the buggy and the correct latch, and
 * the paused leader judged on its writes (a plain witness): the cached-belief bug's stale write. The
 * whole suite is `npm run bench:detect`'s job.
 */
describe.skipIf("skip" in env)("splitbrain run --suite seeds --incident false-death (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  it("reproduces the bugs in both scenarios, passes the correct latch in both (pause judged on effects, no --fencing), and reports it", async () => {
    const out = tmpDir("sb-suite-");
    const junitFile = join(out, "suite-junit.xml");
    const r = await splitbrain(["run", "--suite", "seeds", "--incident", "false-death", "--seed", "5", "--time-scale", TEST_TIME_SCALE, "--out", out, "--junit", junitFile, "--no-tui"], {}, 900_000);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toContain("every incident reproduced, every correct candidate passed");
    expect(r.stdout).toMatch(/pause-leader\s+latch --bug ignore-disconnect --witness plain\s+reproduced by overlap/);
    expect(r.stdout).toMatch(/pause-leader\s+latch --bug cached-belief --witness plain\s+reproduced by effects/);
    expect(r.stdout).toMatch(/pause-leader\s+latch --witness plain\s+passed \(no false alarm\)/);

    const report = JSON.parse(readFileSync(join(out, "suite-seeds.json"), "utf8")) as SuiteJson;
    expect(report.incidents.map((i) => i.id)).toEqual(["false-death"]);
    const [incident] = report.incidents;
    expect(incident?.reproduced).toBe(true);
    expect(incident?.correctPassed).toBe(true);
    expect(incident?.cases.map((c) => [c.scenario, c.candidate, c.outcome])).toEqual([
      ["partition-leader", "latch --bug ignore-disconnect", "reproduced"],
      ["partition-leader", "latch", "passed"],
      ["pause-leader", "latch --bug ignore-disconnect --witness plain", "reproduced"],
      ["pause-leader", "latch --bug cached-belief --witness plain", "reproduced"],
      ["pause-leader", "latch --witness plain", "passed"],
    ]);

    // Each case has its own run directory, judged with its own options, and nothing is left running.
    for (const c of incident?.cases ?? []) {
      const run = JSON.parse(readFileSync(join(c.runDir, "run.json"), "utf8")) as { run: string; config: { check: { fencing: boolean }; witness?: string } };
      expect(run.config.check.fencing, c.candidate).toBe(false);
      expect(run.config.witness, c.candidate).toBe(c.candidate.endsWith("--witness plain") ? "plain" : undefined);
      expect(existsSync(join(c.runDir, "timeline.html"))).toBe(true);
      expect(await leftovers(docker, run.run)).toEqual({ containers: [], networks: [] });
      // Re-checking a saved case offline gives the verdict the suite saw.
      const again = await splitbrain(["check", c.runDir]);
      expect(again.code, again.stdout).toBe(c.outcome === "passed" ? 0 : 1);
    }

    const xml = readFileSync(junitFile, "utf8");
    expect(XMLValidator.validate(xml)).toBe(true);
    // In the suite's JUnit a reproduced bug is a passing test: the harness caught it.
    expect(xml).toContain('<testsuites name="splitbrain.suite.seeds" tests="5" failures="0" errors="0"');
    const parsed = new XMLParser({ ignoreAttributes: false, isArray: (n) => n === "testcase" }).parse(xml) as {
      testsuites: { testsuite: { testcase: Array<{ "@_name": string }> } };
    };
    expect(parsed.testsuites.testsuite.testcase.map((c) => c["@_name"])).toEqual([
      "false-death.partition-leader.latch.ignore-disconnect",
      "false-death.partition-leader.latch",
      "false-death.pause-leader.latch.ignore-disconnect.witness-plain",
      "false-death.pause-leader.latch.cached-belief.witness-plain",
      "false-death.pause-leader.latch.witness-plain",
    ]);
  }, 1_200_000);
});
