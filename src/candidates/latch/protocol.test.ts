import { describe, expect, it } from "vitest";
import { formatMessage, Reporter } from "./protocol.js";

describe("protocol output", () => {
  it("one JSON object per line with sb first and ts", () => {
    expect(formatMessage({ sb: "leader", token: "0x1" }, 5)).toBe('{"sb":"leader","token":"0x1","ts":5}');
    expect(formatMessage({ sb: "log", msg: "a\nb" }, 5)).toBe('{"sb":"log","msg":"a\\nb","ts":5}');
    expect(JSON.parse(formatMessage({ sb: "log", msg: "x".repeat(5000) }, 1)).msg.length).toBeLessThan(2100);
  });

  it("guarded lines survive unterminated native stdout text written in between", () => {
    const chunks: string[] = [];
    const r = new Reporter((c) => chunks.push(c), { guardNewline: true, now: () => 7 });
    r.follower();
    chunks.push("zookeeper_init returned 0!zookeeper_init returned 0!"); // binding's printf, no newline
    r.conn("connected");
    chunks.push("yield:zookeeper_interest returned error: -7 - operation timeout\n");
    r.leader("0x2");
    chunks.push("dangling");
    const parsed = chunks
      .join("")
      .split("\n")
      .filter((l) => l.startsWith("{"))
      .map((l) => JSON.parse(l) as { sb: string });
    expect(parsed.map((p) => p.sb)).toEqual(["follower", "conn", "leader"]);
  });

  it("unguarded writes plain lines", () => {
    const chunks: string[] = [];
    new Reporter((c) => chunks.push(c), { now: () => 1 }).conn("suspended");
    expect(chunks).toEqual(['{"sb":"conn","state":"suspended","ts":1}\n']);
  });
});
