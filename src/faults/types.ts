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
  /** Writes a line into the run's history (a `log` event), for what a fault found (a server that would not start). */
  note?: (message: string) => void;
}

/** Says something a fault found both on the console and in the run's history. */
export function tell(env: FaultEnv, message: string): void {
  env.progress(message);
  env.note?.(message);
}

/** A fault in force; `heal` undoes exactly what the injection did. */
export interface ActiveFault {
  heal(): Promise<void>;
}

export function candidateOf(env: FaultEnv, node: string): Candidate | undefined {
  return env.fleet.find((c) => c.node === node);
}

/** How long the heal of an ensemble-wide fault waits for a quorum to serve again. */
export const SERVING_AGAIN_TIMEOUT_MS = 90_000;

/** The cluster as it is now, as the executor resolves symbolic targets against it. */
export interface ClusterNow {
  /** Every ZooKeeper server's id. */
  servers(): string[];
  candidates(): ReadonlyArray<{ node: string; running: boolean }>;
  /** Who leads the ensemble and who follows, as the servers answer now. */
  zkRoles(): Promise<{ leader?: string; followers: string[] }>;
}

export function clusterNowOf(env: FaultEnv): ClusterNow {
  return {
    servers: () => env.ensemble.servers.map((s) => s.spec.name),
    candidates: () => env.fleet.map((c) => ({ node: c.node, running: c.running })),
    zkRoles: async () => {
      const q = await env.ensemble.statuses();
      return {
        ...(q.leader !== undefined ? { leader: q.leader } : {}),
        followers: [...q.statuses].filter(([, st]) => st.role === "following").map(([n]) => n),
      };
    },
  };
}
