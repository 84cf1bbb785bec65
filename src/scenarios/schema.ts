import { z } from "zod";
import { durationMs, MAX_DURATION_MS, MAX_DURATION_TEXT } from "./duration.js";
import { form } from "../faults/kind.js";
import { FAULT_KIND_NAMES, FAULT_KINDS } from "../faults/registry.js";
import type { DurationSpec, ScenarioSpec, StepSpec } from "./types.js";

const DURATION_FORMS = 'a duration: milliseconds (1500), "1500ms", "30s", "2m", "3st" or { sessionTimeouts: 3 } (session timeouts)';

/**
 * Whether a duration is at most the maximum. Only a well-formed number or unit string is judged
 * (the union names any other mistake); session timeouts are judged when the run's are known.
 */
function withinMaxDuration(spec: DurationSpec): boolean {
  if (typeof spec === "number") return !(spec > MAX_DURATION_MS);
  if (typeof spec !== "string" || !/^\s*\d+(\.\d+)?\s*(ms|s|m)\s*$/.test(spec)) return true;
  try {
    durationMs(spec, 0);
    return true;
  } catch {
    return false;
  }
}

const duration = z
  .union(
    [
      z.number().nonnegative(),
      z.string().regex(/^\s*\d+(\.\d+)?\s*(ms|s|m|st)\s*$/, DURATION_FORMS),
      z.strictObject({ sessionTimeouts: z.number().nonnegative() }),
    ],
    { error: DURATION_FORMS },
  )
  .refine(withinMaxDuration, `longer than the maximum duration, ${MAX_DURATION_TEXT}`);

/** The fault forms, one per kind, from the kinds themselves (src/faults/kinds/). */
const FAULT_FORMS = FAULT_KIND_NAMES.map((name) => FAULT_KINDS[name].schema);

const fault = z.discriminatedUnion("kind", FAULT_FORMS as unknown as [z.core.$ZodTypeDiscriminable, ...z.core.$ZodTypeDiscriminable[]], {
  error: (issue) => {
    if (issue.code !== "invalid_union") return undefined;
    const kind = (issue.input as { kind?: unknown } | undefined)?.kind;
    const given = kind === undefined ? "no fault kind" : `unknown fault kind ${JSON.stringify(kind)}`;
    return `${given}: use one of ${FAULT_KIND_NAMES.join(", ")}`;
  },
});

const id = z.string().min(1, "an id needs at least one character");
/** The step forms, told apart by the one key that names them (wait, fault, inject or heal). */
const STEP_FORMS = {
  wait: form("a wait step", { wait: duration, note: z.string().optional() }),
  fault: form("a fault step", { fault, for: duration, expectLeader: z.boolean().optional(), id: id.optional() }),
  inject: form("an inject step", { inject: fault, expectLeader: z.boolean().optional(), id }),
  heal: form("a heal step", { heal: id }),
};
const STEP_KEYS = Object.keys(STEP_FORMS) as Array<keyof typeof STEP_FORMS>;

/**
 * One step. A plain union would answer a mistake inside a step with "Invalid input" for the
 * whole step; choosing the form by its key first lets every message name the field it is about.
 */
const step = z.unknown().transform((value, ctx): StepSpec => {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: `a step is an object with one of the keys ${STEP_KEYS.join(", ")}` });
    return z.NEVER;
  }
  const present = STEP_KEYS.filter((k) => k in value);
  if (present.length !== 1) {
    const found = present.length === 0 ? `found ${Object.keys(value).map((k) => `"${k}"`).join(", ") || "no key"}` : `found ${present.join(" and ")}`;
    ctx.addIssue({ code: "custom", message: `a step has exactly one of the keys ${STEP_KEYS.join(", ")} (${found})` });
    return z.NEVER;
  }
  const parsed = STEP_FORMS[present[0] as keyof typeof STEP_FORMS].safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data as StepSpec;
});

/** A scenario file (YAML or JSON): the same steps as the built-in scenarios. */
export const ScenarioFileSchema = form("a scenario file", {
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
