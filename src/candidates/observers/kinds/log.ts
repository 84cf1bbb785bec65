import { z } from "zod";
import { judgeLogLine } from "../judge.js";
import type { ObserverKind } from "../kind.js";
import { name, regex } from "./schema-parts.js";

/** `log`: a line of a candidate's output that matches says it leads (or follows); it does not poll. */
export const LogObserverSchema = z.strictObject({
  name,
  leader: regex("log.leader"),
  follower: regex("log.follower"),
});

export type LogObserver = z.infer<typeof LogObserverSchema>;

export const logKind = {
  kind: "log",
  schema: LogObserverSchema,
  pollMs: () => undefined,
  timeoutMs: () => 0,
  line: (s, text) => judgeLogLine(s, text),
} as const satisfies ObserverKind<LogObserver>;
