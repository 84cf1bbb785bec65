import { describe, expect, it } from "vitest";
import { parseCandidateLine } from "./protocol.js";

describe("parseCandidateLine (protocol v1)", () => {
  it("turns protocol messages into events and keeps ts as ct", () => {
    expect(parseCandidateLine('{"sb":"leader","token":"0x1000000a3","ts":1700000000000}')).toEqual({
      kind: "event",
      event: { type: "leader", token: "0x1000000a3", ct: 1700000000000 },
    });
    expect(parseCandidateLine('{"sb":"follower","group":"jobs"}')).toEqual({ kind: "event", event: { type: "follower", group: "jobs" } });
    expect(parseCandidateLine('  {"sb":"conn","state":"suspended"}  ')).toEqual({ kind: "event", event: { type: "conn", state: "suspended" } });
    expect(parseCandidateLine('{"sb":"log","msg":"hello"}')).toEqual({ kind: "event", event: { type: "log", msg: "hello" } });
  });

  it("leaves ordinary output alone, JSON included", () => {
    expect(parseCandidateLine("2026-01-01 INFO LeaderLatch started")).toEqual({ kind: "output" });
    expect(parseCandidateLine('{"level":"info","msg":"not for us"}')).toEqual({ kind: "output" });
    expect(parseCandidateLine("")).toEqual({ kind: "output" });
  });

  it("flags malformed protocol lines with a warning instead of throwing", () => {
    expect(parseCandidateLine('{"sb":"leader","token":')).toMatchObject({ kind: "malformed", warning: expect.stringMatching(/not valid JSON/) });
    expect(parseCandidateLine('{"sb":"conn"}')).toMatchObject({ kind: "malformed", warning: expect.stringMatching(/needs a string "state"/) });
    expect(parseCandidateLine('{"sb":"boss"}')).toMatchObject({ kind: "malformed", warning: expect.stringMatching(/unknown protocol message "boss"/) });
    expect(parseCandidateLine('{"sb":"leader","group":7}')).toMatchObject({ kind: "malformed" });
    expect(parseCandidateLine('{"sb":"leader","token":{"a":1}}')).toMatchObject({ kind: "malformed" });
  });

  it("keeps a leader line with a numeric token, as a string, with a warning", () => {
    expect(parseCandidateLine('{"sb":"leader","token":42}')).toEqual({
      kind: "event",
      event: { type: "leader", token: "42" },
      warning: '"token" should be a string; took 42 as "42"',
    });
  });
});
