import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCandidate } from "../candidates/registry.js";
import { compileSchedule } from "../scenarios/compile.js";
import { compileChecked, parseScenarioFile } from "../scenarios/load.js";
import { SCENARIOS } from "../scenarios/registry.js";
import type { ReplayPlan } from "../run/replay.js";
import { planOf, scheduleOf, withFault } from "./fault-plan.js";
import { beforeAfterText, runFlagsText, writeShrinkRecord } from "./record.js";
import type { ShrinkResult } from "./search.js";

const config = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 0.5, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };
const scenario = SCENARIOS["partition-leader"]();
const original = planOf(compileSchedule(scenario, config, 9));
const best = withFault(withFault(original, "f1", { length: 6000 }), "f1", { at: 0 });
const replay = {
  original: { valid: false, failed: ["overlap"] },
  options: { scenario, seed: 9, servers: 3, candidate: resolveCandidate("latch", "ignore-disconnect"), candidates: 3, sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 0.5, toleranceMs: 0, fencing: false },
} as unknown as ReplayPlan;
const result: ShrinkResult = { original, best, bestShownBy: undefined, attempts: [], searchRuns: 5, stopped: "max-runs", elapsedMs: 300_000, confirmation: { runs: 3, failed: 2 } };

describe("the shrink record", () => {
  it("says before and after, and how often the result failed in confirmation", () => {
    expect(beforeAfterText(result)).toBe("1 fault, 42.0 s: partition-from-zk on leader at 9.00 s for 12.0 s → 1 fault, 27.0 s: partition-from-zk on leader at 0 ms for 6.00 s; fails 2/3 in confirmation");
    expect(beforeAfterText({ ...result, best: original, confirmation: undefined, stopped: "interrupted" })).toBe(
      "1 fault, 42.0 s: partition-from-zk on leader at 9.00 s for 12.0 s → nothing smaller failed the same way; not confirmed (interrupted)",
    );
  });

  it("names every flag the shrunk run had that is not a default: timings, check options, ZooKeeper image, --candidate-env, Curator jars", () => {
    const o = {
      ...replay.options,
      candidate: resolveCandidate("curator-latch", undefined),
      sessionTimeoutMs: 4000,
      possible: "fail",
      zkImage: "my/zk:3.9",
      candidateEnv: { JAVA_OPTS: "-Xmx256m -Dx=1", A: "b" },
      candidateBinds: ["/home/me/jars:/opt/curator-override:ro"],
    } as ReplayPlan["options"];
    expect(runFlagsText(o)).toBe(
      "--candidate curator-latch --servers 3 --candidates 3 --session-timeout 4000ms --time-scale 0.5 --seed 9 --possible fail --zk-image my/zk:3.9 --candidate-env 'JAVA_OPTS=-Xmx256m -Dx=1' --candidate-env A=b --curator-jars /home/me/jars",
    );
  });

  it("writes shrunk.yaml, which `run --scenario-file` parses and compiles back to the shrunk schedule, and shrink.json", async () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-shrink-record-"));
    const files = await writeShrinkRecord(dir, { runDir: "runs/red", replay, target: "overlap/overlap", tries: 2 }, result);
    const text = readFileSync(files.yaml, "utf8");
    expect(text).toContain("# shrunk by splitbrain shrink from runs/red: ");
    expect(text).toContain("#   splitbrain run --scenario-file shrunk.yaml --candidate latch --bug ignore-disconnect --servers 3 --candidates 3 --time-scale 0.5 --seed 9");
    const spec = parseScenarioFile(files.yaml, text);
    expect(spec.name).toBe("partition-leader-shrunk");
    expect(compileChecked(spec, config, 9, files.yaml)).toEqual({ ...scheduleOf(best), scenario: "partition-leader-shrunk" });
    const json = JSON.parse(readFileSync(files.json, "utf8")) as { target: string; stopped: string; before: { faults: number }; after: { lengthMs: number; shownBy: unknown }; confirmation: unknown };
    expect(json).toMatchObject({ target: "overlap/overlap", stopped: "max-runs", before: { faults: 1 }, after: { lengthMs: 27_000, shownBy: "the original run" }, confirmation: { runs: 3, failed: 2 } });
  });
});
