import { describe, expect, it } from "vitest";
import { HistoryGenerator } from "../bench/generate-history.js";
import { checkTimeline } from "../checkers/verdict.js";
import { checkerTimelineBuilder } from "../checkers/checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import type { ReadEvent } from "../history/parse.js";
import { renderTimelineHtml } from "./timeline-html.js";
import { TimelineModelBuilder, type Segment, type TimelineModel } from "./timeline-model.js";
import { reduceTimelineModel } from "./timeline-reduce.js";

function model(segments: Segment[], extra: Partial<TimelineModel> = {}): TimelineModel {
  return {
    title: { run: "r", scenario: "s", seed: "1", startedAt: "?" },
    verdict: { label: "FAIL", checkers: [] },
    endT: 100_000,
    events: segments.length * 2,
    groups: ["default"],
    lanes: [{ id: "c1", kind: "candidate" }],
    segments,
    marks: [],
    faults: [],
    violations: [],
    ...extra,
  };
}

/** 10,000 leaderships of 5 ms every 10 ms on c1. */
const busy: Segment[] = Array.from({ length: 10_000 }, (_, i) => ({ lane: "c1", kind: "leader", start: i * 10, end: i * 10 + 5, label: "default", token: `0x${i}`, endedBy: "follower" }));

describe("reduceTimelineModel", () => {
  it("leaves a model within the limits as it is", () => {
    const m = model(busy.slice(0, 50));
    expect(reduceTimelineModel(m, { maxItems: 100, maxViolations: 10 })).toBe(m);
  });

  it("aggregates beyond the limit: bounded, counts add up, tokens as a range, and the page says so", () => {
    const r = reduceTimelineModel(model(busy), { maxItems: 500, maxViolations: 10 });
    expect(r.segments.length).toBeLessThanOrEqual(500);
    expect(r.segments.reduce((n, s) => n + (s.count ?? 1), 0)).toBe(10_000);
    expect(r.segments[0]).toMatchObject({ start: 0, token: expect.stringMatching(/^0x0 … 0x/) });
    expect(r.reduced).toMatchObject({ segments: [10_000, r.segments.length] });
    const html = renderTimelineHtml(r);
    expect(html).toContain('id="reduced"');
    expect(html).toMatch(/10,000 bars as \d+/);
  });

  it("keeps items that touch a violation window exact, and caps the violations listed", () => {
    const violations = Array.from({ length: 30 }, (_, i) => ({ checker: "overlap", kind: "overlap", severity: "violation" as const, group: "default", lanes: ["c1"], start: 50_000 + i, end: 50_001 + i, message: `v${i}` }));
    const r = reduceTimelineModel(model(busy, { violations }), { maxItems: 500, maxViolations: 20 });
    expect(r.violations).toHaveLength(20);
    expect(r.reduced?.violations).toEqual([30, 20]);
    const near = r.segments.filter((s) => s.end >= 50_000 && s.start <= 50_020);
    expect(near.map((s) => [s.start, s.end, s.count])).toEqual([[50_000, 50_005, undefined], [50_010, 50_015, undefined], [50_020, 50_025, undefined]]);
    expect(renderTimelineHtml(r)).toContain("Only the first 20 of 30 violations and warnings are drawn and listed");
  });

  it("a generated history of 200,000 events gives a bounded page that still outlines every violation", () => {
    const builder = new TimelineModelBuilder();
    const check = checkerTimelineBuilder();
    const gen = new HistoryGenerator({ seed: 3, events: 200_000 }).lines();
    let meta: Record<string, unknown> = {};
    let first = true;
    for (let n = gen.next(); n.done !== true; n = gen.next()) {
      const e = JSON.parse(n.value) as ReadEvent & Record<string, unknown>;
      if (first) meta = e;
      else {
        builder.add(e);
        check.add(e);
      }
      first = false;
    }
    const verdict = checkTimeline(check.finish(), DEFAULT_CHECK_OPTIONS);
    expect(verdict.valid).toBe(false);
    const m = builder.finish(meta, verdict);
    expect(m.reduced).toBeDefined();
    expect(m.segments.length + m.marks.length + m.faults.length).toBeLessThanOrEqual(100_000);
    const violations = Object.values(verdict.checkers).reduce((n, c) => n + c.violations.length + c.warnings.length, 0);
    expect(m.violations).toHaveLength(violations);
    const html = renderTimelineHtml(m);
    expect(html.length).toBeLessThan(16 * 2 ** 20);
    expect(html).toContain("This history is too large to draw item by item");
  });
});
