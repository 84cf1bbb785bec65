/**
 * The order in which jobs start when several may run (pure): longest first, so that the longest
 * does not start last and hold up the end; jobs of the same length keep their given order.
 * `run-pool.ts` starts its jobs in this order and `estimate.ts` reckons with it.
 */
export function longestFirst(lengths: readonly number[]): number[] {
  return lengths.map((_, i) => i).sort((a, b) => (lengths[b] as number) - (lengths[a] as number) || a - b);
}
