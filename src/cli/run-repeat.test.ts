import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { HistoryCheck } from "../checkers/check-history.js";
import { readRepeatJson } from "../files/repeat-file.js";
import type { ScenarioResult } from "../run/scenario-result.js";
import type { Schedule, ScenarioSpec } from "../scenarios/types.js";
import type { CliContext } from "./context.js";
import { writeInterruptedRepeat } from "./run-repeat.js";

describe("writeInterruptedRepeat", () => {
  it("writes repeat.json in --out for the runs that finished before the interrupt, marked interrupted, and says so on stderr", async () => {
    const err = new PassThrough();
    let stderr = "";
    err.on("data", (d: Buffer) => (stderr += d.toString()));
    const ctx = { stdout: new PassThrough(), stderr: err, env: {}, setExitCode: () => undefined } as unknown as CliContext;
    const out = join(mkdtempSync(join(tmpdir(), "sb-repeat-")), "out");
    const schedule = { actions: [], endAt: 0 } as unknown as Schedule;
    const planned = [5, 6, 7].map((seed, i) => ({ scenario: { name: "random" } as ScenarioSpec, schedule, seed, index: i + 1 }));
    const done: ScenarioResult = {
      scenario: "random",
      runId: "r",
      runDir: join(out, "random-002"),
      seed: 6,
      check: { valid: false, checkers: { overlap: { valid: false, violations: [{ kind: "overlap" }] } } } as unknown as HistoryCheck,
      timings: { bringUpMs: 1, bodyMs: 1, teardownMs: 1, checkMs: 1 },
      schedule,
      executed: [],
    };
    await writeInterruptedRepeat(ctx, { results: [done], planned, seed: 5, count: 3, out });
    const file = readRepeatJson(join(out, "repeat.json"));
    expect(file.interrupted).toBe(true);
    expect(file.runs.map((r) => [r.index, r.seed, r.valid, r.violations])).toEqual([[2, 6, false, ["overlap/overlap"]]]);
    expect(stderr).toContain("repeat.json: the 1 run(s) that finished before the interrupt, of 3");
  });
});
