import { uniqueCollectors, type CollectedField, type Collector } from "./collector.js";
import { effectsChecker } from "./effects.js";
import { fencingChecker } from "./fencing.js";
import { livenessChecker } from "./liveness.js";
import { lostWritesChecker } from "./lost-writes.js";
import { overlapChecker } from "./overlap.js";
import type { Checker } from "./types.js";

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

/** The fields the registered checkers' collectors fill. */
type RegisteredField = { [N in CheckerName]: (typeof checkers)[N] extends { collectors: ReadonlyArray<Collector<infer K>> } ? K : never }[CheckerName];

/** `true`; tsc fails on a field of CollectedFields that no registered checker's collector fills. */
export type EveryFieldCollected = Collected<Exclude<CollectedField, RegisteredField>>;
type Collected<Missing> = [Missing] extends [never] ? true : { missingCollector: Missing };
const everyFieldCollected: EveryFieldCollected = true;

/** The collectors of every registered checker, each once: what the timeline builder runs. */
export const timelineCollectors: readonly Collector[] = everyFieldCollected ? uniqueCollectors(Object.values(checkers).map((c: Checker) => c.collectors)) : [];
