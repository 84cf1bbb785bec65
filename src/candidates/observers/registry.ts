import { execKind } from "./kinds/exec.js";
import { httpKind } from "./kinds/http.js";
import { logKind } from "./kinds/log.js";
import { zkKind } from "./kinds/zk.js";

/**
 * Every observer kind, listed once. A new kind is one module in kinds/ (its schema and how it
 * watches, kind.ts) plus one line here: the candidate file's schema, the header, the loops and
 * the tests' kind lists come from this list.
 */
export const OBSERVER_KINDS = { http: httpKind, exec: execKind, log: logKind, zk: zkKind } as const;

export type ObserverKindName = keyof typeof OBSERVER_KINDS;
export const OBSERVER_KIND_NAMES = Object.keys(OBSERVER_KINDS) as ObserverKindName[];
