import type { ReadEvent } from "../history/parse.js";

/**
 * How long two observers disagreed about who leads (group "default"): the total time and the
 * longest stretch in which the leader sets they report differ, counting only time when both had
 * an answer about every node (an `unknown` stretch is excluded). Pure.
 */
export interface Agreement {
  disagreeMs: number;
  longestMs: number;
  /** Time both had answers for: what the disagreement is out of. */
  comparedMs: number;
}

export function agreement(events: readonly ReadEvent[], a: string, b: string): Agreement {
  const sorted = events.map((e, i) => ({ e, i })).sort((x, y) => x.e.t - y.e.t || x.i - y.i).map((x) => x.e);
  const leaders = { [a]: new Set<string>(), [b]: new Set<string>() } as Record<string, Set<string>>;
  const unknown = { [a]: new Set<string>(), [b]: new Set<string>() } as Record<string, Set<string>>;
  let last: number | undefined;
  let run = 0;
  const out: Agreement = { disagreeMs: 0, longestMs: 0, comparedMs: 0 };
  const same = (): boolean => {
    const x = leaders[a] as Set<string>;
    const y = leaders[b] as Set<string>;
    return x.size === y.size && [...x].every((n) => y.has(n));
  };
  const seen = new Set<string>();
  for (const e of sorted) {
    if (last !== undefined && e.t > last && seen.has(a) && seen.has(b) && (unknown[a] as Set<string>).size === 0 && (unknown[b] as Set<string>).size === 0) {
      const dt = e.t - last;
      out.comparedMs += dt;
      if (!same()) {
        out.disagreeMs += dt;
        run += dt;
        out.longestMs = Math.max(out.longestMs, run);
      } else run = 0;
    } else if (last !== undefined && e.t > last) run = 0;
    last = e.t;
    const group = (e as { group?: string }).group ?? "default";
    if (group !== "default") continue;
    const source = (e as { source?: string }).source ?? "protocol";
    if (e.type === "down") {
      for (const s of [a, b]) {
        leaders[s]?.delete(e.node);
        unknown[s]?.delete(e.node);
      }
      continue;
    }
    if (source !== a && source !== b) continue;
    if (e.type === "leader" || e.type === "follower") {
      seen.add(source);
      unknown[source]?.delete(e.node);
      if (e.type === "leader") leaders[source]?.add(e.node);
      else leaders[source]?.delete(e.node);
    } else if (e.type === "unknown") unknown[source]?.add(e.node);
  }
  return out;
}
