import { z } from "zod";
import { FOLLOWER, LEADER, type Answer } from "../judge.js";
import type { ObserverKind } from "../kind.js";
import { name, regex } from "./schema-parts.js";

/** `log`: a line of a candidate's output that matches says it leads (or follows); it does not poll. */
export const LogObserverSchema = z.strictObject({
  name,
  leader: regex("log.leader"),
  follower: regex("log.follower"),
});

export type LogObserver = z.infer<typeof LogObserverSchema>;

/** A log line's answer, if it says anything: the follower pattern wins when both match. */
export function judgeLogLine(spec: LogObserver, line: string): Answer | undefined {
  if (new RegExp(spec.follower).test(line)) return FOLLOWER;
  if (new RegExp(spec.leader).test(line)) return LEADER;
  return undefined;
}

export const logKind = {
  kind: "log",
  schema: LogObserverSchema,
  pollMs: () => undefined,
  timeoutMs: () => 0,
  line: (s, text) => judgeLogLine(s, text),
} as const satisfies ObserverKind<LogObserver>;
