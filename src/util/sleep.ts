/**
 * The longest single timer: Node fires a timer of more than 2^31 - 1 ms (about 24.8 days) at
 * once, so longer waits are slept in slices of at most this.
 */
export const MAX_TIMER_SLICE_MS = 24 * 60 * 60 * 1000;

/** Waits `ms` (in slices of at most a day, so any length waits as long), or rejects with the signal's reason as soon as it is aborted. */
export function sleep(ms: number, signal?: AbortSignal, slice: number = MAX_TIMER_SLICE_MS): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as Error);
      return;
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    let left = ms;
    const next = (): void => {
      if (!(left > 0)) {
        signal?.removeEventListener("abort", onAbort);
        resolve();
        return;
      }
      const step = Math.min(left, slice);
      left -= step;
      timer = setTimeout(next, step);
    };
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
    next();
  });
}
