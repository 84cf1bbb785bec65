/**
 * A grudge says, for each node, which nodes it must not hear from (Jepsen's term). Partitions
 * are grudges: each is applied as "drop packets from these peers" on the receiving node, so a
 * symmetric grudge cuts both directions. Pure: shapes are computed, not applied.
 */
export type Grudge = Map<string, Set<string>>;

function add(g: Grudge, from: string, peer: string): void {
  if (from === peer) return;
  let set = g.get(from);
  if (set === undefined) g.set(from, (set = new Set()));
  set.add(peer);
}

/** Every node of `a` stops hearing every node of `b`, and the other way round. */
export function cut(a: readonly string[], b: readonly string[]): Grudge {
  const g: Grudge = new Map();
  for (const x of a) {
    for (const y of b) {
      add(g, x, y);
      add(g, y, x);
    }
  }
  return g;
}

/** Components that hear only themselves: a complete partition into these parts. */
export function components(parts: ReadonlyArray<readonly string[]>): Grudge {
  const g: Grudge = new Map();
  parts.forEach((part, i) => {
    parts.forEach((other, j) => {
      if (i === j) return;
      for (const x of part) for (const y of other) add(g, x, y);
    });
  });
  return g;
}

/** One node cut off from all the others. */
export function isolate(node: string, all: readonly string[]): Grudge {
  return cut([node], all.filter((n) => n !== node));
}

/** The nodes split in two halves (the first half gets the extra node of an odd count). */
export function halves(all: readonly string[]): Grudge {
  const mid = Math.ceil(all.length / 2);
  return components([all.slice(0, mid), all.slice(mid)]);
}

/** A majority and a minority; `minority` are the nodes put in the minority. */
export function majorityMinority(all: readonly string[], minority: readonly string[]): Grudge {
  return components([all.filter((n) => !minority.includes(n)), [...minority]]);
}

/**
 * Two halves joined by one bridge node that hears both (Jepsen's bridge): nodes in different
 * halves cannot talk, but both can talk to the bridge.
 */
export function bridge(all: readonly string[], bridgeNode: string): Grudge {
  const rest = all.filter((n) => n !== bridgeNode);
  const mid = Math.ceil(rest.length / 2);
  return components([rest.slice(0, mid), rest.slice(mid)]);
}

/**
 * Every node hears a majority, but no two nodes hear the same majority (Jepsen's
 * majorities-ring): node i hears the nodes within distance floor(n/2)/2 around it on a ring.
 */
export function majoritiesRing(all: readonly string[]): Grudge {
  const n = all.length;
  const g: Grudge = new Map();
  const reach = Math.floor(Math.floor(n / 2 + 1) / 2);
  all.forEach((node, i) => {
    all.forEach((other, j) => {
      if (i === j) return;
      const d = Math.min((i - j + n) % n, (j - i + n) % n);
      if (d > reach) add(g, node, other);
    });
  });
  return g;
}

/** Merges grudges (union of every node's set). */
export function merge(...grudges: Grudge[]): Grudge {
  const g: Grudge = new Map();
  for (const x of grudges) for (const [node, peers] of x) for (const p of peers) add(g, node, p);
  return g;
}

/** Whether `from` can hear `to` under the grudge. */
export function hears(g: Grudge, node: string, peer: string): boolean {
  return !(g.get(node)?.has(peer) ?? false);
}

/** A stable, readable form for run.json and logs: {"c1":["zk1","zk2"], ...}. */
export function describeGrudge(g: Grudge): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const node of [...g.keys()].sort()) out[node] = [...(g.get(node) ?? [])].sort();
  return out;
}

/** The nodes that get rules: those with a non-empty grudge. */
export function grudgeTargets(g: Grudge): string[] {
  return [...g.entries()].filter(([, s]) => s.size > 0).map(([n]) => n).sort();
}

/**
 * What a partition must re-apply when `node`'s container started again (restarted, or rebuilt
 * with a new address) while it holds: the node's own rules when it is a receiving node (its
 * network namespace is new, its rules went with the old one), and the rules of every receiving
 * node that must not hear from it (its address may have changed). Pure.
 */
export function reapplyPlan(grudge: Grudge, node: string): { own: boolean; peersOf: string[] } {
  const own = (grudge.get(node)?.size ?? 0) > 0;
  const peersOf = [...grudge.entries()].filter(([target, peers]) => target !== node && peers.has(node)).map(([target]) => target).sort();
  return { own, peersOf };
}
