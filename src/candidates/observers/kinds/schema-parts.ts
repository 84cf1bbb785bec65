import { z } from "zod";
import { nestedQuantifier } from "../regex-safety.js";

/** What the observer kinds' schemas share: names, intervals, regular expressions, statuses. */

/** An observer's interval or timeout: whole milliseconds, 10 ms to 1 minute. */
export const observerMs = () =>
  z
    .number({ error: "a number of milliseconds" })
    .int("whole milliseconds")
    .min(10, "at least 10 ms")
    .max(60_000, "at most 60000 ms (1 minute)");
export const pollMs = observerMs().optional().describe("poll interval in ms (default 100; exec 500)");
export const timeoutMs = observerMs().optional().describe("a probe without an answer by then is unknown");
export const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]*$/, "lower-case letters, digits and '-', starting with a letter")
  .optional()
  .describe("the source name in the history (default: the kind)");

export function regex(what: string) {
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
export const status = z.number().int().min(100, "an HTTP status from 100 to 599").max(599, "an HTTP status from 100 to 599");
/** A process exit code. */
export const exitCode = z.number().int().min(0, "an exit code from 0 to 255").max(255, "an exit code from 0 to 255");


/** How often a polling observer asks, and how long one probe may wait, unless its entry says (exec: its own, slower). */
export const DEFAULT_POLL_MS = 100;
export const DEFAULT_PROBE_TIMEOUT_MS = 1000;
