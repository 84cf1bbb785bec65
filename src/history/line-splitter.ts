import { isUtf8 } from "node:buffer";
import { InputError } from "../errors/index.js";
import { crOnlyProblem, SNIFF_BYTES, sniffEncoding, utf16Problem } from "./encoding.js";

/**
 * The longest line a history may have, in bytes (docs/history-format.md). splitbrain's own
 * lines are well under a kilobyte (the header with the resolved configuration a few); the limit
 * keeps a file without newlines, or with a runaway line, from being buffered whole.
 */
export const MAX_LINE_BYTES = 16 * 1024 * 1024;

const LF = 10;
const CR = 13;

/**
 * Splits a byte stream into lines without building one big string: each chunk is scanned once
 * for "\n", the bytes of an unfinished line are kept as a list of pieces and joined once when its
 * newline arrives (linear in the line's length), and only the bytes of one line are decoded at a
 * time. A "\r" before "\n" is dropped. The first bytes are checked for the encoding: a UTF-8
 * byte-order mark is skipped, UTF-16 is refused with what to do. A line longer than
 * `maxLineBytes` is refused as soon as the reader has seen that much of it, naming its line.
 * Errors are InputErrors naming `file` (and the line).
 */
export class LineSplitter {
  private pieces: Buffer[] = [];
  private carried = 0;
  /** Lines handed out so far (blank ones too): the next line's number is `lines + 1`. */
  private lines = 0;
  private sniffed = false;

  constructor(
    private readonly file: string,
    private readonly maxLineBytes = MAX_LINE_BYTES,
  ) {}

  /** Calls `onLine` for every complete line in `chunk` (plus what was carried from before). */
  push(chunk: Buffer, onLine: (line: string) => void): void {
    let buf = chunk;
    if (!this.sniffed) {
      const head = this.carried === 0 ? chunk : Buffer.concat([...this.pieces, chunk]);
      if (head.length < SNIFF_BYTES) {
        this.keep(chunk);
        return;
      }
      this.pieces = [];
      this.carried = 0;
      buf = this.skipBom(head);
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(LF, start);
      if (nl === -1) break;
      if (this.carried === 0) {
        this.emit(buf.subarray(start, nl), onLine);
      } else {
        this.pieces.push(buf.subarray(start, nl));
        const line = Buffer.concat(this.pieces, this.carried + nl - start);
        this.pieces = [];
        this.carried = 0;
        this.emit(line, onLine);
      }
      start = nl + 1;
    }
    if (start < buf.length) this.keep(buf.subarray(start));
  }

  /** The bytes after the last newline, if any: a last line without "\n". */
  end(): string | undefined {
    if (!this.sniffed && this.carried > 0) {
      const head = this.skipBom(Buffer.concat(this.pieces));
      this.pieces = head.length > 0 ? [head] : [];
      this.carried = head.length;
    }
    if (this.carried === 0) return undefined;
    const rest = Buffer.concat(this.pieces, this.carried);
    this.pieces = [];
    this.carried = 0;
    this.lines += 1;
    return this.decode(rest, rest.length);
  }

  private emit(line: Buffer, onLine: (line: string) => void): void {
    this.lines += 1;
    const end = line.length > 0 && line[line.length - 1] === CR ? line.length - 1 : line.length;
    if (end > this.maxLineBytes) throw this.tooLong(line);
    onLine(this.decode(line, end));
  }

  /**
   * The line's text. Bytes that are not UTF-8 are refused with the line: decoded leniently they
   * would all become U+FFFD, and "c\xff" and "c\xfe" would be one node.
   */
  private decode(line: Buffer, end: number): string {
    const bytes = line.subarray(0, end);
    if (!isUtf8(bytes)) {
      throw new InputError(
        this.file,
        this.lines,
        "not valid UTF-8: the line has bytes that are no UTF-8 text (node ids, groups and every other string must be UTF-8)",
        "A history is UTF-8 (docs/history-format.md). Convert the file, e.g. `iconv -f LATIN1 -t UTF-8 history.jsonl > history-utf8.jsonl`.",
      );
    }
    return bytes.toString("utf8");
  }

  private keep(piece: Buffer): void {
    this.pieces.push(piece);
    this.carried += piece.length;
    // One byte of slack: the line's "\r" before its "\n" does not count.
    if (this.carried > this.maxLineBytes + 1) throw this.tooLong(Buffer.concat(this.pieces));
  }

  private skipBom(head: Buffer): Buffer {
    this.sniffed = true;
    const encoding = sniffEncoding(head);
    if (encoding.kind === "utf16") {
      const { problem, hint } = utf16Problem(encoding);
      throw new InputError(this.file, undefined, problem, hint);
    }
    return head.subarray(encoding.bomLength);
  }

  /** The error for a line past the limit; `start` is (at least) its first bytes. */
  private tooLong(start: Buffer): InputError {
    const line = this.lines + (this.carried > 0 ? 1 : 0);
    const limit = `${this.maxLineBytes} bytes (${formatMiB(this.maxLineBytes)})`;
    const cr = start.indexOf(CR);
    if (cr !== -1 && cr < start.length - 1) {
      const { problem, hint } = crOnlyProblem();
      return new InputError(this.file, line, `no line end within ${limit}; the line ${problem}`, hint);
    }
    return new InputError(
      this.file,
      line,
      `line is longer than ${limit}, the longest line a history may have`,
      "Every line of a history is one event or the header; a line this long is not one splitbrain wrote. See docs/history-format.md.",
    );
  }
}

function formatMiB(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MiB` : `${bytes} bytes`;
}
