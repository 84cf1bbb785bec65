import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { AcceptedTokens } from "./accepted-tokens.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "./types.js";
import type { EffectsViolation } from "./effects.js";
import { checkTimeline } from "./verdict.js";

function write(t: number, from: string, seq: number, token: string | undefined, mode: "plain" | "fenced", outcome: "accepted" | "refused", extra: Record<string, unknown> = {}): ReadEvent {
  return { t, node: "witness", type: "write", from, seq, mode, outcome, ...(token === undefined ? {} : { token }), ...extra };
}

function check(events: ReadEvent[], options: Partial<CheckOptions> = {}) {
  return checkTimeline(timelineOf(events), { ...DEFAULT_CHECK_OPTIONS, ...options });
}

function effects(events: ReadEvent[], options: Partial<CheckOptions> = {}) {
  const result = check(events, options).checkers["effects"];
  if (result === undefined) throw new Error("effects did not run");
  return result;
}

describe("effects checker", () => {
  it("does not run on a history without writes (not in the verdict)", () => {
    const verdict = check([
      { t: 0, node: "c1", type: "leader", token: "1" },
      { t: 10, node: "c1", type: "follower" },
    ]);
    expect(Object.keys(verdict.checkers)).toEqual(["overlap", "liveness"]);
  });

  it("passes a correct handover: c1 writes, steps down, c2 leads and writes", () => {
    const result = effects([
      { t: 0, node: "c1", type: "leader", token: "1" },
      write(10, "c1", 1, "1", "plain", "accepted"),
      write(20, "c1", 2, "1", "plain", "accepted"),
      { t: 30, node: "c1", type: "follower" },
      { t: 31, node: "c2", type: "leader", token: "2" },
      write(40, "c2", 1, "2", "plain", "accepted"),
      { t: 50, node: "c2", type: "follower" },
    ]);
    expect(result.valid).toBe(true);
    expect(result.violationCount).toBe(0);
    expect(result.summary).toBe("no two leaders' writes accepted during an overlap, no stale write accepted (3 writes, 3 accepted, 0 refused)");
  });

  it("fails interleaved writes of two leaders during an overlap, naming both", () => {
    const result = effects([
      { t: 0, node: "c1", type: "leader", token: "1" },
      write(10, "c1", 1, "1", "plain", "accepted"),
      { t: 100, node: "c2", type: "leader", token: "2" },
      write(110, "c2", 1, "2", "plain", "accepted"),
      write(120, "c1", 2, "1", "plain", "accepted"),
      write(130, "c2", 2, "2", "plain", "accepted"),
      { t: 200, node: "c1", type: "follower" },
      { t: 300, node: "c2", type: "follower" },
    ]);
    expect(result.valid).toBe(false);
    const kinds = result.violations.map((v) => v.kind);
    expect(kinds).toEqual(["effect-split-brain", "stale-write"]);
    const split = result.violations[0] as EffectsViolation;
    expect(split.nodes).toEqual(["c1", "c2"]);
    expect(split.window).toEqual({ start: 100, end: 200 });
    expect(split.message).toBe(
      "effect-level split brain: c1 and c2 both led group default from t=100 to t=200 (100 ms) and the witness accepted writes of both: 1 of c1 (first c1's write seq 2 with token 1 at t=120), 2 of c2 (first c2's write seq 1 with token 2 at t=110); leadership tokens c1=1 c2=2; faults: no fault active",
    );
    const stale = result.violations[1] as EffectsViolation;
    expect(stale.nodes).toEqual(["c1", "c2"]);
    expect(stale.message).toBe("stale write: c1's write seq 2 with token 1 at t=120 in group default was accepted after c2's write seq 1 with token 2 at t=110, a greater token; faults: no fault active");
    expect(result.summary).toMatch(/^1 effect-level split brain\(s\): .*; 1 stale write\(s\) accepted \(4 writes, 4 accepted, 0 refused\)$/);
  });

  it("does not call it a split brain when only one of the overlapping leaders wrote in the overlap", () => {
    const result = effects([
      { t: 0, node: "c1", type: "leader", token: "1" },
      write(10, "c1", 1, "1", "plain", "accepted"),
      { t: 100, node: "c2", type: "leader", token: "2" },
      write(150, "c2", 1, "2", "plain", "accepted"),
      { t: 200, node: "c1", type: "follower" },
    ]);
    expect(result.valid).toBe(true);
    // The overlap of beliefs is still the overlap checker's finding.
    expect(check([{ t: 0, node: "c1", type: "leader" }, { t: 100, node: "c2", type: "leader" }, write(150, "c2", 1, undefined, "plain", "accepted")]).valid).toBe(false);
  });

  it("passes a stale write a fenced witness refused, with a note", () => {
    const result = effects([
      { t: 0, node: "c1", type: "leader", token: "0x1" },
      write(10, "c1", 1, "0x1", "fenced", "accepted"),
      { t: 5000, node: "nemesis", type: "fault", id: "p", fault: "pause", targets: ["c1"] },
      { t: 9000, node: "c2", type: "leader", token: "0x2" },
      write(9100, "c2", 1, "0x2", "fenced", "accepted"),
      { t: 20000, node: "nemesis", type: "heal", id: "p" },
      write(20004, "c1", 2, "0x1", "fenced", "refused", { highest: "0x2" }),
      { t: 20010, node: "c1", type: "follower" },
    ]);
    expect(result.valid).toBe(true);
    expect(result.warningCount).toBe(1);
    expect(result.warnings[0]?.message).toBe("the fenced witness refused c1's write seq 2 with token 0x1 at t=20004 in group default: a stale write: c2's token 0x2 was accepted at t=9100");
    expect(result.summary).toBe(
      "no two leaders' writes accepted during an overlap, no stale write accepted (3 writes, 2 accepted, 1 refused); 1 stale write(s) refused by the witness",
    );
    expect(result.stats).toMatchObject({ staleRefused: 1, staleAccepted: 0 });
  });

  it("fails a fenced witness that accepted a stale write: the witness itself is wrong", () => {
    const result = effects([
      { t: 0, node: "c2", type: "leader", token: "5" },
      write(10, "c2", 1, "5", "fenced", "accepted"),
      { t: 20, node: "c2", type: "follower" },
      write(30, "c1", 1, "3", "fenced", "accepted"),
    ]);
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => v.kind)).toEqual(["witness-accepted-stale"]);
    expect(result.violations[0]?.message).toMatch(/^stale write accepted by a fenced witness \(it must refuse it\): c1's write seq 1 with token 3 at t=30/);
    expect(result.summary).toMatch(/1 stale write\(s\) accepted, 1 of them by a fenced witness/);
  });

  it("judges staleness per group and compares tokens as the contract says (0x10 > 9)", () => {
    const result = effects([
      write(1, "c1", 1, "0x10", "plain", "accepted"),
      write(2, "c2", 1, "9", "plain", "accepted", { group: "other" }),
      write(3, "c2", 2, "9", "plain", "accepted"),
    ]);
    expect((result.violations as EffectsViolation[]).map((v) => [v.kind, v.group, v.nodes])).toEqual([["stale-write", "default", ["c2", "c1"]]]);
  });

  it("judges each observer's lane on its own and names it", () => {
    const result = effects([
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 5, node: "c2", type: "leader", source: "http" },
      write(10, "c1", 1, undefined, "plain", "accepted"),
      write(11, "c2", 1, undefined, "plain", "accepted"),
    ]);
    expect(result.violations.map((v) => [v.kind, v.source])).toEqual([["effect-split-brain", "http"]]);
    expect(result.violations[0]?.message).toContain("(seen by http)");
    expect(result.summary).toContain("2 accepted write(s) without a token");
  });
});

