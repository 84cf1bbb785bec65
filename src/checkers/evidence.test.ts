import { OBSERVER_KIND_NAMES, OBSERVER_KINDS } from "../candidates/observers/registry.js";
import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { gradeOverlap, seenAtOnce } from "./evidence.js";
import { GRADE_BUDGET, overlapChecker } from "./overlap.js";
import { type EvidenceInfo, type Interval } from "./timeline.js";
import { timelineOf } from "./checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS, type PossiblePolicy } from "./types.js";

const HTTP_100: EvidenceInfo = { polled: new Map([["http", 100]]), recordsSeen: true };
const HTTP_100_V4: EvidenceInfo = { polled: new Map([["http", 100]]), recordsSeen: false };

const ev = (t: number, node: string, type: string, extra: Record<string, unknown> = {}): ReadEvent => ({ t, node, type, source: "http", ...extra }) as ReadEvent;

function overlapOf(events: ReadEvent[], evidence: EvidenceInfo, possible: PossiblePolicy = "inconclusive") {
  return overlapChecker.check(timelineOf(events, evidence), { ...DEFAULT_CHECK_OPTIONS, possible });
}

describe("seen stretches of a polled lane", () => {
  it("v5: a stretch runs from the leader answer to the last seen line before the answer changed", () => {
    const t = timelineOf(
      [ev(0, "c1", "leader"), ev(400, "c1", "seen"), ev(450, "c1", "unknown", { reason: "ETIMEDOUT" }), ev(900, "c1", "leader"), ev(1200, "c1", "seen"), ev(1300, "c1", "follower")],
      HTTP_100,
    );
    const [iv] = t.intervals.get("default\u0000http") ?? [];
    expect(iv?.seen).toEqual([
      { start: 0, end: 400 },
      { start: 900, end: 1200 },
    ]);
    expect(t.unknown.get("default\u0000http")).toEqual([{ node: "c1", start: 450, end: 900, reason: "ETIMEDOUT" }]);
  });

  it("v2-v4: the last answer of a stretch is estimated one poll interval before the change", () => {
    const t = timelineOf([ev(0, "c1", "leader"), ev(450, "c1", "unknown"), ev(900, "c1", "leader"), ev(1300, "c1", "follower")], HTTP_100_V4);
    expect(t.intervals.get("default\u0000http")?.[0]?.seen).toEqual([
      { start: 0, end: 350 },
      { start: 900, end: 1200 },
    ]);
  });

  it("a push lane (the protocol, a log, an observer without a poll interval) has no seen stretches: it is exact", () => {
    const t = timelineOf([{ t: 0, node: "c1", type: "leader" } as ReadEvent, ev(0, "c2", "leader", { source: "log" }), ev(100, "c2", "follower", { source: "log" })], HTTP_100);
    expect(t.intervals.get("default")?.[0]?.seen).toBeUndefined();
    expect(t.intervals.get("default\u0000log")?.[0]?.seen).toBeUndefined();
  });

  it("a seen line after the process went down changes nothing", () => {
    const t = timelineOf([ev(0, "c1", "leader"), { t: 500, node: "c1", type: "down" } as ReadEvent, ev(400, "c1", "seen")], HTTP_100);
    expect(t.intervals.get("default\u0000http")?.[0]).toMatchObject({ start: 0, end: 500, endedBy: "down", seen: [{ start: 0, end: 400 }] });
  });
});

describe("grading an overlap", () => {
  const iv = (node: string, start: number, end: number, seen?: Array<[number, number]>): Interval => ({
    node,
    group: "default",
    source: "http",
    start,
    end,
    token: undefined,
    endedBy: "follower",
    ...(seen !== undefined ? { seen: seen.map(([s, e]) => ({ start: s, end: e })) } : {}),
  });

  it("seen when a stretch of each shares an instant; possible when the first was last seen before the second was first seen", () => {
    expect(seenAtOnce(iv("a", 0, 500, [[0, 300]]), iv("b", 200, 900, [[200, 800]]), 200, 500)).toBe(true);
    expect(seenAtOnce(iv("a", 0, 500, [[0, 300]]), iv("b", 300, 900, [[300, 800]]), 300, 500)).toBe(true);
    expect(seenAtOnce(iv("a", 0, 500, [[0, 299]]), iv("b", 300, 900, [[300, 800]]), 300, 500)).toBe(false);
    // a stretch of the first after a stretch without answers counts as well
    expect(seenAtOnce(iv("a", 0, 2000, [[0, 100], [700, 1500]]), iv("b", 300, 900, [[300, 800]]), 300, 900)).toBe(true);
  });

  it("rests on unknown answers only when they last longer than one poll interval", () => {
    const a = iv("a", 0, 1000, [[0, 100]]);
    const b = iv("b", 200, 2000, [[200, 1900]]);
    const short = gradeOverlap(a, b, 1000, 100, [{ node: "a", start: 150, end: 240 }]);
    expect(short).toMatchObject({ grade: "possible", unknownMs: 40, restsOnUnknown: false });
    const long = gradeOverlap(a, b, 1000, 100, [{ node: "a", start: 150, end: 1000, reason: "ECONNREFUSED" }]);
    expect(long).toMatchObject({ grade: "possible", unknownMs: 800, restsOnUnknown: true });
    expect(long.answers[0]).toBe("a: last seen leading t=100 ms, no answer t=150..1000 ms (ECONNREFUSED), follower t=1000 ms");
    expect(long.answers[1]).toBe("b: first seen leading t=200 ms, follower t=2000 ms");
  });

  it("a push lane's overlap is always seen", () => {
    expect(gradeOverlap(iv("a", 0, 500), iv("b", 100, 900), 500, undefined, undefined).grade).toBe("seen");
  });
});

