
/**
 * What one probe found out about one candidate: it leads, it does not, or there was no answer
 * (timeout, refused, paused, cut off). Only a definite answer may end a leadership interval.
 */
export type Answer = { role: "leader" } | { role: "follower" } | { role: "unknown"; reason: string };

export const LEADER: Answer = { role: "leader" };
export const FOLLOWER: Answer = { role: "follower" };
export const unknown = (reason: string): Answer => ({ role: "unknown", reason });

/** One value or a list of them, as a list (a status or statuses, an exit code or codes). */
export const asList = (v: number | number[]): number[] => (Array.isArray(v) ? v : [v]);

/** The value at a JSON pointer (RFC 6901), or undefined when the path does not exist. */
export function atPointer(doc: unknown, pointer: string): unknown {
  if (pointer === "") return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split("/")) {
    const key = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    if (cur === null || typeof cur !== "object") return undefined;
    if (Array.isArray(cur)) {
      if (!/^\d+$/.test(key)) return undefined;
      cur = cur[Number(key)];
    } else {
      if (!Object.hasOwn(cur, key)) return undefined;
      cur = (cur as Record<string, unknown>)[key];
    }
  }
  return cur;
}

/**
 * The candidate a znode's data names: the owner pattern's first group (or whole match), else the
 * trimmed data itself. Undefined when the data names no candidate of this run.
 */
export function ownerOf(data: string, candidates: readonly string[], owner?: string): string | undefined {
  let id = data.trim();
  if (owner !== undefined) {
    const m = new RegExp(owner).exec(data);
    if (m === null) return undefined;
    id = m[1] ?? m[0];
  }
  return candidates.includes(id) ? id : undefined;
}

/** The lowest sequential child of an election path (the 10-digit suffix decides, not the prefix). */
export function lowestSequential(children: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestSeq = Infinity;
  for (const c of children) {
    const m = /(\d{10})$/.exec(c);
    if (m === null) continue;
    const seq = Number(m[1]);
    if (seq < bestSeq) {
      bestSeq = seq;
      best = c;
    }
  }
  return best;
}

/** ZooKeeper's answer for every candidate, given who it says leads (undefined: nobody). */
export function zkAnswers(candidates: readonly string[], leader: string | undefined): Map<string, Answer> {
  return new Map(candidates.map((c) => [c, c === leader ? LEADER : FOLLOWER]));
}
