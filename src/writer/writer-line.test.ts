import { describe, expect, it } from "vitest";
import { KnownEventSchema } from "../history/events.js";
import { parseWriterLine } from "./writer-line.js";
import { spawnSync } from "node:child_process";
import { WRITER_SCRIPT_FILE, writerScript } from "./script.js";

describe("parseWriterLine", () => {
  it("reads an acknowledged write and keeps the writer's ts; stamped, it is a valid history event", () => {
    const r = parseWriterLine('{"node":"writer","type":"write","from":"c1","seq":7,"mode":"plain","outcome":"accepted","ts":1764655200000}');
    expect(r).toEqual({ kind: "event", event: { node: "writer", type: "write", from: "c1", seq: 7, mode: "plain", outcome: "accepted", ts: 1764655200000 } });
    if (r.kind === "event") expect(KnownEventSchema.safeParse({ ...r.event, t: 1 }).success).toBe(true);
  });

  it("reads a read with rows and one with a reason", () => {
    expect(parseWriterLine('{"node":"writer","type":"read","from":"c2","seqs":[1,2,9],"ts":5}')).toEqual({
      kind: "event",
      event: { node: "writer", type: "read", from: "c2", seqs: [1, 2, 9], ts: 5 },
    });
    const none = parseWriterLine('{"node":"writer","type":"read","reason":"no member accepted writes within 20 s after the run (c1 is a replica)"}');
    expect(none.kind).toBe("event");
  });

  it("treats plain text as output and names what is wrong with a JSON line", () => {
    expect(parseWriterLine("sb-writer: c2 refused: cannot execute INSERT in a read-only transaction")).toMatchObject({ kind: "output" });
    expect(parseWriterLine('{"node":"writer","type":"write","from":"c1","seq":-1,"mode":"plain","outcome":"accepted"}')).toMatchObject({
      kind: "malformed",
      warning: expect.stringMatching(/^not a writer write event: seq: /) as unknown as string,
    });
    expect(parseWriterLine('{"type":"leader"}')).toEqual({ kind: "malformed", warning: 'not a writer event: type "leader" (expected "write" or "read")' });
  });

  it("prints exactly the events it parses: the script's write and read lines carry these fields", () => {
    // The Python program builds its events from literals; they must stay the history's fields.
    expect(writerScript()).toContain('{"node": NAME, "type": "write", "from": member, "seq": seq, "mode": "plain", "outcome": "accepted"}');
    expect(writerScript()).toContain('{"node": NAME, "type": "read", "from": member, "seqs": seqs}');
  });
});

describe("the writer's program", () => {
  it("is Python that compiles, as the writer's container runs it", () => {
    const r = spawnSync("python3", ["-c", "import sys; compile(open(sys.argv[1]).read(), sys.argv[1], 'exec')", WRITER_SCRIPT_FILE], { encoding: "utf8" });
    expect(r.error, "python3 is needed to check the writer's program").toBeUndefined();
    expect(r.status, r.stderr).toBe(0);
  });
});
