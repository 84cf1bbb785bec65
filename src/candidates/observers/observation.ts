import type { SeenEvent } from "../../history/events.js";
import type { Answer } from "./judge.js";

/** An event an answer turns into (the history writer stamps `t`). */
export type ObservationEvent =
  | { node: string; type: "leader"; source: string }
  | { node: string; type: "follower"; source: string }
  | { node: string; type: "unknown"; source: string; reason: string };

/**
 * A v5 `seen` line: the source's last "leader" answer about the node before its answer changed,
 * stamped with the time of that answer (so it is written after lines with later times).
 */
export type SeenLine = SeenEvent;

/**
 * Turns a stream of answers into history events, per (node, source): an event only when the
 * answer changes. An unknown answer is recorded once when it begins and ends nothing; the next
 * definite answer is recorded even when it repeats the last one, so the checkers see when the
 * source knew again. `forget` drops what is known of a node (when it starts again), so its next
 * answer is recorded. Pure.
 */
export class ObservationTracker {
  private readonly last = new Map<string, Answer["role"]>();
  /** The time of the latest repeated "leader" answer, per source and node, not yet written. */
  private readonly lastLeaderAt = new Map<string, number>();
  /** Definite answers seen, per source and node: what readiness waits for. */
  private readonly answered = new Set<string>();
  private readonly lastReason = new Map<string, string>();

  /**
   * The events an answer at `at` (the history's clock) turns into, in the order to write them: the
   * `seen` line of the leadership it ends, if the source repeated "leader" since the change it
   * recorded, then the change itself.
   */
  observe(node: string, source: string, answer: Answer, at: number): Array<ObservationEvent | SeenLine> {
    const key = `${source}\u0000${node}`;
    const before = this.last.get(key);
    if (before === "leader" && answer.role === "leader") {
      this.lastLeaderAt.set(key, at);
      return [];
    }
    const seen = before === "leader" ? this.takeSeen(key, node, source) : [];
    const event = this.answer(node, source, answer);
    return event === undefined ? seen : [...seen, event];
  }

  /**
   * The `seen` lines still due for a node, in every source (when it goes down), or for every node
   * (`node` undefined, when the observers stop): the last "leader" answer of each leadership.
   */
  flush(node?: string): SeenLine[] {
    const out: SeenLine[] = [];
    for (const key of [...this.lastLeaderAt.keys()]) {
      const [source, n] = key.split("\u0000") as [string, string];
      if (node === undefined || n === node) out.push(...this.takeSeen(key, n, source));
    }
    return out.sort((a, b) => a.t - b.t);
  }

  private takeSeen(key: string, node: string, source: string): SeenLine[] {
    const t = this.lastLeaderAt.get(key);
    this.lastLeaderAt.delete(key);
    return t === undefined ? [] : [{ t, node, type: "seen", source }];
  }

  /** The change an answer makes, if any (without the time: what `observe` builds on). */
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
    for (const key of [...this.lastLeaderAt.keys()]) if (key.endsWith(`\u0000${node}`)) this.lastLeaderAt.delete(key);
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
