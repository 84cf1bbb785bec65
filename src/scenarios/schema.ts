import { z } from "zod";
import { durationMs, MAX_DURATION_TEXT } from "./duration.js";
import type { DurationSpec, ScenarioSpec } from "./types.js";

/** Whether a duration is at most the maximum; session timeouts are judged when the run's are known. */
function withinMaxDuration(spec: DurationSpec): boolean {
  if (typeof spec === "object" || (typeof spec === "string" && spec.trim().endsWith("st"))) return true;
  try {
    durationMs(spec, 0);
    return true;
  } catch {
    return false;
  }
}

const duration = z.union([
  z.number().nonnegative(),
  z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|st)\s*$/, 'a duration like "1500ms", "30s", "2m" or "3st" (session timeouts)'),
  z.strictObject({ sessionTimeouts: z.number().nonnegative() }),
]).refine(withinMaxDuration, `longer than the maximum duration, ${MAX_DURATION_TEXT}`);
const targets = z.array(z.string().min(1)).min(1, "name at least one target");

const fault = z.discriminatedUnion("kind", [
  z.strictObject({ kind: z.literal("partition-from-zk"), targets }),
  z.strictObject({ kind: z.literal("partition-zk"), minority: targets }),
  z.strictObject({ kind: z.literal("partition"), shape: z.enum(["isolate", "halves", "bridge", "majorities-ring"]), targets }),
  z.strictObject({ kind: z.literal("kill"), targets }),
  z.strictObject({ kind: z.literal("pause"), targets }),
  z.strictObject({ kind: z.literal("zk-outage") }),
  z.strictObject({ kind: z.literal("zk-total-loss") }),
]);

const step = z.union([
  z.strictObject({ wait: duration, note: z.string().optional() }),
  z.strictObject({ fault, for: duration, expectLeader: z.boolean().optional(), id: z.string().min(1).optional() }),
  z.strictObject({ inject: fault, expectLeader: z.boolean().optional(), id: z.string().min(1) }),
  z.strictObject({ heal: z.string().min(1) }),
]);

/** A scenario file (YAML or JSON): the same steps as the built-in scenarios. */
export const ScenarioFileSchema = z.strictObject({
  name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes (it names the run directory)"),
  summary: z.string().optional(),
  description: z.string().optional(),
  steps: z.array(step).min(1, "a scenario needs at least one step"),
  settle: duration.optional(),
});

export function toScenario(file: z.infer<typeof ScenarioFileSchema>): ScenarioSpec {
  return {
    name: file.name,
    summary: file.summary ?? `user scenario ${file.name}`,
    description: file.description ?? file.summary ?? "",
    steps: file.steps,
    ...(file.settle !== undefined ? { settle: file.settle } : {}),
  };
}
