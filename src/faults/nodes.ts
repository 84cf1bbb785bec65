import type { Container } from "../runtime/types.js";

/** Where the faults find the nodes of a run: ZooKeeper servers and candidates by history id. */
export interface NodeDirectory {
  /** Every node id the run has (zk1.., c1..). */
  names(): string[];
  /** The node's current container (it changes when a server is rebuilt empty). */
  container(node: string): Container;
  /** The node's address on the run's network, or undefined while its container is not running. */
  ip(node: string): Promise<string | undefined>;
  /**
   * Calls `listener` each time a node's container starts again (a server restarted or rebuilt, a
   * candidate restarted), right after it started and before the run goes on with it: what a fault
   * in force re-applies to the new network namespace. Returns the unsubscribe.
   */
  onStarted(listener: (node: string) => Promise<void>): () => void;
}
