/**
 * Which violation a shrink keeps ("the same way"): the one asked for (`--violation
 * checker/kind`, or just `checker` for its first kind), else the original's first kind in
 * checker order (safety before liveness: overlap, then the others as the run's verdict lists them).
 * Throws an Error naming the kinds the run has when the one asked for is not among them.
 */
export function chooseTarget(originalKinds: readonly string[], requested?: string): string {
  if (originalKinds.length === 0) throw new Error("the run found no violation to keep");
  if (requested === undefined) return originalKinds[0] as string;
  const exact = originalKinds.find((k) => k === requested);
  const byChecker = originalKinds.find((k) => k.split("/")[0] === requested);
  const found = exact ?? byChecker;
  if (found === undefined) throw new Error(`the run found no "${requested}" violation; it found ${originalKinds.join(", ")}`);
  return found;
}
