/**
 * The two small structures the overlap sweeps need to stay near-linear when many leaders overlap
 * at once: a binary heap and a Fenwick (binary indexed) tree.
 */

/** A binary heap of items ordered by `before` (a min-heap for `(a, b) => a < b`). */
export class Heap<T> {
  private readonly items: T[] = [];
  constructor(private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  peek(): T | undefined {
    return this.items[0];
  }

  push(item: T): void {
    const a = this.items;
    a.push(item);
    let i = a.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(a[i] as T, a[parent] as T)) break;
      [a[i], a[parent]] = [a[parent] as T, a[i] as T];
      i = parent;
    }
  }

  pop(): T | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length === 0 || last === undefined) return top;
    a[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < a.length && this.before(a[l] as T, a[best] as T)) best = l;
      if (r < a.length && this.before(a[r] as T, a[best] as T)) best = r;
      if (best === i) break;
      [a[i], a[best]] = [a[best] as T, a[i] as T];
      i = best;
    }
    return top;
  }
}

/** Counts per rank 0..size-1 with prefix sums, and a prefix maximum that only grows. */
export class Fenwick {
  private readonly counts: Float64Array;
  private readonly maxima: Float64Array;

  constructor(size: number) {
    this.counts = new Float64Array(size + 1);
    this.maxima = new Float64Array(size + 1).fill(-Infinity);
  }

  /** Adds `delta` to the count at `rank`. */
  add(rank: number, delta: number): void {
    for (let i = rank + 1; i < this.counts.length; i += i & -i) this.counts[i] = (this.counts[i] as number) + delta;
  }

  /** The sum of the counts at ranks 0..rank-1. */
  countBelow(rank: number): number {
    let sum = 0;
    for (let i = rank; i > 0; i -= i & -i) sum += this.counts[i] as number;
    return sum;
  }

  /** Raises the maximum recorded at `rank` to at least `value` (values are never lowered). */
  raise(rank: number, value: number): void {
    for (let i = rank + 1; i < this.maxima.length; i += i & -i) if ((this.maxima[i] as number) < value) this.maxima[i] = value;
  }

  /** The largest value raised at ranks 0..rank-1 (-Infinity if none). */
  maxBelow(rank: number): number {
    let max = -Infinity;
    for (let i = rank; i > 0; i -= i & -i) if ((this.maxima[i] as number) > max) max = this.maxima[i] as number;
    return max;
  }
}
