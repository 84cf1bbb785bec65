import { longestFirst } from "./start-order.js";

/**
 * Runs `jobs` with at most `parallel` under way at once and returns their results in the order
 * of `jobs`, whatever order they finish in. Each job gets its slot (0 .. parallel-1), so a caller
 * can spread slots over engines. Once `signal` fires no further job starts; the jobs under way
 * are awaited (they heal and tear down on the same signal), then the signal's reason is thrown.
 * A job that throws stops new starts too; the others are awaited and the first error is thrown.
 * With `longest`, jobs start longest first (its estimate; ties keep their order), so that the
 * longest does not start last and hold up the end. With `stopAfter`, no job starts once one has
 * returned a result it says true of (the jobs under way finish); the results are then those of
 * the jobs that ran, still in the order of `jobs`.
 */
export async function runPool<J, R>(
  jobs: readonly J[],
  parallel: number,
  run: (job: J, index: number, slot: number) => Promise<R>,
  signal?: AbortSignal,
  longest?: (job: J) => number,
  stopAfter?: (result: R) => boolean,
): Promise<R[]> {
  if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`parallel must be a whole number >= 1, got ${parallel}`);
  const results = new Array<R>(jobs.length);
  const order = longest !== undefined ? longestFirst(jobs.map(longest)) : jobs.map((_, i) => i);
  let next = 0;
  let failure: { err: unknown } | undefined;
  let stopped = false;
  const ran = new Set<number>();
  const worker = async (slot: number): Promise<void> => {
    while (failure === undefined && !stopped && signal?.aborted !== true && next < jobs.length) {
      const index = order[next] as number;
      next += 1;
      ran.add(index);
      try {
        results[index] = await run(jobs[index] as J, index, slot);
        if (stopAfter?.(results[index] as R) === true) stopped = true;
      } catch (err) {
        failure ??= { err };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, jobs.length) }, (_, slot) => worker(slot)));
  if (failure !== undefined) throw failure.err;
  signal?.throwIfAborted();
  return stopped ? results.filter((_, i) => ran.has(i)) : results;
}
