/**
 * The seeds of `run --repeat N`: the first run uses --seed itself (so it is the run `run --seed`
 * gives), every further one a seed derived from it. Pure: the same --seed and N give the same
 * seeds on every machine, so each failing run can be replayed with `run --seed <its seed>`.
 */
export function repeatSeeds(base: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`repeat count must be a whole number >= 1, got ${count}`);
  const seeds = [base >>> 0];
  const seen = new Set(seeds);
  for (let i = 1; seeds.length < count; i += 1) {
    const s = mix32((base >>> 0) ^ Math.imul(i, 0x9e3779b9));
    // Distinct seeds, so that no two runs of a repeat are the same run by construction.
    if (seen.has(s)) continue;
    seen.add(s);
    seeds.push(s);
  }
  return seeds;
}

/** A 32-bit finalizer (murmur3's fmix32): spreads nearby inputs over the whole range. */
function mix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
