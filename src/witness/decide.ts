import { z } from "zod";
import { AcceptedTokens } from "../checkers/accepted-tokens.js";
import { DEFAULT_GROUP, describeIssues, WITNESS, type WriteMode, type WriteOutcome } from "../history/events.js";

/** The body of `POST /write`: who writes, with which token, its own sequence number, for which group. */
export const WriteRequestSchema = z.object({
  node: z.string().min(1, "expected the writer's node id (SB_NODE), e.g. \"c1\""),
  token: z.string({ error: 'expected the fencing token as a string, e.g. "0x100000004"' }).optional(),
  seq: z.number().int().nonnegative(),
  group: z.string().min(1).optional(),
});
export type WriteRequest = z.infer<typeof WriteRequestSchema>;

/** A write event (history v3) before the harness stamps `t` on it. */
export interface WriteDecision {
  node: string;
  type: "write";
  from: string;
  token?: string;
  seq: number;
  group?: string;
  mode: WriteMode;
  outcome: WriteOutcome;
  highest?: string;
}

/** Reads a request body: the request, or "field: what is wrong" for a 400 answer. */
export function parseWriteRequest(body: unknown): { ok: true; request: WriteRequest } | { ok: false; error: string } {
  const parsed = WriteRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, error: describeIssues(parsed.error) };
  return { ok: true, request: parsed.data };
}

/**
 * The witness's state and rule, pure. `plain` accepts every write (a store that does not check
 * tokens). `fenced` accepts a write whose token is not lower than any token it accepted in the
 * group, and refuses one that is lower or has no token (a store that checks fencing tokens),
 * naming the highest token it accepted. Tokens compare as the checkers compare them
 * (AcceptedTokens), so the witness and the effects checker agree on what is stale.
 *
 * `decide` does not change the state: the caller records the decision first and then commits
 * it, so a decision that could not be recorded never influences a later one.
 */
export class WitnessState {
  private readonly groups = new Map<string, AcceptedTokens<string>>();

  constructor(
    readonly mode: WriteMode,
    readonly name: string = WITNESS,
  ) {}

  decide(request: WriteRequest): { event: WriteDecision; commit: () => void } {
    const group = request.group ?? DEFAULT_GROUP;
    const tokens = this.groups.get(group);
    const base = {
      node: this.name,
      type: "write" as const,
      from: request.node,
      ...(request.token === undefined ? {} : { token: request.token }),
      seq: request.seq,
      ...(request.group === undefined ? {} : { group: request.group }),
      mode: this.mode,
    };
    const accept = (): void => {
      if (request.token === undefined) return;
      let list = this.groups.get(group);
      if (list === undefined) this.groups.set(group, (list = new AcceptedTokens<string>()));
      list.add(request.token, request.node);
    };
    if (this.mode === "plain") return { event: { ...base, outcome: "accepted" }, commit: accept };
    const highest = request.token === undefined ? tokens?.highest() : (tokens?.above(request.token)?.value ?? undefined);
    const refused = request.token === undefined || highest !== undefined;
    if (refused) return { event: { ...base, outcome: "refused", ...(highest === undefined ? {} : { highest }) }, commit: () => undefined };
    return { event: { ...base, outcome: "accepted" }, commit: accept };
  }
}
