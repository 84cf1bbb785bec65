/** The sizes of ensemble splitbrain brings up: odd, so that a majority exists. */
export const ENSEMBLE_SIZES = [1, 3, 5, 7] as const;
export type EnsembleSize = (typeof ENSEMBLE_SIZES)[number];

export const CLIENT_PORT = 2181;
export const QUORUM_PORT = 2888;
export const ELECTION_PORT = 3888;

/** What an ensemble is: how many servers and ZooKeeper's timing settings. */
export interface EnsembleSpec {
  size: EnsembleSize;
  /** ZooKeeper's basic time unit (ms). Session timeouts are bounded to 2..20 ticks. */
  tickTime: number;
  /** Ticks a follower may take to connect and sync to the leader. */
  initLimit: number;
  /** Ticks a follower may lag behind the leader. */
  syncLimit: number;
}

export const DEFAULT_ENSEMBLE: EnsembleSpec = { size: 3, tickTime: 1000, initLimit: 10, syncLimit: 5 };

export interface ServerSpec {
  /** ZooKeeper's myid, 1..size. */
  id: number;
  /** The node name in the history and the container's host name: zk1, zk2, ... */
  name: string;
}

export function serversOf(spec: EnsembleSpec): ServerSpec[] {
  return Array.from({ length: spec.size }, (_, i) => ({ id: i + 1, name: `zk${i + 1}` }));
}

/** The connect string candidates use: zk1:2181,zk2:2181,... */
export function connectString(spec: EnsembleSpec): string {
  return serversOf(spec)
    .map((s) => `${s.name}:${CLIENT_PORT}`)
    .join(",");
}

/** Servers needed for a quorum. */
export function quorumSize(size: number): number {
  return Math.floor(size / 2) + 1;
}

export function isEnsembleSize(n: number): n is EnsembleSize {
  return (ENSEMBLE_SIZES as readonly number[]).includes(n);
}
