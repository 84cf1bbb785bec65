import type { Suite } from "../scenarios/suites.js";

/** One shard of a split: `index` of `count`, both counted from 1 (`--shard 2/3`). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads "i/n" (1 <= i <= n): the i-th of n shards. Throws an Error whose message says what is
 * wrong and what a right spelling looks like; the CLI turns it into a usage error.
 */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new Error(`expected i/n, the i-th of n shards (e.g. 2/3), got "${text}"`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1) throw new Error(`the number of shards must be at least 1, got "${text}"`);
  if (index < 1 || index > count) throw new Error(`the shard must be from 1 to ${count} (shards count from 1), got "${text}"`);
  return { index, count };
}

/** "2/3" */
export function describeShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The cases of one shard: case k (0-based, in the given order) belongs to shard (k mod n) + 1.
 * Every case is in exactly one shard of n, the shards differ in size by at most one, and each
 * keeps the cases' order. Only positions count, so every runner that lists the same cases in
 * the same order picks the same ones.
 */
export function selectShard<T>(cases: readonly T[], shard: Shard): T[] {
  return cases.filter((_, k) => k % shard.count === shard.index - 1);
}

/** A suite with only this shard's cases (incident x candidate), and only the incidents they belong to. */
export function shardSuite(suite: Suite, shard: Shard): Suite {
  const cases = selectShard(suite.cases, shard);
  return { ...suite, incidents: suite.incidents.filter((i) => cases.some((c) => c.incident === i.id)), cases };
}
