import { z } from "zod";
import { judgeExec, unknown } from "../judge.js";
import { failureReason, type ObserverKind } from "../kind.js";
import { exitCode, name, pollMs, regex, timeoutMs } from "./schema-parts.js";

/** `exec`: run a command in each candidate's container; its output or exit code says it leads. */
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

export type ExecObserver = z.infer<typeof ExecObserverSchema>;

/** A command in a container costs more than an HTTP GET: asked less often, given longer. */
const EXEC_POLL_MS = 500;
const EXEC_TIMEOUT_MS = 5000;

export const execKind = {
  kind: "exec",
  schema: ExecObserverSchema,
  pollMs: (s) => s.pollMs ?? EXEC_POLL_MS,
  timeoutMs: (s) => s.timeoutMs ?? EXEC_TIMEOUT_MS,
  probe: (s, c) => {
    const timeout = s.timeoutMs ?? EXEC_TIMEOUT_MS;
    return async () => {
      try {
        return judgeExec(s, await c.handle.exec(s.command, { timeoutMs: timeout }));
      } catch (err) {
        return unknown(failureReason(err));
      }
    };
  },
} as const satisfies ObserverKind<ExecObserver>;