describe("the overlap checker on evidence", () => {
  // c1 last seen leading at 1000, no answer from 1100 (its service stopped answering), follower at 3000;
  // c2 seen leading from 1500.
  const stopsAnswering = [
    ev(0, "c1", "leader"),
    ev(0, "c2", "follower"),
    ev(1000, "c1", "seen"),
    ev(1100, "c1", "unknown", { reason: "ECONNREFUSED" }),
    ev(1500, "c2", "leader"),
    ev(3000, "c1", "follower"),
    ev(6000, "c2", "seen"),
  ];

  it("an overlap resting only on unknown answers is inconclusive, never a violation", () => {
    const r = overlapOf(stopsAnswering, HTTP_100);
    expect(r.valid).toBe("unknown");
    expect(r.violationCount).toBe(0);
    expect(r.warnings.map((w) => w.kind)).toEqual(["possible-overlap"]);
    expect(r.warnings[0]?.message).toMatch(/^possible overlap \(inconclusive\): c1 and c2 were never seen leading group default at once by http; they may have both led for up to 1.50 s, at least 0 ms/);
    expect(r.error).toMatch(/--possible warn or fail/);
  });

  it("--possible warn makes it a warning, --possible fail a failure that is still not called a split brain", () => {
    expect(overlapOf(stopsAnswering, HTTP_100, "warn")).toMatchObject({ valid: true, violationCount: 0, warningCount: 1 });
    const failed = overlapOf(stopsAnswering, HTTP_100, "fail");
    expect(failed).toMatchObject({ valid: false, violationCount: 1 });
    expect(failed.violations[0]?.kind).toBe("possible-overlap");
    expect(failed.violations[0]?.message).not.toMatch(/split brain/);
  });

  it("the same answers with c1 seen leading again after c2 was first seen: a split brain", () => {
    const events = [...stopsAnswering.filter((e) => e.t !== 3000), ev(2000, "c1", "leader"), ev(2500, "c1", "seen"), ev(3000, "c1", "follower")];
    const r = overlapOf(events, HTTP_100);
    expect(r.valid).toBe(false);
    expect(r.violations[0]).toMatchObject({ kind: "overlap", nodes: ["c1", "c2"], window: { start: 1500, end: 3000 }, evidence: { grade: "seen" } });
    expect(r.violations[0]?.message).toMatch(/^split brain: c1 and c2 both led/);
  });

  it("a real overlap of several poll intervals with interleaved answers is a violation in every polled lane kind", () => {
    const polled = OBSERVER_KIND_NAMES.filter((k) => "probe" in OBSERVER_KINDS[k] || "fleet" in OBSERVER_KINDS[k]);
    expect(polled.length).toBeGreaterThanOrEqual(3);
    for (const source of polled) {
      const evidence: EvidenceInfo = { polled: new Map([[source, 250]]), recordsSeen: true };
      const events = [
        ev(0, "c1", "leader", { source }),
        ev(1000, "c2", "leader", { source }),
        ev(2000, "c1", "seen", { source }),
        ev(2250, "c1", "follower", { source }),
        ev(5000, "c2", "seen", { source }),
      ];
      const r = overlapOf(events, evidence);
      expect(r.valid, source).toBe(false);
      expect(r.violations[0]?.window, source).toEqual({ start: 1000, end: 2250 });
    }
  });
});

describe("a crowd of leaders in a polled lane", () => {
  it("is graded up to a budget of pairs; past it the check is inconclusive, never a split brain unseen, and stays bounded", () => {
    // 2,100 leaders at once: 2,203,950 pairs, more than the budget of 2,000,000.
    const n = 2100;
    const events: ReadEvent[] = [];
    for (let i = 0; i < n; i++) events.push(ev(i, `c${i}`, "leader"));
    events.push({ t: n + 10, node: "x", type: "log", msg: "end" } as ReadEvent);
    const r = overlapOf(events, HTTP_100, "warn");
    expect(GRADE_BUDGET).toBeLessThan((n * (n - 1)) / 2);
    expect(r.valid).toBe("unknown");
    expect(r.violationCount).toBe(0);
    expect((r.stats["ungradedPairs"] ?? 0) + (r.stats["possibleOverlaps"] ?? 0)).toBe((n * (n - 1)) / 2);
    expect(r.error).toMatch(/not graded: more than 2000000 pairs of leaders at once in polled lanes/);
  });
});

