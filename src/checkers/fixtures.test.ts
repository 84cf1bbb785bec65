import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { loadFixtures, optionsFromArgs } from "../../test/support/fixtures.js";
import { checkHistory } from "./check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "./types.js";

const fixtures = loadFixtures();

describe("fixture histories give their expected verdicts", () => {
  it("has fixtures for every checker and for bad input", () => {
    const names = fixtures.map((f) => f.name);
    for (const prefix of ["overlap-", "liveness-", "fencing-", "effects-", "evidence-", "groups-", "format-", "bad-"]) {
      expect(names.some((n) => n.startsWith(prefix)), prefix).toBe(true);
    }
  });

  it.each(fixtures.map((f) => [f.name, f] as const))("%s", async (_name, f) => {
    const options = { ...DEFAULT_CHECK_OPTIONS, ...optionsFromArgs(f.expect.args) };
    if (f.expect.exit === 64) {
      const err = await checkHistory(f.history, options).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err, "expected bad input").toBeInstanceOf(InputError);
      if (f.expect.error !== undefined) expect((err as Error).message).toContain(f.expect.error);
      return;
    }
    const result = await checkHistory(f.history, options);
    expect(result.valid).toBe(f.expect.valid);
    for (const [name, want] of Object.entries(f.expect.checkers ?? {})) {
      const got = result.checkers[name];
      expect(got, `checker ${name} ran`).toBeDefined();
      expect({ checker: name, valid: got?.valid, violations: got?.violationCount }).toEqual({
        checker: name,
        valid: want.valid,
        violations: want.violations,
      });
      if (want.warnings !== undefined) expect(got?.warningCount, `${name} warnings`).toBe(want.warnings);
    }
    expect(Object.keys(result.checkers).sort()).toEqual(Object.keys(f.expect.checkers ?? {}).sort());
    for (const want of f.expect.violations ?? []) {
      const all = result.checkers[want.checker]?.violations ?? [];
      const match = all.find((v) => {
        const window = v.checker === "fencing" ? (v.window ?? { start: v.at, end: v.at }) : v.window;
        return (
          (want.group === undefined || v.group === want.group) &&
          (want.nodes === undefined || ("nodes" in v && [...v.nodes].sort().join() === [...want.nodes].sort().join())) &&
          (want.start === undefined || window.start === want.start) &&
          (want.end === undefined || window.end === want.end) &&
          (want.durationMs === undefined || ("durationMs" in v && Math.abs(v.durationMs - want.durationMs) < 1e-9))
        );
      });
      expect(match, `violation ${JSON.stringify(want)} among ${JSON.stringify(all.map((v) => v.message))}`).toBeDefined();
    }
  });
});
