import type { Candidate } from "../candidates/runner.js";
import type { Ensemble } from "../cluster/ensemble.js";
import type { RunScope } from "../runtime/types.js";
import type { NodeDirectory } from "./nodes.js";

/** What a fault acts on: the run's cluster. */
export interface FaultEnv {
  run: RunScope;
  ensemble: Ensemble;
  fleet: readonly Candidate[];
  nodes: NodeDirectory;
  netutilImage: string;
  progress: (message: string) => void;
}

/** A fault after its targets were resolved to node ids at run time. */
export interface ResolvedFault {
  kind: string;
  id: string;
  /** The nodes it acts on (for partitions: one side, see `shape`). */
  targets: string[];
  shape?: string;
}

/** A fault in force; `heal` undoes exactly what the injection did. */
export interface ActiveFault {
  heal(): Promise<void>;
}

/** One kind of fault: a file per kind, one line in the registry. */
export interface FaultKindImpl {
  kind: string;
  inject(env: FaultEnv, fault: ResolvedFault): Promise<ActiveFault>;
}

export function candidateOf(env: FaultEnv, node: string): Candidate | undefined {
  return env.fleet.find((c) => c.node === node);
}

export function isServer(env: FaultEnv, node: string): boolean {
  return env.ensemble.servers.some((s) => s.spec.name === node);
}

/** How long the heal of an ensemble-wide fault waits for a quorum to serve again. */
export const SERVING_AGAIN_TIMEOUT_MS = 90_000;
