import { parseYamlText, readConfigFile } from "../config/yaml-file.js";
import { z } from "zod";
import { InputError } from "../errors/index.js";
import { PROTOCOL_SOURCE } from "../history/events.js";
import { OBSERVER_KIND_NAMES, OBSERVER_KINDS } from "./observers/registry.js";
import { sourceNames, type ObserverSpec } from "./observers/spec.js";
import { isOwnKey } from "../util/own.js";

/**
 * A candidate file (`--candidate file:my-service.yaml`): a user's service described once: its
 * image, command, environment, how splitbrain sees who leads, and when it is ready
 * (docs/candidates.md, "Candidate files").
 */
export interface CandidateFile {
  image: string;
  command?: string[];
  env: Record<string, string>;
  observe: ObserverSpec[];
  /** Whether stdout carries splitbrain's protocol (default: only when nothing is observed). */
  protocol: boolean;
  /** When the bring-up window may end: a command that exits 0 in every candidate, and how long to wait. */
  ready?: { command?: string[]; timeoutMs?: number };
}

const FileSchema = z.strictObject({
  image: z.string().min(1, "give the image to run, e.g. myorg/my-service:test"),
  command: z.array(z.string()).min(1).optional(),
  env: z
    .record(
      z.string(),
      z
        .union([z.string(), z.number(), z.boolean()])
        .transform(String)
        .refine((v) => !v.includes("\u0000"), "a value cannot hold a NUL character"),
    )
    .superRefine((env, ctx) => {
      for (const key of Object.keys(env)) {
        if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) {
          ctx.addIssue({ code: "custom", path: [key], message: `"${key}" is not an environment variable name: letters, digits and _, not starting with a digit (no '=', spaces or empty names)` });
        }
      }
    })
    .default({}),
  observe: z.array(z.unknown()).default([]),
  protocol: z.boolean().optional(),
  ready: z
    .strictObject({
      command: z.array(z.string()).min(1).optional(),
      timeoutMs: z.number({ error: "a number of milliseconds" }).int("whole milliseconds").min(1000, "at least 1000 ms").max(3_600_000, "at most 3600000 ms (1 hour)").optional(),
    })
    .optional(),
});

const HINT = "See docs/candidates.md (\"Candidate files\") for the fields and an example.";

function issues(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${[prefix, ...i.path.map(String)].filter((p) => p !== "").join(".") || "(top level)"}: ${i.message}`);
}

/** Validates a candidate file's text; every problem is one "file: path: message" line of the InputError. */
export function parseCandidateFile(file: string, text: string): CandidateFile {
  const value = parseYamlText(file, text, HINT);
  const parsed = FileSchema.safeParse(value ?? {});
  const problems: string[] = parsed.success ? [] : issues("", parsed.error);
  const observe: ObserverSpec[] = [];
  const rawObserve = (value as { observe?: unknown } | null)?.observe;
  if (Array.isArray(rawObserve)) {
    rawObserve.forEach((entry: unknown, i) => {
      const keys = entry !== null && typeof entry === "object" && !Array.isArray(entry) ? Object.keys(entry) : [];
      const kind = keys[0] as keyof typeof OBSERVER_KINDS | undefined;
      if (keys.length !== 1 || kind === undefined || !isOwnKey(OBSERVER_KINDS, kind)) {
        problems.push(`observe.${i}: an observer is one of ${OBSERVER_KIND_NAMES.join(", ")} (e.g. "- http: { port: 8008, path: /primary }")${keys.length > 0 ? `, got ${keys.join(", ")}` : ""}`);
        return;
      }
      const body = OBSERVER_KINDS[kind].schema.safeParse((entry as Record<string, unknown>)[kind] ?? {});
      if (!body.success) problems.push(...issues(`observe.${i}.${kind}`, body.error));
      else observe.push({ [kind]: body.data } as ObserverSpec);
    });
  }
  // Every observer is a lane of its own: two with one name would merge into one, and "protocol" is the candidates' own lane.
  const names = sourceNames(observe);
  names.forEach((n, i) => {
    if (n === PROTOCOL_SOURCE) problems.push(`observe.${i}: the name "${n}" is the lane of the candidates' own protocol lines; give the observer another name`);
    else if (names.indexOf(n) !== i) problems.push(`observe.${i}: the name "${n}" is used by observe.${names.indexOf(n)} too; give each observer its own name (two observers would merge into one lane)`);
  });
  const protocol = (value as { protocol?: unknown } | null)?.protocol;
  if (protocol === false && (rawObserve === undefined || (Array.isArray(rawObserve) && rawObserve.length === 0))) problems.push("protocol: false with no observer: nothing would report who leads; add an observe: entry or leave protocol out");
  if (problems.length > 0 || !parsed.success) {
    throw new InputError(file, undefined, problems.join(`\n${file}: `), HINT);
  }
  const d = parsed.data;
  return {
    image: d.image,
    ...(d.command !== undefined ? { command: d.command } : {}),
    env: d.env,
    observe,
    protocol: d.protocol ?? observe.length === 0,
    ...(d.ready !== undefined ? { ready: d.ready } : {}),
  };
}

/** Reads a candidate file, naming it when it cannot be read. */
export function readCandidateFile(file: string): string {
  return readConfigFile(file, "candidate file", HINT);
}
