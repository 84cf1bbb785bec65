/**
 * Splits a byte stream into lines without building one big string: each chunk is scanned for
 * "\n" and only the bytes of one line are decoded at a time. A "\r" before "\n" is dropped.
 */
export class LineSplitter {
  private carry: Buffer | undefined;

  /** Calls `onLine` for every complete line in `chunk` (plus what was carried from before). */
  push(chunk: Buffer, onLine: (line: string) => void): void {
    let buf = chunk;
    if (this.carry !== undefined) {
      buf = Buffer.concat([this.carry, chunk]);
      this.carry = undefined;
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl === -1) break;
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      onLine(buf.toString("utf8", start, end));
      start = nl + 1;
    }
    if (start < buf.length) this.carry = buf.subarray(start);
  }

  /** The bytes after the last newline, if any: a last line without "\n". */
  end(): string | undefined {
    const rest = this.carry;
    this.carry = undefined;
    if (rest === undefined || rest.length === 0) return undefined;
    return rest.toString("utf8");
  }
}
