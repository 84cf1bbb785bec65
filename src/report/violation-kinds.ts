import type { Validity } from "../checkers/types.js";

/**
 * The kinds of violation a check found, as "checker/kind" (e.g. "overlap/overlap",
 * "effects/stale-write", "liveness/leaderless"), each once, in checker order. Warnings do not
 * count. A failed checker whose violations list is empty counts as "checker/?".
 */
export function violationKinds(checkers: Readonly<Record<string, { valid: Validity; violations: ReadonlyArray<{ kind?: unknown }> }>>): string[] {
  const out: string[] = [];
  for (const [name, result] of Object.entries(checkers)) {
    if (result.valid !== false) continue;
    const kinds = new Set(result.violations.map((v) => `${name}/${String(v.kind ?? "?")}`));
    if (kinds.size === 0) kinds.add(`${name}/?`);
    for (const k of kinds) if (!out.includes(k)) out.push(k);
  }
  return out;
}
