import type { CheckerResult } from "../checkers/types.js";

/**
 * The kinds of violation a check found, as "checker/kind" (e.g. "overlap/overlap",
 * "effects/stale-write", "liveness/leaderless"), each once, in checker order. Warnings do not
 * count. A failed checker whose violations list is empty counts as "checker/?".
 */
export function violationKinds(checkers: Readonly<Record<string, Pick<CheckerResult, "valid" | "violations">>>): string[] {
  const out: string[] = [];
  for (const [name, result] of Object.entries(checkers)) {
    if (result.valid !== false) continue;
    const kinds = new Set(result.violations.map((v) => `${name}/${(v as { kind?: unknown }).kind ?? "?"}`));
    if (kinds.size === 0) kinds.add(`${name}/?`);
    for (const k of kinds) if (!out.includes(k)) out.push(k);
  }
  return out;
}
