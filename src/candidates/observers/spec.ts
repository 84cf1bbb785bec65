import { z } from "zod";
import type { ObserverKind } from "./kind.js";
import { OBSERVER_KIND_NAMES, OBSERVER_KINDS, type ObserverKindName } from "./registry.js";

/**
 * How splitbrain watches a candidate from the outside (docs/candidates.md, "Observers").
 * Each entry of a candidate's `observe:` list is one of these, keyed by its kind; the kinds are
 * in registry.ts, one module each in kinds/.
 */

export { ExecObserverSchema, type ExecObserver } from "./kinds/exec.js";
export { HttpObserverSchema, type HttpObserver } from "./kinds/http.js";
export { LogObserverSchema, type LogObserver } from "./kinds/log.js";
export { ZkObserverSchema, type ZkObserver } from "./kinds/zk.js";
export type { ObserverKindName } from "./registry.js";

type Kinds = typeof OBSERVER_KINDS;

/** One entry: `{ <kind>: <its settings> }`. */
export type ObserverSpec = { [K in ObserverKindName]: { [P in K]: z.infer<Kinds[K]["schema"]> } }[ObserverKindName];

export const ObserverSpecSchema = z.union(OBSERVER_KIND_NAMES.map((k) => z.strictObject({ [k]: OBSERVER_KINDS[k].schema })) as unknown as [z.ZodType<ObserverSpec>, z.ZodType<ObserverSpec>]) as unknown as z.ZodType<ObserverSpec>;

/** The kind of an observer entry: its one key. */
export function kindOf(spec: ObserverSpec): ObserverKindName {
  return Object.keys(spec)[0] as ObserverKindName;
}

/** The entry's own settings, whatever its kind. */
export function bodyOf(spec: ObserverSpec): { name?: string | undefined; pollMs?: number | undefined; timeoutMs?: number | undefined } {
  return (spec as Record<string, { name?: string; pollMs?: number; timeoutMs?: number }>)[kindOf(spec)] as { name?: string; pollMs?: number; timeoutMs?: number };
}

/** The entry's kind and settings, to ask the kind about them. */
export function kindAndBody(spec: ObserverSpec): { def: ObserverKind<unknown>; body: unknown } {
  const kind = kindOf(spec);
  return { def: OBSERVER_KINDS[kind] as unknown as ObserverKind<unknown>, body: (spec as Record<string, unknown>)[kind] };
}

/** The source name each observer records under: its `name`, else its kind, numbered when a kind repeats. */
export function sourceNames(specs: readonly ObserverSpec[]): string[] {
  const seen = new Map<string, number>();
  return specs.map((s) => {
    const explicit = bodyOf(s).name;
    if (explicit !== undefined) return explicit;
    const kind = kindOf(s);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    return n === 1 ? kind : `${kind}-${n}`;
  });
}

/** How often an observer polls (those that read lines do not poll: undefined). */
export function pollIntervalOf(spec: ObserverSpec): number | undefined {
  const { def, body } = kindAndBody(spec);
  return def.pollMs(body);
}

/** How long one probe of a polling observer may wait for its answer (exec: 5 s, the others 1 s). */
export function probeTimeoutOf(spec: ObserverSpec): number {
  const { def, body } = kindAndBody(spec);
  return def.timeoutMs(body);
}
