/**
 * `p`, or a rejection with `message` once `ms` have passed. The work behind `p` is not
 * cancelled: a caller that gives up must make sure whatever it started is cleaned up later.
 */
export function withTimeout<T>(p: Promise<T>, ms: number, message: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(message)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}
