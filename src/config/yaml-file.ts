import { closeSync, fstatSync, openSync, readSync, constants as fsConstants } from "node:fs";
import { parseDocument } from "yaml";
import { InputError } from "../errors/index.js";

/** The deepest nesting a scenario or candidate file may have (theirs is under 10 levels). */
export const MAX_YAML_DEPTH = 64;

/** The largest scenario or candidate file read (theirs are a few kilobytes). */
export const MAX_CONFIG_FILE_BYTES = 1024 * 1024;

/**
 * Parses a YAML (or JSON) file's text; a syntax error is an InputError naming the file and line.
 * Tags YAML cannot resolve (`!!js/function`) are refused with their line, and so is nesting
 * deeper than MAX_YAML_DEPTH levels (the parser would run out of stack on it).
 */
export function parseYamlText(file: string, text: string, hint?: string): unknown {
  let value: unknown;
  try {
    const doc = parseDocument(text, { logLevel: "silent" });
    const problem = doc.errors[0] ?? doc.warnings[0];
    if (problem !== undefined) {
      if (/call stack/i.test(problem.message)) throw tooDeep(file, hint);
      if (problem.code === "TAG_RESOLVE_FAILED") {
        throw new InputError(file, problem.linePos?.[0]?.line, `${problem.message.split(" at line")[0]}: only plain YAML data is read here (no !!js/... or custom tags)`, hint);
      }
      throw new InputError(file, problem.linePos?.[0]?.line, `not valid YAML or JSON: ${problem.message.split("\n")[0]}`, hint);
    }
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    if (err instanceof InputError) throw err;
    if (err instanceof RangeError || /call stack/i.test((err as Error).message)) throw tooDeep(file, hint);
    const e = err as Error & { linePos?: Array<{ line: number }> };
    throw new InputError(file, e.linePos?.[0]?.line, `not valid YAML or JSON: ${e.message.split("\n")[0]}`, hint);
  }
  if (depthOf(value) > MAX_YAML_DEPTH) throw tooDeep(file, hint);
  return value;
}

function tooDeep(file: string, hint?: string): InputError {
  return new InputError(file, undefined, `nested too deep: at most ${MAX_YAML_DEPTH} levels of lists and maps`, hint);
}

/** How deeply lists and maps nest in a parsed value (iterative: any depth is measured without recursion). */
function depthOf(value: unknown): number {
  let deepest = 0;
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length > 0) {
    const [v, d] = stack.pop() as [unknown, number];
    if (v === null || typeof v !== "object") continue;
    if (d + 1 > deepest) deepest = d + 1;
    if (deepest > MAX_YAML_DEPTH) return deepest;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, d + 1]);
  }
  return deepest;
}

/**
 * Reads a scenario or candidate file as text: a regular file of at most MAX_CONFIG_FILE_BYTES.
 * A FIFO, a device (`/dev/zero`) or a directory is refused before anything is read (a FIFO would
 * block forever, a device never end), and so is a larger file. Every refusal names the file.
 */
export function readConfigFile(file: string, what: string, hint?: string): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO with no writer must not block; it is refused below.
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK);
  } catch (err) {
    throw new InputError(file, undefined, `cannot read the ${what} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`, hint);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new InputError(file, undefined, `is not a regular file (${st.isDirectory() ? "a directory" : st.isFIFO() ? "a FIFO" : "a device or socket"}): give the ${what} itself`, hint);
    if (st.size > MAX_CONFIG_FILE_BYTES) throw new InputError(file, undefined, `is ${st.size} bytes; a ${what} is at most ${MAX_CONFIG_FILE_BYTES} bytes (1 MiB)`, hint);
    const buf = Buffer.alloc(Math.min(st.size, MAX_CONFIG_FILE_BYTES) + 1);
    let length = 0;
    for (;;) {
      const n = readSync(fd, buf, length, buf.length - length, null);
      if (n === 0) break;
      length += n;
      if (length > MAX_CONFIG_FILE_BYTES) throw new InputError(file, undefined, `is larger than ${MAX_CONFIG_FILE_BYTES} bytes (1 MiB), the most a ${what} may be`, hint);
      if (length === buf.length) break;
    }
    return buf.toString("utf8", 0, length);
  } finally {
    closeSync(fd);
  }
}
