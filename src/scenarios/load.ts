import { readFile } from "node:fs/promises";
import { parseYamlText } from "../config/yaml-file.js";
import type { z } from "zod";
import { InputError } from "../errors/index.js";
import { ScenarioFileSchema, toScenario } from "./schema.js";
import type { ScenarioSpec } from "./types.js";

/** "steps.2.fault.kind: ..." lines for every problem zod found. */
export function pathMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`);
}

/** Parses and validates a scenario file's text (YAML, of which JSON is a subset). */
export function parseScenarioFile(file: string, text: string): ScenarioSpec {
  const value = parseYamlText(file, text);
  const parsed = ScenarioFileSchema.safeParse(value);
  if (!parsed.success) {
    throw new InputError(file, undefined, `invalid scenario:\n  ${pathMessages(parsed.error).join("\n  ")}`, "See docs/scenarios.md for the steps and fault kinds.");
  }
  return toScenario(parsed.data);
}

export async function loadScenarioFile(file: string): Promise<ScenarioSpec> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (err) {
    throw new InputError(file, undefined, `cannot read the scenario file (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
  return parseScenarioFile(file, text);
}
