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