describe("effects checker: crowds", () => {
  it("counts every finding and describes the first maxReported", () => {
    const events: ReadEvent[] = [];
    for (let n = 0; n < 30; n++) events.push({ t: n, node: `c${n}`, type: "leader", token: String(n) });
    for (let n = 0; n < 30; n++) events.push(write(100 + n, `c${n}`, 1, String(29 - n), "plain", "accepted"));
    const result = effects(events, { maxReported: 5 });
    // 435 pairs of leaders that all wrote while all led, and 29 writes below the first one's token.
    expect(result.violationCount).toBe(435 + 29);
    expect(result.stats).toMatchObject({ splitBrains: 435, staleAccepted: 29 });
    expect(result.violations).toHaveLength(5);
  });

  it("reports an early split brain also when later stale writes alone would fill the report", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "leader" },
      { t: 0, node: "c2", type: "leader" },
      write(1, "c1", 1, undefined, "plain", "accepted"),
      write(2, "c2", 1, undefined, "plain", "accepted"),
      write(20, "c9", 1, "100", "plain", "accepted"),
    ];
    for (let i = 1; i <= 5; i++) events.push(write(20 + i, "c9", i + 1, "1", "plain", "accepted"));
    const result = effects(events, { maxReported: 3 });
    expect(result.violationCount).toBe(6);
    expect(result.violations.map((v) => [v.kind, v.window?.start])).toEqual([
      ["effect-split-brain", 0],
      ["stale-write", 21],
      ["stale-write", 22],
    ]);
  });
});

describe("AcceptedTokens", () => {
  it("finds a greater earlier token also when integer and other tokens mix", () => {
    const tokens = new AcceptedTokens<string>();
    tokens.add("0x10", "a");
    tokens.add("b", "b");
    expect(tokens.above("9")?.item).toBe("a"); // 16 > 9 as integers
    expect(tokens.above("17")?.item).toBe("b"); // "b" > "17" as strings
    expect(tokens.above("c")).toBeUndefined();
    expect(tokens.above("a")?.item).toBe("b");
    expect(tokens.highest()).toBe("b");
  });
});
