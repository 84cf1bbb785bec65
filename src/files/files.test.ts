import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadFixtures } from "../../test/support/fixtures.js";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { InputError } from "../errors/index.js";
import { checkToJson } from "../report/check-summary.js";
import { mergedToJson } from "../report/merge.js";
import { repeatToJson } from "../report/repeat-summary.js";
import { violationKinds } from "../report/violation-kinds.js";
import { SEEDS_SUITE } from "../scenarios/suites.js";
import { jsonText } from "./json-file.js";
import { MergeFileSchema } from "./merge-file.js";
import { readRepeatJson } from "./repeat-file.js";
import { readSuiteFile, suiteFileOf } from "./suite-file.js";
import { failedCheckersOf, readVerdictFile } from "./verdict-file.js";

const dir = (): string => mkdtempSync(join(tmpdir(), "sb-files-"));

describe("every file splitbrain writes reads back through its one schema", () => {
  it("verdict.json: every fixture's check, written and read back, keeps its verdict, failed checkers and violation kinds", async () => {
    const fixtures = loadFixtures().filter((f) => f.expect.exit !== 64);
    expect(fixtures.length).toBeGreaterThan(50);
    for (const f of fixtures) {
      const check = await checkHistory(f.history, DEFAULT_CHECK_OPTIONS);
      const written = { ...checkToJson(check), scenario: "s", seed: 1 };
      const d = dir();
      writeFileSync(join(d, "verdict.json"), jsonText(written));
      const read = readVerdictFile(d);
      expect(read.valid, f.name).toBe(check.valid);
      expect(failedCheckersOf(read), f.name).toEqual(Object.entries(check.checkers).filter(([, c]) => c.valid === false).map(([n]) => n));
      expect(violationKinds(read.checkers), f.name).toEqual(violationKinds(check.checkers));
      // the reader keeps what it does not name: a violation's details
      expect(read.checkers, f.name).toEqual(JSON.parse(JSON.stringify(check.checkers)));
    }
  });

  it("verdict.json that is not one: bad input naming the file and the field", () => {
    const d = dir();
    writeFileSync(join(d, "verdict.json"), JSON.stringify({ valid: "yes", checkers: {} }));
    expect(() => readVerdictFile(d)).toThrow(InputError);
    expect(() => readVerdictFile(d)).toThrow(/verdict\.json: not a verdict\.json as splitbrain writes it: valid:/);
    writeFileSync(join(d, "verdict.json"), "{");
    expect(() => readVerdictFile(d)).toThrow(/not valid JSON/);
  });

  it("suite-<name>.json, repeat.json and merge.json read back as written", () => {
    const d = dir();
    const c = SEEDS_SUITE.cases[0]!;
    const rows = [{ case: c, index: 2, outcome: "reproduced" as const, failed: ["overlap"], seconds: 41.26, result: { seed: 5, runDir: "runs/x" } }];
    writeFileSync(join(d, "suite-seeds.json"), jsonText(suiteFileOf(SEEDS_SUITE, rows)));
    const suite = readSuiteFile(join(d, "suite-seeds.json"));
    expect(suite.incidents[0]?.cases[0]).toMatchObject({ scenario: c.scenario, outcome: "reproduced", seed: 5, index: 2, seconds: 41.3 });

    const runs = [{ scenario: "partition-leader", index: 1, seed: 7, valid: false as const, violations: ["overlap/overlap"], seconds: 40, runDir: "runs/a" }];
    writeFileSync(join(d, "repeat.json"), jsonText(repeatToJson(7, 1, runs)));
    const repeat = readRepeatJson(join(d, "repeat.json"));
    expect(repeat.runs).toEqual(runs);
    expect(repeat.summaries?.[0]).toMatchObject({ scenario: "partition-leader", failed: 1, rate: "failed 1/1 (95% CI 20.7%-100%)" });

    const merged = mergedToJson({ runs: [], repeats: runs, suites: [{ name: "seeds", summary: "", incidents: SEEDS_SUITE.incidents, cases: rows }] });
    expect(MergeFileSchema.parse(JSON.parse(jsonText(merged)))).toEqual(merged);
  });
});
