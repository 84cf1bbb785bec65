import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readHistory } from "./reader.js";
import { HistoryWriter } from "./writer.js";
import type { ReadEvent } from "./parse.js";

function tmpPath(): string {
  return join(mkdtempSync(join(tmpdir(), "sb-writer-")), "run", "history.jsonl");
}

describe("HistoryWriter", () => {
  it("writes a v5 header and events that the reader reads back", async () => {
    const path = tmpPath();
    const w = HistoryWriter.create(path, { run: "r1", scenario: "demo", seed: 3, startedAt: "2026-01-01T00:00:00.000Z", tool: "x" });
    w.append({ t: 1.5, node: "c1", type: "leader", token: "0x1" });
    w.append({ t: 2, node: "nemesis", type: "fault", id: "f1", fault: "kill", targets: ["c1"], expectLeader: true });
    w.append({ t: 3, node: "witness", type: "write", from: "c1", token: "0x1", seq: 1, mode: "fenced", outcome: "accepted" });
    w.close();
    const events: ReadEvent[] = [];
    const summary = await readHistory(path, (e) => events.push(e));
    expect(summary.meta).toMatchObject({ type: "meta", v: 5, run: "r1", seed: 3, tool: "x" });
    expect(events).toEqual([
      { t: 1.5, node: "c1", type: "leader", token: "0x1" },
      { t: 2, node: "nemesis", type: "fault", id: "f1", fault: "kill", targets: ["c1"], expectLeader: true },
      { t: 3, node: "witness", type: "write", from: "c1", token: "0x1", seq: 1, mode: "fenced", outcome: "accepted" },
    ]);
  });

  it("has every line on disk as soon as append returns (flushed per line)", () => {
    const path = tmpPath();
    const w = HistoryWriter.create(path, { run: "r", scenario: "s", seed: 1, startedAt: "2026-01-01T00:00:00.000Z" });
    w.append({ t: 0, node: "c1", type: "up" });
    const lines = readFileSync(path, "utf8").split("\n");
    expect(lines).toHaveLength(3);
    expect(JSON.parse(lines[1] as string)).toEqual({ t: 0, node: "c1", type: "up" });
    expect(lines[2]).toBe("");
    w.close();
  });

  it("stamps t from its clock with record() and puts t, node, type first", () => {
    const path = tmpPath();
    let now = 12.34567;
    const w = HistoryWriter.create(path, { run: "r", scenario: "s", seed: 1, startedAt: "2026-01-01T00:00:00.000Z" }, { clock: () => now });
    const e = w.record({ node: "c2", type: "conn", state: "suspended" });
    now = 20;
    w.record({ node: "c2", type: "down" });
    w.close();
    expect(e.t).toBe(12.346);
    const lines = readFileSync(path, "utf8").trim().split("\n");
    expect(lines[1]).toBe('{"t":12.346,"node":"c2","type":"conn","state":"suspended"}');
    expect(lines[2]).toBe('{"t":20,"node":"c2","type":"down"}');
  });

  it("refuses to write after close, and close twice is harmless", () => {
    const w = HistoryWriter.create(tmpPath(), { run: "r", scenario: "s", seed: 1, startedAt: "2026-01-01T00:00:00.000Z" });
    w.close();
    w.close();
    expect(w.closed).toBe(true);
    expect(() => w.append({ t: 1, node: "a", type: "up" })).toThrow(/closed/);
  });
});
