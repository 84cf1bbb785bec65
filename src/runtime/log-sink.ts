import { createWriteStream, type WriteStream } from "node:fs";
import type { Readable } from "node:stream";

/** Splits a text stream into lines and calls `onLine` for each (the last partial line at end). */
export function eachLine(stream: Readable, onLine: (line: string) => void): Promise<void> {
  return new Promise((resolve) => {
    let carry = "";
    stream.on("data", (chunk: Buffer | string) => {
      const text = carry + chunk.toString();
      const lines = text.split("\n");
      carry = lines.pop() ?? "";
      for (const l of lines) onLine(l.endsWith("\r") ? l.slice(0, -1) : l);
    });
    const done = (): void => {
      if (carry !== "") onLine(carry);
      carry = "";
      resolve();
    };
    stream.on("end", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

/** Splits Docker's "<RFC3339Nano> text" log line into its time and text. */
export function splitTimestamp(line: string): { ts: string | undefined; text: string } {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?Z) ?(.*)$/.exec(line);
  if (m === null) return { ts: undefined, text: line };
  return { ts: m[1], text: m[2] ?? "" };
}

/** An append-only log file of a node: "<time> <stream> <text>" per line. */
export class NodeLog {
  private readonly out: WriteStream;

  constructor(path: string) {
    this.out = createWriteStream(path, { flags: "a" });
  }

  write(stream: "stdout" | "stderr" | "splitbrain", ts: string | undefined, text: string): void {
    this.out.write(`${ts ?? new Date().toISOString()} ${stream} ${text}\n`);
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.out.end(resolve));
  }
}
