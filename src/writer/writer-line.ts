import { describeIssues, ReadBackEventSchema, WriteEventSchema, type ReadBackEvent, type WriteEvent } from "../history/events.js";
import type { Unstamped } from "../history/writer.js";

const WriteLineSchema = WriteEventSchema.omit({ t: true });
const ReadLineSchema = ReadBackEventSchema.omit({ t: true });

/** What one stdout line of the writer (script.ts) is. */
export type WriterLine =
  | { kind: "event"; event: Unstamped<WriteEvent> | Unstamped<ReadBackEvent> }
  | { kind: "output"; line: string }
  | { kind: "malformed"; warning: string };

/**
 * Reads one stdout line of the writer's container (pure). An acknowledged write or a read becomes
 * the history event the harness stamps with `t` on receipt; the writer's own `ts` (epoch ms) stays
 * as an extra field, which readers ignore. A line that is not a JSON object is plain output; a
 * JSON object that is neither a valid `write` nor a valid `read` is malformed.
 */
export function parseWriterLine(line: string): WriterLine {
  const text = line.trim();
  if (!text.startsWith("{")) return { kind: "output", line };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { kind: "output", line };
  }
  const type = (value as Record<string, unknown>)["type"];
  const schema = type === "write" ? WriteLineSchema : type === "read" ? ReadLineSchema : undefined;
  if (schema === undefined) return { kind: "malformed", warning: `not a writer event: type ${JSON.stringify(type)} (expected "write" or "read")` };
  const parsed = schema.safeParse(value);
  if (!parsed.success) return { kind: "malformed", warning: `not a writer ${String(type)} event: ${describeIssues(parsed.error)}` };
  const ts = (value as Record<string, unknown>)["ts"];
  const event = { ...parsed.data, ...(typeof ts === "number" && Number.isFinite(ts) ? { ts } : {}) } as Unstamped<WriteEvent> | Unstamped<ReadBackEvent>;
  return { kind: "event", event };
}
