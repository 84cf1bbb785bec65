import { z } from "zod";
import type { ObserverKind } from "../kind.js";
import { ZkElectionReader } from "../zk-probe.js";
import { DEFAULT_POLL_MS, DEFAULT_PROBE_TIMEOUT_MS, name, pollMs, regex, timeoutMs } from "./schema-parts.js";

/** `zk`: ZooKeeper's own view of the election, read by the harness for the whole fleet at once. */
export const ZkObserverSchema = z
  .strictObject({
    name,
    /** An ephemeral znode whose data names the leader (Patroni: /service/<scope>/leader). */
    leaderKey: z.string().startsWith("/").optional(),
    /** A recipe's election path: the owner of the lowest sequential child leads. */
    electionPath: z.string().startsWith("/").optional(),
    /**
     * How a znode's data names its candidate: a regular expression whose first group (or whole
     * match) is the candidate id. Default: the data, trimmed, is the id.
     */
    owner: regex("zk.owner").optional(),
    pollMs,
    timeoutMs,
  })
  .refine((z) => (z.leaderKey === undefined) !== (z.electionPath === undefined), { message: "give exactly one of leaderKey and electionPath" });

export type ZkObserver = z.infer<typeof ZkObserverSchema>;

export const zkKind = {
  kind: "zk",
  schema: ZkObserverSchema,
  pollMs: (s) => s.pollMs ?? DEFAULT_POLL_MS,
  timeoutMs: (s) => s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  fleet: (s, ctx) => {
    const reader = new ZkElectionReader(s, ctx.zkConnect, ctx.candidates, s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS);
    return { read: () => reader.read(), close: () => reader.close() };
  },
} as const satisfies ObserverKind<ZkObserver>;
