import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "./support/fixtures.js";
import { splitbrain } from "./support/cli.js";

const SEEDS_DIR = join(FIXTURE_DIR, "seeds");

interface SeedExpect {
  incident: string;
  scenario: string;
  candidate: string;
  /** Checkers that must fail when the history is checked offline with the run's own options. */
  failing: string[];
  description: string;
}

const seeds = existsSync(SEEDS_DIR)
  ? readdirSync(SEEDS_DIR)
      .filter((d) => existsSync(join(SEEDS_DIR, d, "expect.json")))
      .sort()
  : [];

describe("recorded incident runs (fixtures/histories/seeds) are still flagged offline", () => {
  it("has a recorded failing run for every incident of SEEDS.md", () => {
    const incidents = new Set(seeds.map((d) => (JSON.parse(readFileSync(join(SEEDS_DIR, d, "expect.json"), "utf8")) as SeedExpect).incident));
    expect([...incidents].sort()).toEqual(["curator-total-loss", "druid-double-leader", "false-death", "parabol-window"]);
  });

  it.each(seeds)("%s", (dir) => {
    const want = JSON.parse(readFileSync(join(SEEDS_DIR, dir, "expect.json"), "utf8")) as SeedExpect;
    const run = JSON.parse(readFileSync(join(SEEDS_DIR, dir, "run.json"), "utf8")) as { config: { check: { recoveryMs: number; toleranceMs: number } } };
    const r = splitbrain([
      "check",
      join(SEEDS_DIR, dir),
      "--json",
      "--recovery-ms",
      String(run.config.check.recoveryMs),
      "--tolerance-ms",
      String(run.config.check.toleranceMs),
    ]);
    expect(r.code, r.stderr).toBe(1);
    const verdict = JSON.parse(r.stdout) as { checkers: Record<string, { valid: unknown }> };
    const failed = Object.entries(verdict.checkers)
      .filter(([, c]) => c.valid === false)
      .map(([n]) => n)
      .sort();
    expect(failed).toEqual([...want.failing].sort());
  });
});
