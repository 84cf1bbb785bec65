import { uniqueCollectors, type CollectedField, type Collector } from "./collector.js";
import { effectsChecker } from "./effects.js";
import { fencingChecker } from "./fencing.js";
import { livenessChecker } from "./liveness.js";
import { lostWritesChecker } from "./lost-writes.js";
import { overlapChecker } from "./overlap.js";
import type { Checker, CheckerResult, Violation, ViolationPlace } from "./types.js";

/** Every checker, by name. A new checker is one file plus one line here. */
export const checkers = {
  overlap: overlapChecker,
  liveness: livenessChecker,
  fencing: fencingChecker,
  effects: effectsChecker,
  "lost-writes": lostWritesChecker,
} satisfies Record<string, Checker>;

export type CheckerName = keyof typeof checkers;

export const checkerNames = Object.keys(checkers) as CheckerName[];

/** The findings of every registered checker (types.ts calls it `Violation`). */
export type RegisteredViolation = { [N in CheckerName]: ReturnType<(typeof checkers)[N]["check"]> extends CheckerResult<infer V> ? V : never }[CheckerName];

/** The fields the registered checkers' collectors fill. */
type RegisteredField = { [N in CheckerName]: (typeof checkers)[N] extends { collectors: ReadonlyArray<Collector<infer K>> } ? K : never }[CheckerName];

/** `true`; tsc fails on a field of CollectedFields that no registered checker's collector fills. */
export type EveryFieldCollected = Collected<Exclude<CollectedField, RegisteredField>>;
type Collected<Missing> = [Missing] extends [never] ? true : { missingCollector: Missing };
const everyFieldCollected: EveryFieldCollected = true;

/** The collectors of every registered checker, each once: what the timeline builder runs. */
export const timelineCollectors: readonly Collector[] = everyFieldCollected ? uniqueCollectors(Object.values(checkers).map((c: Checker) => c.collectors)) : [];

/**
 * Where the timeline page draws a finding: as its checker's `view` says; a finding of a checker
 * this version does not have, over its `window` (or its instant `at`) on the lanes of its `nodes`.
 */
export function placeOf(checker: string, v: Violation): ViolationPlace {
  const registered: Readonly<Record<string, Checker<Violation>>> = checkers;
  if (Object.hasOwn(registered, checker)) return (registered[checker] as Checker<Violation>).view(v);
  const found = v as Partial<Record<"window" | "at" | "nodes", unknown>>;
  const at = typeof found.at === "number" ? found.at : undefined;
  const window = isWindow(found.window) ? found.window : at !== undefined ? { start: at, end: at } : { start: 0, end: 0 };
  return { window, nodes: Array.isArray(found.nodes) ? (found.nodes as string[]) : [] };
}

function isWindow(x: unknown): x is { start: number; end: number } {
  return typeof x === "object" && x !== null && typeof (x as { start?: unknown }).start === "number" && typeof (x as { end?: unknown }).end === "number";
}
