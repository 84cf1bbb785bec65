import { parseYamlText, readConfigFile } from "../config/yaml-file.js";
import type { z } from "zod";
import { InputError, UserError } from "../errors/index.js";
import { compileSchedule, ScenarioCompileError, type ScenarioProblem } from "./compile.js";
import { ScenarioFileSchema, toScenario } from "./schema.js";
import type { Schedule, ScheduleConfig, ScenarioSpec } from "./types.js";

const HINT = "See docs/scenarios.md for the step forms, targets and fault kinds.";

/** "steps.2.fault.kind: ..." lines for every problem zod found. */
export function pathMessages(error: z.ZodError): string[] {
  return error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.join(".") : "(top level)"}: ${issue.message}`);
}

/** One `file: path: message` line per problem (the InputError adds the first `file: `). */
function problemsOf(file: string, lines: readonly string[]): InputError {
  return new InputError(file, undefined, lines.join(`\n${file}: `), HINT);
}

/** Parses and validates a scenario file's text (YAML, of which JSON is a subset). */
export function parseScenarioFile(file: string, text: string): ScenarioSpec {
  const value = parseYamlText(file, text);
  const parsed = ScenarioFileSchema.safeParse(value);
  if (!parsed.success) throw problemsOf(file, pathMessages(parsed.error));
  return toScenario(parsed.data);
}

export async function loadScenarioFile(file: string): Promise<ScenarioSpec> {
  return Promise.resolve(parseScenarioFile(file, readConfigFile(file, "scenario file")));
}

/**
 * Compiles a scenario for a run's configuration before anything starts. A scenario that does not
 * compile is the user's mistake: every problem as `file: path: message` (or `scenario NAME: ...`
 * for a built-in one), exit 64.
 */
export function compileChecked(scenario: ScenarioSpec, config: ScheduleConfig, seed: number, file?: string): Schedule {
  try {
    return compileSchedule(scenario, config, seed);
  } catch (err) {
    if (!(err instanceof ScenarioCompileError)) throw err;
    const lines = err.problems.map((p: ScenarioProblem) => `${p.path}: ${p.message}`);
    if (file !== undefined) throw problemsOf(file, lines);
    throw new UserError(`scenario ${scenario.name}: ${lines.join(`\nscenario ${scenario.name}: `)}`, HINT);
  }
}
