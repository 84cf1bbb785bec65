import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError } from "../errors/index.js";
import { fileSystemCode, UnreadableInputError } from "../errors/file-system.js";
import { LineSplitter } from "./line-splitter.js";
import { HistoryParser, type EventHandler, type ParseSummary } from "./parse.js";

export const HISTORY_FILE = "history.jsonl";

/**
 * Resolves what the user named to a history file: the file itself, or `history.jsonl` inside a
 * run directory. Throws an InputError that says what was expected.
 */
export async function resolveHistoryPath(target: string): Promise<string> {
  const info = await stat(target).catch(unlessMissing(target));
  if (info === undefined) {
    throw new InputError(target, undefined, "no such file or directory", "Give a history.jsonl file or a run directory that contains one.");
  }
  if (info.isDirectory()) {
    const inner = join(target, HISTORY_FILE);
    const innerInfo = await stat(inner).catch(unlessMissing(inner));
    if (innerInfo === undefined || !innerInfo.isFile()) {
      throw new InputError(target, undefined, `is a directory without ${HISTORY_FILE}`, "Give a run directory (runs/<time>-<scenario>/) or the history file itself.");
    }
    return inner;
  }
  if (!info.isFile()) throw new InputError(target, undefined, "is not a regular file");
  return target;
}

/** For stat's catch: a missing path is undefined; any other failure (permission denied, …) is named. */
function unlessMissing(path: string): (err: unknown) => undefined {
  return (err) => {
    const code = fileSystemCode(err);
    if (code === undefined || code === "ENOENT") return undefined;
    throw new UnreadableInputError(path, code);
  };
}

/** Streams a history file through the parser; `onEvent` sees every event in file order. */
export async function readHistory(file: string, onEvent: EventHandler): Promise<ParseSummary> {
  const parser = new HistoryParser(file, onEvent);
  const splitter = new LineSplitter(file);
  const stream = createReadStream(file, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream) {
      splitter.push(chunk as Buffer, (line) => parser.line(line));
    }
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = fileSystemCode(err);
    if (code !== undefined) throw new UnreadableInputError(file, code);
    const reason = err instanceof Error ? err.message : String(err);
    throw new InputError(file, undefined, `cannot read (${reason})`);
  } finally {
    stream.destroy();
  }
  return parser.finish(splitter.end());
}
