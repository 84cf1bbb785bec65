import { afterEach, describe, expect, it, vi } from "vitest";
import { InputError } from "../errors/index.js";
import { LineSplitter } from "./line-splitter.js";

/** Feeds `chunks` and returns the lines, the last line without "\n" included. */
function split(chunks: Array<string | Buffer>, maxLineBytes?: number): string[] {
  const splitter = new LineSplitter("h.jsonl", maxLineBytes);
  const lines: string[] = [];
  for (const c of chunks) splitter.push(typeof c === "string" ? Buffer.from(c) : c, (l) => lines.push(l));
  const rest = splitter.end();
  if (rest !== undefined) lines.push(rest);
  return lines;
}

function splitError(chunks: Array<string | Buffer>, maxLineBytes?: number): InputError {
  let err: unknown;
  try {
    split(chunks, maxLineBytes);
  } catch (e) {
    err = e;
  }
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("LineSplitter", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("refuses a line with bytes that are not UTF-8, naming its line (never two ids turned into one)", () => {
    const head = Buffer.from('{"type":"meta","v":2}\n{"t":1,"node":"c');
    const err = splitError([Buffer.concat([head, Buffer.from([0xff]), Buffer.from('","type":"leader"}\n')])]);
    expect(err.message).toMatch(/^h\.jsonl:2: not valid UTF-8/);
    expect(splitError([Buffer.from("ok\n"), Buffer.from([0x63, 0xfe])]).message).toMatch(/^h\.jsonl:2: not valid UTF-8/);
    expect(split(["é ✓ 🙂\n"])).toEqual(["é ✓ 🙂"]);
  });

  it("splits on \\n and \\r\\n, across chunk boundaries, keeping blank lines", () => {
    expect(split(["ab\r", "\ncd\n\nef", "g\r\n", "h"])).toEqual(["ab", "cd", "", "efg", "h"]);
  });

  it("skips a UTF-8 byte-order mark, also when it arrives one byte at a time", () => {
    expect(split(["\uFEFF{}\n{}\n"])).toEqual(["{}", "{}"]);
    const bytes = Buffer.from("\uFEFF{}\n");
    expect(split([...bytes].map((b) => Buffer.from([b])))).toEqual(["{}"]);
    expect(split(["\uFEFF{}"])).toEqual(["{}"]);
  });

  it.each([
    ["UTF-16LE with a byte-order mark", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"type":"meta"}\n', "utf16le")]), /is UTF-16LE text \(it starts with a UTF-16 byte-order mark\)/],
    ["UTF-16LE without one", Buffer.from('{"type":"meta"}\n', "utf16le"), /is UTF-16LE text \(every other byte is zero\)/],
    ["UTF-16BE with a byte-order mark", Buffer.from('\uFEFF{"type":"meta"}\n', "utf16le").swap16(), /is UTF-16BE text \(it starts/],
    ["UTF-16BE without one", Buffer.from('{"type":"meta"}\n', "utf16le").swap16(), /is UTF-16BE text \(every other/],
  ])("refuses %s, saying what the file is and how to convert it", (_name, bytes, pattern) => {
    const err = splitError([bytes]);
    expect(err.message).toMatch(/^h\.jsonl: /);
    expect(err.message).toMatch(pattern);
    expect(err.hint).toContain("iconv -f UTF-16");
  });

  it("refuses a line longer than the limit as soon as that much of it was read, naming its line", () => {
    const splitter = new LineSplitter("h.jsonl", 100);
    const lines: string[] = [];
    splitter.push(Buffer.from("{}\n\n" + "x".repeat(60)), (l) => lines.push(l));
    let err: unknown;
    try {
      splitter.push(Buffer.from("x".repeat(60)), (l) => lines.push(l));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).line).toBe(3);
    expect((err as InputError).message).toMatch(/^h\.jsonl:3: line is longer than 100 bytes/);
    expect(lines).toEqual(["{}", ""]);
  });

  it("refuses a long line that arrives in one chunk, and accepts one exactly at the limit", () => {
    expect(splitError([`{}\n${"x".repeat(101)}\n`], 100).line).toBe(2);
    expect(split([`${"x".repeat(100)}\r\n`], 100)).toEqual(["x".repeat(100)]);
    expect(split(["x".repeat(50), `${"x".repeat(50)}\r`, "\n"], 100)).toEqual(["x".repeat(100)]);
  });

  it("says that a file with CR-only line ends has them when no \\n comes within the limit", () => {
    const err = splitError([`${'{"t":1,"node":"a","type":"up"}\r'.repeat(10)}`], 100);
    expect(err.message).toMatch(/^h\.jsonl:1: no line end within 100 bytes.*CR alone/);
    expect(err.hint).toContain("tr '\\r' '\\n'");
  });

  it("copies each byte of a long line a bounded number of times, however many chunks it spans", () => {
    const concat = vi.spyOn(Buffer, "concat");
    const chunk = Buffer.from("x".repeat(1000));
    const splitter = new LineSplitter("h.jsonl");
    const lines: string[] = [];
    for (let i = 0; i < 1000; i++) splitter.push(chunk, (l) => lines.push(l));
    splitter.push(Buffer.from("\n"), (l) => lines.push(l));
    expect(lines.map((l) => l.length)).toEqual([1_000_000]);
    const copied = concat.mock.calls.reduce((sum, [list]) => sum + list.reduce((n, b) => n + b.length, 0), 0);
    expect(copied).toBeLessThanOrEqual(2 * 1_000_000);
  });
});
