import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "./types.js";
import type { LostWriteViolation } from "./lost-writes.js";
import { checkTimeline } from "./verdict.js";

function ack(t: number, from: string, seq: number, extra: Record<string, unknown> = {}): ReadEvent {
  return { t, node: "writer", type: "write", from, seq, mode: "plain", outcome: "accepted", ...extra };
}

function check(events: ReadEvent[], options: Partial<CheckOptions> = {}) {
  return checkTimeline(timelineOf(events), { ...DEFAULT_CHECK_OPTIONS, ...options });
}

function lostWrites(events: ReadEvent[], options: Partial<CheckOptions> = {}) {
  const result = check(events, options).checkers["lost-writes"];
  if (result === undefined) throw new Error("lost-writes did not run");
  return result;
}

describe("lost-writes checker", () => {
  it("does not run on a history without a read (not in the verdict), even with writes", () => {
    const verdict = check([{ t: 0, node: "c1", type: "leader" }, ack(10, "c1", 1)]);
    expect(Object.keys(verdict.checkers)).toEqual(["overlap", "liveness", "effects"]);
  });

  it("passes when the member read holds every acknowledged row", () => {
    const result = lostWrites([{ t: 0, node: "c1", type: "leader" }, ack(10, "c1", 1), ack(20, "c1", 2), { t: 30, node: "writer", type: "read", from: "c1", seqs: [1, 2, 3] }]);
    expect(result.valid).toBe(true);
    expect(result.summary).toBe("no acknowledged write lost: all 2 acknowledged write(s) on c1 read at t=30");
  });

  it("fails on acknowledged rows the surviving primary does not hold, naming member, seq and time", () => {
    const result = lostWrites([
      { t: 0, node: "c1", type: "leader" },
      { t: 5, node: "nemesis", type: "fault", id: "f1", fault: "partition", targets: ["c1"], expectLeader: false },
      ack(10, "c1", 1),
      ack(12, "c1", 2),
      ack(20, "c2", 3),
      ack(25, "c1", 4),
      { t: 40, node: "nemesis", type: "heal", id: "f1" },
      { t: 50, node: "writer", type: "read", from: "c2", seqs: [1, 3] },
    ]);
    expect(result.valid).toBe(false);
    expect(result.violationCount).toBe(2);
    expect(result.summary).toBe("2 acknowledged write(s) lost: 2 of 4 missing from c2 read at t=50: 2 acknowledged by c1 (t=12 to t=25)");
    const [first] = result.violations as LostWriteViolation[];
    expect(first?.kind).toBe("lost-write");
    expect(first?.nodes).toEqual(["c1", "c2"]);
    expect(first?.writes[0].seq).toBe(2);
    expect(first?.message).toBe("lost write: c1 acknowledged writer's row seq 2 at t=12, and c2, read at t=50, does not hold it; faults then: partition f1 on c1");
  });

  it("ignores refused writes, writes after the read, other groups and the witness's writes", () => {
    const result = lostWrites([
      ack(10, "c1", 1, { outcome: "refused" }),
      ack(11, "c1", 2, { group: "other" }),
      { t: 12, node: "witness", type: "write", from: "c1", seq: 3, mode: "plain", outcome: "accepted" },
      { t: 30, node: "writer", type: "read", from: "c2", seqs: [] },
      ack(40, "c2", 4),
    ]);
    expect(result.valid).toBe(true);
    expect(result.stats["acknowledged"]).toBe(0);
  });

  it("is unknown when the rows could not be read back, saying why", () => {
    const result = lostWrites([ack(10, "c1", 1), { t: 30, node: "writer", type: "read", reason: "no member accepted writes within 10 s" }]);
    expect(result.valid).toBe("unknown");
    expect(result.summary).toContain("no member accepted writes within 10 s");
  });

  it("counts every lost write but describes at most maxReported", () => {
    const events: ReadEvent[] = [];
    for (let i = 0; i < 50; i++) events.push(ack(i, "c1", i));
    events.push({ t: 100, node: "writer", type: "read", from: "c2", seqs: [] });
    const result = lostWrites(events, { maxReported: 5 });
    expect(result.violationCount).toBe(50);
    expect(result.violations).toHaveLength(5);
  });

  it("agrees with a brute-force reference on random histories", () => {
    let state = 12345;
    const rand = (n: number): number => {
      state = (state * 1103515245 + 12345) % 2147483648;
      return state % n;
    };
    for (let round = 0; round < 300; round++) {
      const events: ReadEvent[] = [];
      const n = rand(40);
      for (let i = 0; i < n; i++) {
        events.push({
          t: rand(100),
          node: rand(5) === 0 ? "witness" : "writer",
          type: "write",
          from: `c${1 + rand(3)}`,
          seq: rand(30),
          mode: "plain",
          outcome: rand(4) === 0 ? "refused" : "accepted",
          ...(rand(6) === 0 ? { group: "g" } : {}),
        });
      }
      const reads = 1 + rand(2);
      for (let i = 0; i < reads; i++) {
        const seqs = Array.from({ length: rand(30) }, () => rand(30));
        events.push({ t: rand(110), node: "writer", type: "read", from: "c1", seqs });
      }
      // Reference: for each read, every accepted writer write of group default with t <= read.t
      // (reads and writes at equal t: the write counts) whose seq is not among the rows.
      let expected = 0;
      for (const r of events.filter((e) => e.type === "read")) {
        const rows = new Set((r as { seqs: number[] }).seqs);
        for (const w of events) {
          const x = w as { type: string; node: string; outcome?: string; group?: string; seq?: number; t: number };
          if (x.type === "write" && x.node === "writer" && x.outcome === "accepted" && (x.group ?? "default") === "default" && x.t <= r.t && !rows.has(x.seq as number)) expected += 1;
        }
      }
      const result = lostWrites(events);
      expect(result.violationCount, `round ${round}`).toBe(expected);
      expect(result.valid).toBe(expected === 0);
    }
  });
});
