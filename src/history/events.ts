import { z } from "zod";

/** The history format version this splitbrain writes (docs/history-format.md). */
export const HISTORY_VERSION = 5;
/**
 * Every version this splitbrain reads: v1 has no sources and no `unknown` events, v2 no `write`
 * events, v3 no `read` events, v4 no `seen` events (a polled observer's last answer before a change).
 */
export const READABLE_VERSIONS: readonly number[] = [1, 2, 3, 4, 5];

/** The source of observations that carry none: the candidate's own stdout protocol lines. */
export const PROTOCOL_SOURCE = "protocol";

/** An observer as recorded in the header: its source name, kind and poll interval (v2). */
export const ObserverMetaSchema = z.looseObject({
  source: z.string(),
  kind: z.string(),
  pollMs: z.number().optional(),
});
export type ObserverMeta = z.infer<typeof ObserverMetaSchema>;

/** Line 1 of every history. Further fields (versions, resolved config) are allowed. */
export const MetaSchema = z.looseObject({
  type: z.literal("meta"),
  v: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]),
  run: z.string(),
  scenario: z.string(),
  seed: z.number().int(),
  startedAt: z.string(),
  /** v2: the observers that watched the candidates, besides the protocol. */
  observers: z.array(ObserverMetaSchema).optional(),
});
export type Meta = z.infer<typeof MetaSchema>;

/** The header's fields, each optional but of its type when present: what a reader insists on. */
export const MetaHeaderFieldsSchema = MetaSchema.partial();

/** What every event line has: ms since `startedAt`, the node, the type. Unknown fields are kept. */
const base = {
  t: z.number(),
  node: z.string(),
};

export const DEFAULT_GROUP = "default";
export const NEMESIS = "nemesis";

export const LeaderEventSchema = z.looseObject({
  ...base,
  type: z.literal("leader"),
  token: z.string().optional(),
  group: z.string().optional(),
  /** v2: the observer that saw it; absent means the candidate's protocol line. */
  source: z.string().optional(),
});
export const FollowerEventSchema = z.looseObject({
  ...base,
  type: z.literal("follower"),
  group: z.string().optional(),
  source: z.string().optional(),
});
/** v2: the source got no answer about the node from `t` on. It ends nothing. */
export const UnknownEventSchema = z.looseObject({
  ...base,
  type: z.literal("unknown"),
  source: z.string(),
  group: z.string().optional(),
  reason: z.string().optional(),
});
/**
 * v5: a polled observer's last "leader" answer about the node before its answer changed (to no
 * answer or not leader), before the node went down, or before the observer stopped: the source saw
 * the node leading at `t`. A polled observer records a change when it sees one; this line says how
 * long the leadership it saw lasted, so that an overlap is graded on what was seen
 * (docs/history-format.md, "Evidence"). It changes no interval.
 */
export const SeenEventSchema = z.looseObject({
  ...base,
  type: z.literal("seen"),
  source: z.string(),
  group: z.string().optional(),
});
export const DownEventSchema = z.looseObject({ ...base, type: z.literal("down"), reason: z.string().optional() });
export const UpEventSchema = z.looseObject({ ...base, type: z.literal("up") });
export const FaultEventSchema = z.looseObject({
  ...base,
  type: z.literal("fault"),
  id: z.string(),
  fault: z.string(),
  targets: z.array(z.string()),
  expectLeader: z.boolean().optional(),
});
export const HealEventSchema = z.looseObject({ ...base, type: z.literal("heal"), id: z.string() });
export const ConnEventSchema = z.looseObject({ ...base, type: z.literal("conn"), state: z.string() });
export const ZkRoleEventSchema = z.looseObject({
  ...base,
  type: z.literal("zk-role"),
  role: z.string(),
  epoch: z.number().optional(),
});
export const LogEventSchema = z.looseObject({ ...base, type: z.literal("log"), msg: z.string() });

/** The node of the events a witness records (v3), unless a history names its witness otherwise. */
export const WITNESS = "witness";
export const WRITE_MODES = ["plain", "fenced"] as const;
export type WriteMode = (typeof WRITE_MODES)[number];
export const WRITE_OUTCOMES = ["accepted", "refused"] as const;
export type WriteOutcome = (typeof WRITE_OUTCOMES)[number];

