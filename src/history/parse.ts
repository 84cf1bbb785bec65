import {
  AnyEventSchema,
  describeIssues,
  isKnownType,
  READABLE_VERSIONS,
  KnownEventSchema,
  MetaHeaderFieldsSchema,
  MetaSchema,
  type AnyEvent,
  type KnownEvent,
  type Meta,
} from "./events.js";
import { InputError } from "../errors/index.js";
import { crOnlyProblem } from "./encoding.js";

/** An event as read: a known v1 event, or any other type (which checkers ignore). */
export type ReadEvent = KnownEvent | AnyEvent;

/** Gets each event with its line, and whether it is of a type the history's version knows (validated). */
export type EventHandler = (event: ReadEvent, line: number, known: boolean) => void;

export interface ParseSummary {
  file: string;
  meta: Meta;
  /** Lines in the file, header and blank lines included. */
  lines: number;
  /** Event lines accepted (header and blank lines excluded). */
  events: number;
  /** Largest `t` seen: the end of the history. */
  endT: number;
  /** Counts of lines whose `type` this version does not know (they are ignored). */
  unknownTypes: Map<string, number>;
  outOfOrder: number;
  warnings: string[];
}

const HEADER_HINT = 'Line 1 of a history is the header: {"type":"meta","v":4,"run":"…","scenario":"…","seed":1,"startedAt":"…"}. See docs/history-format.md.';
const EVENT_HINT = 'Every event line is a JSON object with a numeric "t", a string "node" and a string "type". See docs/history-format.md.';

/**
 * Pure, line-at-a-time parser of history v1 to v4. It validates the header, every event line against
 * the contract, and hands each event to `onEvent`. Errors are InputErrors naming file and line.
 */
export class HistoryParser {
  private lineNo = 0;
  private meta: Meta | undefined;
  private events = 0;
  private endT = -Infinity;
  private lastT = -Infinity;
  private outOfOrder = 0;
  private readonly unknownTypes = new Map<string, number>();
  private readonly warnings: string[] = [];

  constructor(
    private readonly file: string,
    private readonly onEvent: EventHandler,
  ) {}

  /** Feeds one complete line (without its newline). */
  line(text: string): void {
    this.lineNo += 1;
    this.parseLine(text, false);
  }

  /**
   * Feeds the bytes after the last newline, if any. A last line that is not valid JSON is the
   * line a crashed writer was writing: it is dropped with a warning instead of failing the read.
   */
  finish(lastPartial: string | undefined): ParseSummary {
    if (lastPartial !== undefined) {
      this.lineNo += 1;
      this.parseLine(lastPartial, true);
    }
    if (this.meta === undefined) {
      throw new InputError(this.file, undefined, "the history is empty (no header line)", HEADER_HINT);
    }
    if (this.outOfOrder > 0) {
      this.warnings.push(`${this.outOfOrder} event line(s) are out of t order; they were sorted by t`);
    }
    for (const [type, count] of this.unknownTypes) {
      this.warnings.push(`ignored ${count} event line(s) of unknown type "${type}"`);
    }
    return {
      file: this.file,
      meta: this.meta,
      lines: this.lineNo,
      events: this.events,
      endT: this.events > 0 ? this.endT : 0,
      unknownTypes: this.unknownTypes,
      outOfOrder: this.outOfOrder,
      warnings: this.warnings,
    };
  }

  private parseLine(text: string, partial: boolean): void {
    if (text.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (err) {
      if (partial && !text.includes("\r")) {
        this.warnings.push(
          `line ${this.lineNo}: dropped an incomplete last line (no newline, not valid JSON): the writer probably stopped mid-line`,
        );
        return;
      }
      if (text.includes("\r")) {
        const { problem, hint } = crOnlyProblem();
        throw new InputError(this.file, this.lineNo, `not valid JSON: the line ${problem}`, hint);
      }
      const reason = err instanceof Error ? err.message : String(err);
      throw new InputError(this.file, this.lineNo, `not valid JSON (${reason})`, EVENT_HINT);
    }
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      throw new InputError(this.file, this.lineNo, `expected a JSON object, got ${describeJson(value)}`, EVENT_HINT);
    }
    if (this.meta === undefined) {
      this.meta = this.parseMeta(value as Record<string, unknown>);
      return;
    }
    this.parseEvent(value as Record<string, unknown>);
  }

  private parseMeta(value: Record<string, unknown>): Meta {
    if (value["type"] !== "meta") {
      throw new InputError(
        this.file,
        this.lineNo,
        `expected the header ({"type":"meta",…}) on line 1, got a line of type ${JSON.stringify(value["type"])}`,
        HEADER_HINT,
      );
    }
    if (typeof value["v"] !== "number" || !READABLE_VERSIONS.includes(value["v"])) {
      throw new InputError(
        this.file,
        this.lineNo,
        `unsupported history version v=${JSON.stringify(value["v"])}; this splitbrain reads ${READABLE_VERSIONS.map((v) => `v${v}`).join(", ")}`,
        "Upgrade splitbrain, or convert the history to v5 (docs/history-format.md).",
      );
    }
    // A field that is there must have its type (the summary and reports read them); a field
    // that is missing is only a warning, so that a hand-made or foreign history still checks.
    const present = MetaHeaderFieldsSchema.safeParse(value);
    if (!present.success) {
      throw new InputError(this.file, this.lineNo, `bad header: ${describeIssues(present.error)}`, HEADER_HINT);
    }
    const parsed = MetaSchema.safeParse(value);
    if (!parsed.success) {
      this.warnings.push(`line ${this.lineNo}: header is incomplete (${describeIssues(parsed.error)})`);
      return value as Meta;
    }
    return parsed.data;
  }

  private parseEvent(value: Record<string, unknown>): void {
    const type = value["type"];
    if (type === "meta") {
      throw new InputError(this.file, this.lineNo, 'a second header line (type "meta"): only line 1 may be the header', HEADER_HINT);
    }
    let event: ReadEvent;
    const known = typeof type === "string" && isKnownType(type, this.meta?.v ?? 1);
    if (known) {
      const parsed = KnownEventSchema.safeParse(value);
      if (!parsed.success) throw this.badEvent(describeIssues(parsed.error));
      event = parsed.data;
    } else {
      const parsed = AnyEventSchema.safeParse(value);
      if (!parsed.success) throw this.badEvent(describeIssues(parsed.error));
      event = parsed.data;
      this.unknownTypes.set(event.type, (this.unknownTypes.get(event.type) ?? 0) + 1);
    }
    const t = event.t;
    // A v5 `seen` line is written when the answer after it arrives, so it is behind by design.
    if (known && type === "seen") {
      // ordered by t with the rest when the timeline sorts; not an out-of-order line
    } else if (t < this.lastT) this.outOfOrder += 1;
    else this.lastT = t;
    if (t > this.endT) this.endT = t;
    this.events += 1;
    this.onEvent(event, this.lineNo, known);
  }

  private badEvent(problem: string): InputError {
    return new InputError(this.file, this.lineNo, `bad event: ${problem}`, EVENT_HINT);
  }
}

function describeJson(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}
