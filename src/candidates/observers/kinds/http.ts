import { z } from "zod";
import { httpGet } from "../http-probe.js";
import { asList, atPointer, FOLLOWER, LEADER, unknown, type Answer } from "../judge.js";
import { failureReason, type ObserverKind } from "../kind.js";
import { DEFAULT_POLL_MS, DEFAULT_PROBE_TIMEOUT_MS, name, pollMs, status, timeoutMs } from "./schema-parts.js";

/** `http`: GET a path on each candidate; a status (and a JSON value) says it leads. */
export const HttpObserverSchema = z.strictObject({
  name,
  port: z.number().int().min(1).max(65_535),
  // Printable ASCII after one "/": no CR/LF (a forged header), no spaces, no "//host" (another server).
  path: z
    .string()
    .regex(/^\/(?!\/)[\x21-\x7e]*$/, 'a path on the candidate: starts with one "/", printable characters without spaces (encode them: %20), e.g. /primary')
    .default("/"),
  leader: z
    .strictObject({
      status: z.union([status, z.array(status).min(1)]).default(200),
      /** A JSON pointer (RFC 6901) into the body and the value it must have. */
      json: z.strictObject({ pointer: z.string().regex(/^(\/.*)?$/, "a JSON pointer starts with /"), equals: z.unknown() }).optional(),
    })
    .default({ status: 200 }),
  /**
   * What means "not leader": `status`, the statuses that do (without it, every status that is not
   * a leader answer does); `refused: true`, a refused connection (nothing listens on the port:
   * a service that is down) does too, where otherwise it is no answer. A timeout is never one.
   */
  follower: z
    .strictObject({
      status: z.union([status, z.array(status).min(1)]).optional(),
      refused: z.boolean().optional(),
    })
    .refine((f) => f.status !== undefined || f.refused !== undefined, { message: "give follower.status or follower.refused" })
    .optional(),
  pollMs,
  timeoutMs,
});

export type HttpObserver = z.infer<typeof HttpObserverSchema>;

function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An HTTP answer: leader when the status (and the JSON pointer, if given) match. */
export function judgeHttp(spec: HttpObserver, status: number, body: string): Answer {
  const statusLeads = asList(spec.leader.status).includes(status);
  if (statusLeads && spec.leader.json !== undefined) {
    let doc: unknown;
    try {
      doc = JSON.parse(body);
    } catch {
      return unknown(`HTTP ${status} with a body that is not JSON`);
    }
    if (sameJson(atPointer(doc, spec.leader.json.pointer), spec.leader.json.equals)) return LEADER;
  } else if (statusLeads) {
    return LEADER;
  }
  if (spec.follower?.status === undefined || asList(spec.follower.status).includes(status)) return FOLLOWER;
  return unknown(`HTTP ${status} is neither a leader nor a follower answer`);
}

/**
 * An HTTP probe that got no reply: a refused connection is "not leader" when the observer says so
 * (`follower.refused`); everything else (timeout, reset, no route) is no answer.
 */
export function judgeHttpFailure(spec: HttpObserver, code: string): Answer {
  if (code === "ECONNREFUSED" && spec.follower?.refused === true) return FOLLOWER;
  return unknown(code);
}

export const httpKind = {
  kind: "http",
  schema: HttpObserverSchema,
  pollMs: (s) => s.pollMs ?? DEFAULT_POLL_MS,
  timeoutMs: (s) => s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS,
  probe: (s, c, ctx) => {
    const timeout = s.timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
    let ip: string | undefined;
    return async () => {
      try {
        ip ??= await c.handle.ip(ctx.network);
        if (ip === undefined) return unknown("the container has no address");
        const reply = await httpGet(ip, s.port, s.path, timeout);
        return judgeHttp(s, reply.status, reply.body);
      } catch (err) {
        return judgeHttpFailure(s, failureReason(err));
      }
    };
  },
} as const satisfies ObserverKind<HttpObserver>;
