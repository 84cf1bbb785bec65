import { readFileSync, statSync } from "node:fs";
import type { z } from "zod";
import { InputError } from "../errors/index.js";
import { pathMessages } from "../scenarios/load.js";

/** A JSON file's value; bad input (exit 64, naming the file) when it is not a file or not JSON. */
export function readJson(file: string, hint?: string): unknown {
  if (!statSync(file).isFile()) throw new InputError(file, undefined, "is not a regular file (a directory?): splitbrain writes it as a JSON file", hint);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (err) {
    throw new InputError(file, undefined, `not valid JSON (${(err as Error).message})`, hint);
  }
}

/** A JSON file splitbrain wrote, read with its schema: bad input naming each wrong field when it does not match. */
export function readJsonFile<T>(file: string, schema: z.ZodType<T>, what: string, hint?: string): T {
  const parsed = schema.safeParse(readJson(file, hint));
  if (!parsed.success) throw new InputError(file, undefined, `not a ${what} as splitbrain writes it: ${pathMessages(parsed.error).join("; ")}`, hint);
  return parsed.data;
}

/** A JSON file's content as splitbrain writes it (two-space indent, final newline). */
export function jsonText(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
