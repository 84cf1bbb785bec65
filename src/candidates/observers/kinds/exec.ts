import { z } from "zod";
import { asList, FOLLOWER, LEADER, unknown, type Answer } from "../judge.js";
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

export interface ExecOutcome {
  exitCode: number;
  stdout: string;
  stderr?: string;
}

/**
 * A command's answer: leader when every leader condition holds (stdout, match, exit code; exit
 * code 0 when none is given); follower when it exited 0 otherwise or with a follower exit code;
 * any other failure is no answer.
 */
export function judgeExec(spec: ExecObserver, outcome: ExecOutcome): Answer {
  const l = spec.leader;
  const out = outcome.stdout.trim();
  const codeOk = outcome.exitCode === (l.exitCode ?? 0);
  const stdoutOk = l.stdout === undefined || out === l.stdout;
  const matchOk = l.match === undefined || new RegExp(l.match).test(outcome.stdout);
  if (codeOk && stdoutOk && matchOk) return LEADER;
  if (outcome.exitCode === 0) return FOLLOWER;
  const f = spec.follower;
  const stderr = outcome.stderr ?? "";
  if (
    f !== undefined &&
    (f.exitCode === undefined || asList(f.exitCode).includes(outcome.exitCode)) &&
    (f.match === undefined || new RegExp(f.match).test(outcome.stdout)) &&
    (f.stderr === undefined || new RegExp(f.stderr).test(stderr))
  ) {
    return FOLLOWER;
  }
  const last = lastLine(out) || lastLine(stderr.trim());
  return unknown(`exit code ${outcome.exitCode}${last !== "" ? `: ${last.slice(0, 120)}` : ""}`);
}

function lastLine(text: string): string {
  return text.split("\n").at(-1)?.trim() ?? "";
}

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
