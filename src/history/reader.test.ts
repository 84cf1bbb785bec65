import { mkdtempSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { readHistory, resolveHistoryPath } from "./reader.js";
import type { ReadEvent } from "./parse.js";

const HEADER = '{"type":"meta","v":1,"run":"r","scenario":"s","seed":1,"startedAt":"2026-01-01T00:00:00Z"}';
const V2 = '{"type":"meta","v":2,"run":"r","scenario":"s","seed":1,"startedAt":"2026-01-01T00:00:00Z"}';
const V3 = '{"type":"meta","v":3,"run":"r","scenario":"s","seed":1,"startedAt":"2026-01-01T00:00:00Z"}';

function tmpFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "sb-reader-"));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}

async function read(content: string): Promise<{ events: Array<[ReadEvent, number]>; summary: Awaited<ReturnType<typeof readHistory>> }> {
  const file = tmpFile("history.jsonl", content);
  const events: Array<[ReadEvent, number]> = [];
  const summary = await readHistory(file, (e, line) => events.push([e, line]));
  return { events, summary };
}

async function readError(content: string): Promise<InputError> {
  const err = await read(content).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(InputError);
  return err as InputError;
}

describe("readHistory", () => {
  it("reads the header and every event with its line number", async () => {
    const { events, summary } = await read(
      `${HEADER}\n{"t":1,"node":"c1","type":"leader","token":"0x1"}\n\n{"t":2.5,"node":"c1","type":"follower"}\n`,
    );
    expect(summary.meta.run).toBe("r");
    expect(events.map(([e, line]) => [e.type, line])).toEqual([
      ["leader", 2],
      ["follower", 4],
    ]);
    expect(summary.events).toBe(2);
    expect(summary.endT).toBe(2.5);
    expect(summary.lines).toBe(4);
  });

  it("keeps unknown fields and counts unknown types as ignored", async () => {
    const { events, summary } = await read(`${HEADER}\n{"t":1,"node":"x","type":"gossip","extra":true}\n{"t":2,"node":"c1","type":"leader","color":"red"}\n`);
    expect(events).toHaveLength(2);
    expect((events[1]?.[0] as Record<string, unknown>)["color"]).toBe("red");
    expect(summary.unknownTypes.get("gossip")).toBe(1);
    expect(summary.warnings.join("\n")).toContain('unknown type "gossip"');
  });

  it("handles CRLF line endings and lines split across read chunks", async () => {
    const many = Array.from({ length: 50_000 }, (_, i) => `{"t":${i},"node":"c${i % 3}","type":"conn","state":"connected"}`);
    const { summary } = await read(`${HEADER}\r\n${many.join("\r\n")}\r\n`);
    expect(summary.events).toBe(50_000);
    expect(summary.endT).toBe(49_999);
  });

  it("counts out-of-order lines and warns", async () => {
    const { summary } = await read(`${HEADER}\n{"t":5,"node":"a","type":"up"}\n{"t":3,"node":"a","type":"down"}\n`);
    expect(summary.outOfOrder).toBe(1);
    expect(summary.endT).toBe(5);
  });

  it("drops a torn last line (no newline, not JSON) with a warning", async () => {
    const { summary } = await read(`${HEADER}\n{"t":5,"node":"a","type":"up"}\n{"t":6,"node":"a","ty`);
    expect(summary.events).toBe(1);
    expect(summary.warnings.join("\n")).toMatch(/line 3: dropped an incomplete last line/);
  });

  it("accepts a complete last line without a newline", async () => {
    const { summary } = await read(`${HEADER}\n{"t":5,"node":"a","type":"up"}`);
    expect(summary.events).toBe(1);
  });

  it.each([
    ["a line that is not JSON", `${HEADER}\n{"t":1,"node":"a","type":"up"}\nnot json\n`, 3, /not valid JSON/],
    ["a JSON array", `${HEADER}\n[1,2]\n`, 2, /expected a JSON object, got an array/],
    ["t as a string", `${HEADER}\n{"t":"5","node":"a","type":"up"}\n`, 2, /t: .*expected number/],
    ["no node", `${HEADER}\n{"t":5,"type":"up"}\n`, 2, /node: .*expected string/],
    ["no type", `${HEADER}\n{"t":5,"node":"a"}\n`, 2, /type: .*expected string/],
    ["a non-finite t", `${HEADER}\n{"t":1e999,"node":"a","type":"up"}\n`, 2, /t: .*expected number, received Infinity/],
    ["a fault with string targets", `${HEADER}\n{"t":5,"node":"nemesis","type":"fault","id":"f","fault":"kill","targets":"zk1"}\n`, 2, /targets: .*expected array/],
    ["a numeric token", `${HEADER}\n{"t":5,"node":"c1","type":"leader","token":5}\n`, 2, /token: .*expected string/],
    ["a second header", `${HEADER}\n${HEADER}\n`, 2, /second header/],
    ["an event on line 1", `{"t":1,"node":"a","type":"up"}\n`, 1, /expected the header/],
    ["a header seed that is an object", `{"type":"meta","v":1,"run":"r","scenario":"s","seed":{"toString":null},"startedAt":"x"}\n`, 1, /bad header: seed: .*expected number, received object/],
    ["a header run that is an object", `{"type":"meta","v":1,"run":{},"scenario":"s","seed":1,"startedAt":"x"}\n`, 1, /bad header: run: .*expected string/],
    ["a header scenario that is an array", `{"type":"meta","v":2,"run":"r","scenario":["s"],"seed":1,"startedAt":"x"}\n`, 1, /bad header: scenario: .*expected string/],
    ["a header observer without a source", `{"type":"meta","v":2,"run":"r","scenario":"s","seed":1,"startedAt":"x","observers":[{"kind":"http"}]}\n`, 1, /bad header: observers\.0\.source: /],
    ["header version 6", `{"type":"meta","v":6,"run":"r","scenario":"s","seed":1,"startedAt":"x"}\n`, 1, /unsupported history version v=6; this splitbrain reads v1, v2, v3, v4, v5/],
    ["a write without from", `${V3}\n{"t":5,"node":"witness","type":"write","seq":1,"mode":"plain","outcome":"accepted"}\n`, 2, /bad event: from: .*expected string/],
    ["a write with a numeric token", `${V3}\n{"t":5,"node":"witness","type":"write","from":"c1","token":7,"seq":1,"mode":"plain","outcome":"accepted"}\n`, 2, /bad event: token: .*expected string/],
    ["a write with a negative seq", `${V3}\n{"t":1,"node":"witness","type":"write","from":"c1","seq":1,"mode":"plain","outcome":"accepted"}\n{"t":5,"node":"witness","type":"write","from":"c1","seq":-1,"mode":"plain","outcome":"accepted"}\n`, 3, /bad event: seq: /],
    ["a write with an unknown mode", `${V3}\n{"t":5,"node":"witness","type":"write","from":"c1","seq":1,"mode":"strict","outcome":"accepted"}\n`, 2, /bad event: mode: .*"plain"\|"fenced"/],
    ["a write with an unknown outcome", `${V3}\n{"t":5,"node":"witness","type":"write","from":"c1","seq":1,"mode":"fenced","outcome":"ok"}\n`, 2, /bad event: outcome: .*"accepted"\|"refused"/],
  ])("rejects %s, naming file and line", async (_name, content, line, pattern) => {
    const err = await readError(content);
    expect(err.line).toBe(line);
    expect(err.message).toMatch(new RegExp(`history\\.jsonl:${line}: `));
    expect(err.message).toMatch(pattern);
  });

  it("reads v3 write events with every field", async () => {
    const { events, summary } = await read(
      `${V3}\n{"t":10,"node":"c1","type":"leader","token":"0x2"}\n` +
        `{"t":12.5,"node":"witness","type":"write","from":"c1","token":"0x2","seq":1,"mode":"fenced","outcome":"accepted"}\n` +
        `{"t":13,"node":"witness","type":"write","from":"c2","token":"0x1","seq":4,"group":"g","mode":"fenced","outcome":"refused","highest":"0x2"}\n` +
        `{"t":14,"node":"witness","type":"write","from":"c3","seq":0,"mode":"plain","outcome":"accepted"}\n`,
    );
    expect(summary.meta.v).toBe(3);
    expect(summary.unknownTypes.size).toBe(0);
    expect(events.map(([e]) => e)).toContainEqual({ t: 13, node: "witness", type: "write", from: "c2", token: "0x1", seq: 4, group: "g", mode: "fenced", outcome: "refused", highest: "0x2" });
    expect(events.filter(([e]) => e.type === "write")).toHaveLength(3);
  });

  it("reads v4 read events, with rows or with the reason there were none", async () => {
    const V4 = V3.replace('"v":3', '"v":4');
    const { events, summary } = await read(
      `${V4}\n{"t":12.5,"node":"writer","type":"write","from":"c1","seq":1,"mode":"plain","outcome":"accepted"}\n` +
        `{"t":20,"node":"writer","type":"read","from":"c2","seqs":[0,1,5]}\n` +
        `{"t":21,"node":"writer","type":"read","reason":"no member accepted writes"}\n`,
    );
    expect(summary.meta.v).toBe(4);
    expect(summary.unknownTypes.size).toBe(0);
    expect(events.map(([e]) => e)).toContainEqual({ t: 20, node: "writer", type: "read", from: "c2", seqs: [0, 1, 5] });
  });

  it("rejects a v4 read whose seqs are not whole numbers, naming the line and field", async () => {
    const V4 = V3.replace('"v":3', '"v":4');
    const err = await readError(`${V4}\n{"t":20,"node":"writer","type":"read","from":"c2","seqs":["1"]}\n`);
    expect(err.line).toBe(2);
    expect(err.message).toMatch(/history\.jsonl:2: .*seqs\.0/);
  });

  it("reads a v3 history as before: a read line there is someone else's event, ignored", async () => {
    const { events, summary } = await read(`${V3}\n{"t":1,"node":"c1","type":"leader"}\n{"t":2,"node":"x","type":"read","seqs":"all"}\n`);
    expect(events.map(([e]) => e.type)).toEqual(["leader", "read"]);
    expect(summary.unknownTypes.get("read")).toBe(1);
  });

  it("reads a v1 and a v2 history as before: a write line there is someone else's event, ignored", async () => {
    for (const header of [HEADER, V2]) {
      const { events, summary } = await read(`${header}\n{"t":1,"node":"c1","type":"leader"}\n{"t":2,"node":"x","type":"write","bytes":12}\n`);
      expect(events.map(([e]) => e.type)).toEqual(["leader", "write"]);
      expect(summary.unknownTypes.get("write")).toBe(1);
      expect(summary.warnings.join("\n")).toContain('unknown type "write"');
    }
  });

  it("reads a v1 history as before: an unknown line there is someone else's event, ignored (v2 introduced it)", async () => {
    const { events, summary } = await read(`${HEADER}\n{"t":1,"node":"c1","type":"leader"}\n{"t":2,"node":"c1","type":"unknown","why":"mine"}\n`);
    expect(events.map(([e]) => e.type)).toEqual(["leader", "unknown"]);
    expect(summary.unknownTypes.get("unknown")).toBe(1);
    expect(summary.warnings.join("\n")).toContain('unknown type "unknown"');
  });

  it("reads a history that starts with a UTF-8 byte-order mark", async () => {
    const { events, summary } = await read(`\uFEFF${HEADER}\n{"t":1,"node":"c1","type":"leader"}\n`);
    expect(summary.meta.run).toBe("r");
    expect(events).toHaveLength(1);
  });

  it("names UTF-16 (what Windows PowerShell writes) instead of calling the history empty or not JSON", async () => {
    const file = tmpFile("history.jsonl", Buffer.from(`\uFEFF${HEADER}\r\n{"t":1,"node":"c1","type":"leader"}\r\n`, "utf16le"));
    const err = await readHistory(file, () => undefined).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toBe(`${file}: is UTF-16LE text (it starts with a UTF-16 byte-order mark), not UTF-8: a history is UTF-8`);
  });

  it("names CR-only line ends on the line that has them", async () => {
    const err = await readError(`${HEADER}\r{"t":1,"node":"c1","type":"leader"}\r`);
    expect(err.line).toBe(1);
    expect(err.message).toMatch(/history\.jsonl:1: not valid JSON: the line has carriage returns .* CR alone/);
    const later = await readError(`${HEADER}\n{"t":1,"node":"c1","type":"leader"}\r{"t":2,"node":"c1","type":"follower"}\n`);
    expect(later.line).toBe(2);
  });

  it("rejects an empty file", async () => {
    const err = await readError("");
    expect(err.message).toMatch(/history\.jsonl: the history is empty/);
  });

  it("warns about an incomplete header but reads on", async () => {
    const { summary } = await read(`{"type":"meta","v":1}\n{"t":1,"node":"a","type":"up"}\n`);
    expect(summary.events).toBe(1);
    expect(summary.warnings.join("\n")).toMatch(/header is incomplete/);
  });
});

describe("resolveHistoryPath", () => {
  it("takes a file as it is and a run directory's history.jsonl", async () => {
    const file = tmpFile("history.jsonl", HEADER);
    expect(await resolveHistoryPath(file)).toBe(file);
    expect(await resolveHistoryPath(join(file, ".."))).toBe(file);
  });

  it("names a missing path and a directory without a history", async () => {
    await expect(resolveHistoryPath("/nonexistent/x.jsonl")).rejects.toThrow(/\/nonexistent\/x\.jsonl: no such file or directory/);
    const dir = mkdtempSync(join(tmpdir(), "sb-empty-"));
    mkdirSync(join(dir, "logs"));
    await expect(resolveHistoryPath(dir)).rejects.toThrow(/is a directory without history\.jsonl/);
  });
});
