import { DEFAULT_GROUP, PROTOCOL_SOURCE } from "../history/events.js";
import type { AnyEvent, KnownEvent } from "../history/events.js";

/**
 * Who believes they lead the default group right now, from the events as they are recorded
 * (the same rules as the checkers: leader starts, follower or down ends). Pure.
 */
export class LeadershipView {
  private readonly leading = new Map<string, number>();

  /** `source`: whose view counts (default the protocol; an observer's for services watched from outside). */
  constructor(private readonly source: string = PROTOCOL_SOURCE) {}

  observe(event: KnownEvent | AnyEvent): void {
    if ((event.type === "leader" || event.type === "follower") && ((event as { source?: string }).source ?? PROTOCOL_SOURCE) !== this.source) return;
    const group = (event as { group?: string }).group ?? DEFAULT_GROUP;
    if (event.type === "leader" && group === DEFAULT_GROUP) {
      if (!this.leading.has(event.node)) this.leading.set(event.node, event.t);
    } else if ((event.type === "follower" && group === DEFAULT_GROUP) || event.type === "down") {
      this.leading.delete(event.node);
    }
  }

  /** Current leaders, the longest-leading first. */
  leaders(): string[] {
    return [...this.leading.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([n]) => n);
  }
}
