import { PROTOCOL_SOURCE } from "../history/events.js";
import type { AnyEvent, KnownEvent } from "../history/events.js";

/**
 * Which candidates have reported a role over the protocol yet (a `leader` or `follower` line of
 * their own), from the events as they are recorded. A candidate that has not is still starting:
 * a JVM on a busy machine, or under libfaketime, can take tens of seconds to say anything. Pure.
 */
export class RoleReports {
  private readonly reported = new Set<string>();

  observe(event: KnownEvent | AnyEvent): void {
    if (event.type !== "leader" && event.type !== "follower") return;
    if (((event as { source?: string }).source ?? PROTOCOL_SOURCE) !== PROTOCOL_SOURCE) return;
    this.reported.add(event.node);
  }

  /** What is still awaited among `nodes` ("c2, c3 have not reported a role yet"), or undefined when every one has. */
  awaited(nodes: readonly string[]): string | undefined {
    const silent = nodes.filter((n) => !this.reported.has(n));
    if (silent.length === 0) return undefined;
    return `${silent.join(", ")} ${silent.length === 1 ? "has" : "have"} not reported a role yet (candidate protocol: a leader or follower line)`;
  }
}
