import { hostname } from "node:os";

/** Every Docker resource splitbrain makes carries these labels; cleanup goes by them. */
export const LABEL_RUN = "splitbrain.run";
/** The harness process that owns the run, so `gc` can tell a live run from a crashed one. */
export const LABEL_PID = "splitbrain.pid";
export const LABEL_HOST = "splitbrain.host";
/** The history node id of a container (zk1, c2, ...) and its role (zookeeper, candidate, netutil). */
export const LABEL_NODE = "splitbrain.node";
export const LABEL_ROLE = "splitbrain.role";
/** Content hash of an image's build context and arguments: rebuild only when it changes. */
export const LABEL_HASH = "splitbrain.hash";

export interface RunOwner {
  runId: string;
  pid: number;
  host: string;
}

export function currentOwner(runId: string): RunOwner {
  return { runId, pid: process.pid, host: hostname() };
}

export function ownerLabels(owner: RunOwner): Record<string, string> {
  return { [LABEL_RUN]: owner.runId, [LABEL_PID]: String(owner.pid), [LABEL_HOST]: owner.host };
}