/**
 * v3: a write a leader sent to the witness, and the witness's decision. `node` is the witness,
 * `t` the witness's receive time on the history's clock, `from` the candidate that wrote.
 */
export const WriteEventSchema = z.looseObject({
  ...base,
  type: z.literal("write"),
  from: z.string(),
  /** The writer's fencing token, if it sent one. */
  token: z.string().optional(),
  /** The writer's own sequence number of this write. */
  seq: z.number().int().nonnegative(),
  /** The election group whose leadership protects what is written (default "default"). */
  group: z.string().optional(),
  mode: z.enum(WRITE_MODES),
  outcome: z.enum(WRITE_OUTCOMES),
  /** On a refusal: the highest token the witness had accepted in the group (absent when none). */
  highest: z.string().optional(),
});

/** The node of the writes and reads of the writer that splitbrain runs against a database (v4). */
export const WRITER = "writer";

/**
 * v4: after the run, `node` (the writer) read every row it had written from member `from` (the
 * one that accepted writes at the end): `seqs` are the `seq`s of the rows it found. A read that
 * could not be made has no `seqs` and says why in `reason`.
 */
export const ReadBackEventSchema = z.looseObject({
  ...base,
  type: z.literal("read"),
  /** The member read (absent when none could be). */
  from: z.string().optional(),
  /** The `seq` of every row of the writer's that member holds. */
  seqs: z.array(z.number().int().nonnegative()).optional(),
  group: z.string().optional(),
  reason: z.string().optional(),
});

/** The event types of history v5 that splitbrain knows; readers ignore any other `type`. */
export const KnownEventSchema = z.discriminatedUnion("type", [
  LeaderEventSchema,
  FollowerEventSchema,
  UnknownEventSchema,
  DownEventSchema,
  UpEventSchema,
  FaultEventSchema,
  HealEventSchema,
  ConnEventSchema,
  ZkRoleEventSchema,
  LogEventSchema,
  WriteEventSchema,
  ReadBackEventSchema,
  SeenEventSchema,
]);
export type KnownEvent = z.infer<typeof KnownEventSchema>;
export type LeaderEvent = z.infer<typeof LeaderEventSchema>;
export type FollowerEvent = z.infer<typeof FollowerEventSchema>;
export type UnknownEvent = z.infer<typeof UnknownEventSchema>;
export type SeenEvent = z.infer<typeof SeenEventSchema>;
export type DownEvent = z.infer<typeof DownEventSchema>;
export type UpEvent = z.infer<typeof UpEventSchema>;
export type FaultEvent = z.infer<typeof FaultEventSchema>;
export type HealEvent = z.infer<typeof HealEventSchema>;
export type ConnEvent = z.infer<typeof ConnEventSchema>;
export type ZkRoleEvent = z.infer<typeof ZkRoleEventSchema>;
export type LogEvent = z.infer<typeof LogEventSchema>;
export type WriteEvent = z.infer<typeof WriteEventSchema>;
export type ReadBackEvent = z.infer<typeof ReadBackEventSchema>;

/** Any event line: the minimum of the contract (numeric `t`, string `node`, string `type`). */
export const AnyEventSchema = z.looseObject({ ...base, type: z.string() });
export type AnyEvent = z.infer<typeof AnyEventSchema>;

export const KNOWN_TYPES: ReadonlySet<string> = new Set([
  "leader",
  "follower",
  "unknown",
  "down",
  "up",
  "fault",
  "heal",
  "conn",
  "zk-role",
  "log",
  "write",
  "read",
  "seen",
]);

/**
 * The version that introduced a known type, for types newer than v1. In an older history such a
 * line is someone else's event of that name: it is an unknown type there, read as before.
 */
const KNOWN_SINCE: ReadonlyMap<string, number> = new Map([
  ["unknown", 2],
  ["write", 3],
  ["read", 4],
  ["seen", 5],
]);

/** Whether `type` is a known type in a history of version `v`. */
export function isKnownType(type: string, v: number): boolean {
  return KNOWN_TYPES.has(type) && (KNOWN_SINCE.get(type) ?? 1) <= v;
}

/** Turns zod issues into one "field: message" string for a history line. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.length > 0 ? issue.path.join(".") : "line";
      return `${path}: ${issue.message}`;
    })
    .join("; ");
}
