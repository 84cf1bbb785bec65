import { describe, expect, it } from "vitest";
import { WriteEventSchema } from "../history/events.js";
import { parseWitnessLine } from "./decision-line.js";

describe("parseWitnessLine (the witness's stdout, as the run reads it)", () => {
  it("a decision line becomes a write event to stamp, keeping the witness's ts", () => {
    const line = '{"node":"witness","type":"write","from":"c1","token":"0x100000004","seq":2,"mode":"fenced","outcome":"refused","highest":"0x200000003","ts":1764633600123}';
    const parsed = parseWitnessLine(line);
    expect(parsed).toEqual({
      kind: "decision",
      event: { node: "witness", type: "write", from: "c1", token: "0x100000004", seq: 2, mode: "fenced", outcome: "refused", highest: "0x200000003", ts: 1764633600123 },
    });
    // Stamped with `t`, it is a valid v3 history event.
    if (parsed.kind !== "decision") throw new Error("expected a decision");
    expect(WriteEventSchema.safeParse({ t: 1500, ...parsed.event }).success).toBe(true);
  });

  it("a decision without ts or token is still a decision", () => {
    expect(parseWitnessLine('{"node":"witness","type":"write","from":"c2","seq":0,"mode":"plain","outcome":"accepted"}')).toEqual({
      kind: "decision",
      event: { node: "witness", type: "write", from: "c2", seq: 0, mode: "plain", outcome: "accepted" },
    });
  });

  it("text and non-JSON lines are output; a JSON object that is not a decision is malformed, naming the field", () => {
    expect(parseWitnessLine("witness: fenced on port 7070")).toEqual({ kind: "output", line: "witness: fenced on port 7070" });
    expect(parseWitnessLine("{not json")).toEqual({ kind: "output", line: "{not json" });
    const bad = parseWitnessLine('{"node":"witness","type":"write","from":"c1","seq":-1,"mode":"plain","outcome":"accepted"}');
    expect(bad.kind).toBe("malformed");
    if (bad.kind === "malformed") expect(bad.warning).toMatch(/^not a witness decision: seq: /);
    expect(parseWitnessLine('{"node":"witness","type":"write","from":"c1","seq":1,"mode":"strict","outcome":"accepted"}').kind).toBe("malformed");
  });
});
