import type { Answer } from "./judge.js";

/** An event an answer turns into (the history writer stamps `t`). */
export type ObservationEvent =
  | { node: string; type: "leader"; source: string }
  | { node: string; type: "follower"; source: string }
  | { node: string; type: "unknown"; source: string; reason: string };

/**
 * Turns a stream of answers into history events, per (node, source): an event only when the
 * answer changes. An unknown answer is recorded once when it begins and ends nothing; the next
 * definite answer is recorded even when it repeats the last one, so the checkers see when the
 * source knew again. `forget` drops what is known of a node (when it starts again), so its next
 * answer is recorded. Pure.
 */
export class ObservationTracker {
  private readonly last = new Map<string, Answer["role"]>();
  /** Definite answers seen, per source and node: what readiness waits for. */
  private readonly answered = new Set<string>();
  private readonly lastReason = new Map<string, string>();

  answer(node: string, source: string, answer: Answer): ObservationEvent | undefined {
    const key = `${source}\u0000${node}`;
    const before = this.last.get(key);
    if (answer.role === "unknown") this.lastReason.set(key, answer.reason);
    else this.answered.add(key);
    if (before === answer.role) return undefined;
    this.last.set(key, answer.role);
    if (answer.role === "unknown") return { node, type: "unknown", source, reason: answer.reason };
    return { node, type: answer.role, source };
  }

  forget(node: string): void {
    for (const key of [...this.last.keys()]) if (key.endsWith(`\u0000${node}`)) this.last.delete(key);
  }

  /** Whether the source has given a definite answer about the node at least once. */
  hasAnswered(node: string, source: string): boolean {
    return this.answered.has(`${source}\u0000${node}`);
  }

  /** The reason of the source's last "no answer" about the node, if any. */
  lastUnknown(node: string, source: string): string | undefined {
    return this.lastReason.get(`${source}\u0000${node}`);
  }
}

/**
 * The answers of one read of ZooKeeper in the order to record them: every "not leader" and "no
 * answer" before any "leader". The history stamps each event as it is recorded, so recording the
 * new leader before the old one's demotion would make a split brain of a millisecond out of a
 * single snapshot in which only one node leads.
 */
export function demotionsFirst<T extends { role: string }>(answers: Iterable<[string, T]>): Array<[string, T]> {
  const list = [...answers];
  return [...list.filter(([, a]) => a.role !== "leader"), ...list.filter(([, a]) => a.role === "leader")];
}
