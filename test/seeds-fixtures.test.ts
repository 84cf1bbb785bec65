import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_DIR } from "./support/fixtures.js";
import { runCli } from "./support/cli.js";

const SEEDS_DIR = join(FIXTURE_DIR, "seeds");
const CURATOR_DIR = join(FIXTURE_DIR, "curator-5.4.0");
const PATRONI_DIR = join(FIXTURE_DIR, "patroni-3.0.2");

interface SeedExpect {
  incident: string;
  scenario: string;
  candidate: string;
  /** Checkers that must fail when the history is checked offline with the run's own options (empty: it passes). */
  failing: string[];
  /** Checkers that must fail with `check --fencing` (empty: it passes): fencing must not hide an incident. */
  failingWithFencing: string[];
  /** Observed candidates: the observers whose lanes hold the violations (every one of them, sorted). */
  sources?: string[];
  /** History v5: the possible overlaps (never seen at once) per observer, reported as warnings. */
  possible?: Record<string, number>;
  description: string;
}

function recorded(root: string): string[] {
  return existsSync(root)
    ? readdirSync(root)
        .filter((d) => existsSync(join(root, d, "expect.json")))
        .sort()
        .map((d) => join(root, d))
    : [];
}

/** The names of the checkers a `check --json` verdict says failed, sorted. */
function failedCheckers(verdict: { checkers: Record<string, { valid: unknown }> }): string[] {
  return Object.entries(verdict.checkers)
    .filter(([, c]) => c.valid === false)
    .map(([n]) => n)
    .sort();
}

const seeds = recorded(SEEDS_DIR);
const curator = recorded(CURATOR_DIR);
const patroni = recorded(PATRONI_DIR);

describe("recorded incident runs (fixtures/histories/seeds) are still flagged offline", () => {
  it("has a recorded failing run for every incident of docs/seeds.md", async () => {
    const incidents = new Set(seeds.map((d) => (JSON.parse(readFileSync(join(d, "expect.json"), "utf8")) as SeedExpect).incident));
    expect([...incidents].sort()).toEqual(["curator-total-loss", "druid-double-leader", "false-death", "parabol-window"]);
  });

  it("keeps the real Curator 5.4.0 violations (CURATOR-696 under zk-outage, CURATOR-724 under zk-total-loss)", async () => {
    const names = curator.map((d) => d.slice(CURATOR_DIR.length + 1));
    expect(names).toContain("curator-latch-zk-outage");
    expect(names).toContain("curator-latch-zk-total-loss");
  });

  it("keeps the recorded Patroni 3.0.2 failures (docs/patroni-3.0.2.md)", async () => {
    expect(patroni.length).toBeGreaterThan(0);
  });

  it.each([...seeds, ...curator, ...patroni].map((d) => [d.slice(FIXTURE_DIR.length + 1), d] as const))("%s", async (_name, dir) => {
    const want = JSON.parse(readFileSync(join(dir, "expect.json"), "utf8")) as SeedExpect;
    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as { config: { check: { recoveryMs: number; toleranceMs: number } } };
    // No flags: `check <run dir>` judges the run with the options its header recorded.
    const r = await runCli(["check", dir, "--json"]);
    expect(r.code, r.stderr).toBe(want.failing.length > 0 ? 1 : 0);
    const verdict = JSON.parse(r.stdout) as {
      options: { recoveryMs: number; toleranceMs: number };
      checkers: Record<string, { valid: unknown; violations: Array<{ source?: string }>; warnings: Array<{ kind: string; source: string }> }>;
    };
    expect(verdict.options.recoveryMs).toBe(run.config.check.recoveryMs);
    expect(verdict.options.toleranceMs).toBe(run.config.check.toleranceMs);
    expect(failedCheckers(verdict)).toEqual([...want.failing].sort());
    if (want.sources !== undefined) {
      const sources = new Set(Object.values(verdict.checkers).flatMap((c) => c.violations.map((v) => v.source)));
      expect([...sources].sort()).toEqual([...want.sources].sort());
    }
    const possible: Record<string, number> = {};
    for (const w of verdict.checkers["overlap"]?.warnings ?? []) if (w.kind === "possible-overlap") possible[w.source] = (possible[w.source] ?? 0) + 1;
    expect(possible).toEqual(want.possible ?? {});

    const fenced = await runCli(["check", dir, "--json", "--fencing"]);
    expect(fenced.code, fenced.stderr).toBe(want.failingWithFencing.length > 0 ? 1 : 0);
    const fencedVerdict = JSON.parse(fenced.stdout) as { checkers: Record<string, { valid: unknown }> };
    expect(failedCheckers(fencedVerdict)).toEqual([...want.failingWithFencing].sort());
  });
});
