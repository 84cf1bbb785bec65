/**
 * Pure election decision: given the election path's children (with their ephemeral owners),
 * the node this candidate believes is its own and its current session id, say whether it leads,
 * which node it must watch, or that it must (re)join by creating a node.
 */

export interface ChildInfo {
  /** child name, e.g. "n_0000000003" */
  name: string;
  /** stat.ephemeralOwner as the binding gives it: hex without 0x ("0" for a persistent node) */
  owner: string;
  /** stat.czxid */
  czxid: number;
}

export interface ElectionInput {
  children: readonly ChildInfo[];
  /** the node this candidate created in its current session, if any */
  myNode: string | null;
  /** current session id as hex (the binding's client_id), without 0x */
  sessionId: string;
}

export type ElectionDecision =
  | { kind: "lead"; node: string; token: string; strays: string[] }
  | { kind: "follow"; node: string; watch: string; position: number; strays: string[] }
  | { kind: "join"; reason: "no-node" | "node-gone" | "not-owner"; strays: string[] };

/** Normalize a session id / ephemeral owner: lower-case hex, no 0x, no leading zeros. */
export function normalizeId(id: string): string {
  let s = id.trim().toLowerCase();
  if (s.startsWith("0x")) s = s.slice(2);
  s = s.replace(/^0+/, "");
  return s === "" ? "0" : s;
}

/** The sequence number ZooKeeper appended (last 10 digits), or null when there is none. */
export function sequenceOf(name: string): number | null {
  const m = /(\d{10})$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** Order of the queue: by sequence number; names without one go last, by name. */
export function compareChildren(a: ChildInfo, b: ChildInfo): number {
  const sa = sequenceOf(a.name);
  const sb = sequenceOf(b.name);
  if (sa !== null && sb !== null && sa !== sb) return sa - sb;
  if (sa === null && sb !== null) return 1;
  if (sa !== null && sb === null) return -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** A zxid as the token: 0x-hex, increases with each node created in one ensemble. */
export function zxidToken(zxid: number): string {
  if (!Number.isSafeInteger(zxid) || zxid < 0) throw new RangeError(`bad zxid: ${zxid}`);
  return "0x" + zxid.toString(16);
}

/**
 * Only a node whose ephemeral owner is the current session counts as ours (a node of the same
 * name may belong to an old session or, after ZooKeeper lost its data, to someone else). When we
 * own several (a create retried after a connection loss), the lowest is ours and the rest are
 * strays to delete. Leader only when our node is the first in line.
 */
export function decide(input: ElectionInput): ElectionDecision {
  const session = normalizeId(input.sessionId);
  const sorted = input.children.filter((c) => sequenceOf(c.name) !== null).sort(compareChildren);
  const mine = sorted.filter((c) => normalizeId(c.owner) === session);
  const strays = mine.slice(1).map((c) => c.name);
  const own = mine[0];
  if (own === undefined) {
    if (input.myNode === null) return { kind: "join", reason: "no-node", strays };
    const sameName = sorted.some((c) => c.name === input.myNode);
    return { kind: "join", reason: sameName ? "not-owner" : "node-gone", strays };
  }
  const index = sorted.indexOf(own);
  if (index === 0) return { kind: "lead", node: own.name, token: zxidToken(own.czxid), strays };
  const predecessor = sorted[index - 1];
  if (predecessor === undefined) throw new Error("unreachable: no predecessor");
  return { kind: "follow", node: own.name, watch: predecessor.name, position: index, strays };
}
