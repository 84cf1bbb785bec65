import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PossiblePolicy } from "../../src/checkers/types.js";

export const FIXTURE_DIR = join(import.meta.dirname, "..", "..", "fixtures", "histories");

export interface FixtureExpectation {
  description: string;
  args: string[];
  exit: 0 | 1 | 2 | 64;
  valid?: true | false | "unknown";
  checkers?: Record<string, { valid: true | false | "unknown"; violations: number; warnings?: number }>;
  violations?: Array<{ checker: string; group?: string; nodes?: string[]; start?: number; end?: number; durationMs?: number }>;
  error?: string;
}

export interface Fixture {
  name: string;
  history: string;
  expect: FixtureExpectation;
}

/** Every fixture pair `<name>.jsonl` + `<name>.expect.json` under fixtures/histories (not recursive). */
export function loadFixtures(dir = FIXTURE_DIR): Fixture[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".expect.json"))
    .sort()
    .map((f) => {
      const name = f.slice(0, -".expect.json".length);
      const expect = JSON.parse(readFileSync(join(dir, f), "utf8")) as FixtureExpectation;
      return { name, history: join(dir, `${name}.jsonl`), expect: { ...expect, args: expect.args ?? [] } };
    });
}

/** The check options a fixture's CLI args stand for. */
export function optionsFromArgs(args: string[]): { toleranceMs?: number; recoveryMs?: number; fencing?: boolean; possible?: PossiblePolicy } {
  const out: { toleranceMs?: number; recoveryMs?: number; fencing?: boolean; possible?: PossiblePolicy } = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--tolerance-ms") out.toleranceMs = Number(args[++i]);
    else if (a === "--recovery-ms") out.recoveryMs = Number(args[++i]);
    else if (a === "--fencing") out.fencing = true;
    else if (a === "--possible") out.possible = args[++i] as PossiblePolicy;
    else throw new Error(`fixture arg ${a} is not understood by the test`);
  }
  return out;
}

export function fixtureExists(f: Fixture): boolean {
  return existsSync(f.history);
}
