import { z } from "zod";
import { nestedQuantifier } from "./regex-safety.js";

/**
 * How splitbrain watches a candidate from the outside (docs/candidates.md, "Observers").
 * Each entry of a candidate's `observe:` list is one of these, keyed by its kind.
 */

/** An observer's interval or timeout: whole milliseconds, 10 ms to 1 minute. */
const observerMs = () =>
  z
    .number({ error: "a number of milliseconds" })
    .int("whole milliseconds")
    .min(10, "at least 10 ms")
    .max(60_000, "at most 60000 ms (1 minute)");
const pollMs = observerMs().optional().describe("poll interval in ms (default 100; exec 500)");
const timeoutMs = observerMs().optional().describe("a probe without an answer by then is unknown");
const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-', starting with a letter")
  .optional()
  .describe("the source name in the history (default: the kind)");

function regex(what: string) {
  return z
    .string()
    .max(1000, `${what}: at most 1000 characters`)
    .refine(
      (s) => {
        try {
          new RegExp(s);
          return true;
        } catch {
          return false;
        }
      },
      { message: `${what} is not a valid regular expression` },
    )
    .superRefine((s, ctx) => {
      const nested = nestedQuantifier(s);
      if (nested !== undefined) {
        ctx.addIssue({
          code: "custom",
          message: `${what}: "${nested}" repeats a group that repeats itself, which can take exponential time on a line that almost matches (catastrophic backtracking); write it without the nested repetition`,
        });
      }
    });
}

/** An HTTP status code. */
const status = z.number().int().min(100, "an HTTP status from 100 to 599").max(599, "an HTTP status from 100 to 599");
/** A process exit code. */
const exitCode = z.number().int().min(0, "an exit code from 0 to 255").max(255, "an exit code from 0 to 255");

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

export const ExecObserverSchema = z.strictObject({
  name,
  command: z.array(z.string()).min(1),
  leader: z
    .strictObject({
      /** Trimmed stdout equals this. */
      stdout: z.string().optional(),
      /** stdout matches this regular expression. */
      match: regex("leader.match").optional(),
      /** The command exits with this code (default 0). */
      exitCode: exitCode.optional(),
    })
    .refine((l) => l.stdout !== undefined || l.match !== undefined || l.exitCode !== undefined, {
      message: "give leader.stdout, leader.match or leader.exitCode",
    }),
  /**
   * What means "not leader" besides a clean exit whose output does not match: a failed run whose
   * every given condition holds: its exit code is one of `exitCode`, its stdout matches `match`,
   * its stderr matches `stderr` (e.g. psql's "Connection refused": PostgreSQL is down and cannot
   * take a write). Any other failure is no answer.
   */
  follower: z
    .strictObject({
      exitCode: z.union([exitCode, z.array(exitCode).min(1)]).optional(),
      match: regex("follower.match").optional(),
      stderr: regex("follower.stderr").optional(),
    })
    .refine((f) => f.exitCode !== undefined || f.match !== undefined || f.stderr !== undefined, {
      message: "give follower.exitCode, follower.match or follower.stderr",
    })
    .optional(),
  pollMs,
  timeoutMs,
});

export const LogObserverSchema = z.strictObject({
  name,
  leader: regex("log.leader"),
  follower: regex("log.follower"),
});

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

export const ObserverSpecSchema = z.union([
  z.strictObject({ http: HttpObserverSchema }),
  z.strictObject({ exec: ExecObserverSchema }),
  z.strictObject({ log: LogObserverSchema }),
  z.strictObject({ zk: ZkObserverSchema }),
]);

export type HttpObserver = z.infer<typeof HttpObserverSchema>;
export type ExecObserver = z.infer<typeof ExecObserverSchema>;
export type LogObserver = z.infer<typeof LogObserverSchema>;
export type ZkObserver = z.infer<typeof ZkObserverSchema>;
export type ObserverSpec = z.infer<typeof ObserverSpecSchema>;
export type ObserverKind = "http" | "exec" | "log" | "zk";

export const DEFAULT_POLL_MS = 100;
export const DEFAULT_EXEC_POLL_MS = 500;
export const DEFAULT_PROBE_TIMEOUT_MS = 1000;
export const DEFAULT_EXEC_TIMEOUT_MS = 5000;

/** The kind of an observer entry. */
export function kindOf(spec: ObserverSpec): ObserverKind {
  if ("http" in spec) return "http";
  if ("exec" in spec) return "exec";
  if ("log" in spec) return "log";
  return "zk";
}

/** The entry's own settings, whatever its kind. */
export function bodyOf(spec: ObserverSpec): { name?: string | undefined; pollMs?: number | undefined; timeoutMs?: number | undefined } {
  if ("http" in spec) return spec.http;
  if ("exec" in spec) return spec.exec;
  if ("log" in spec) return spec.log;
  return spec.zk;
}

/** The source name each observer records under: its `name`, else its kind, numbered when a kind repeats. */
export function sourceNames(specs: readonly ObserverSpec[]): string[] {
  const seen = new Map<string, number>();
  return specs.map((s) => {
    const explicit = bodyOf(s).name;
    if (explicit !== undefined) return explicit;
    const kind = kindOf(s);
    const n = (seen.get(kind) ?? 0) + 1;
    seen.set(kind, n);
    return n === 1 ? kind : `${kind}-${n}`;
  });
}

/** How often an observer polls (log observers do not poll: undefined). */
export function pollIntervalOf(spec: ObserverSpec): number | undefined {
  if ("log" in spec) return undefined;
  if ("exec" in spec) return spec.exec.pollMs ?? DEFAULT_EXEC_POLL_MS;
  return bodyOf(spec).pollMs ?? DEFAULT_POLL_MS;
}

/** How long one probe of a polling observer may wait for its answer (exec: 5 s, the others 1 s). */
export function probeTimeoutOf(spec: ObserverSpec): number {
  if ("exec" in spec) return spec.exec.timeoutMs ?? DEFAULT_EXEC_TIMEOUT_MS;
  return bodyOf(spec).timeoutMs ?? DEFAULT_PROBE_TIMEOUT_MS;
}
