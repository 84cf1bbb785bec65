import { parse as parseYaml } from "yaml";
import { InputError } from "../errors/index.js";

/** Parses a YAML (or JSON) file's text; a syntax error is an InputError naming the file and line. */
export function parseYamlText(file: string, text: string, hint?: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    const e = err as Error & { linePos?: Array<{ line: number }> };
    throw new InputError(file, e.linePos?.[0]?.line, `not valid YAML or JSON: ${e.message.split("\n")[0]}`, hint);
  }
}
