import { describe, expect, it } from "vitest";
import { timelineOf } from "../checkers/checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { checkTimeline } from "../checkers/verdict.js";
import type { ReadEvent } from "../history/parse.js";
import { embedJson, escapeHtml, renderTimelineHtml } from "./timeline-html.js";
import { buildTimelineModel, type TimelineModel } from "./timeline-model.js";
import { timelinePage } from "./timeline-page.js";

const EVIL = `</script><img src=x onerror="alert(1)">&amp;'`;

function page(events: ReadEvent[], meta: Record<string, unknown>): { html: string; model: TimelineModel } {
  const verdict = checkTimeline(timelineOf(events), DEFAULT_CHECK_OPTIONS);
  const model = buildTimelineModel(events, meta, verdict);
  return { html: renderTimelineHtml(model), model };
}

/** The JSON embedded in the page, parsed back. */
function embedded(html: string): unknown {
  const m = /<script type="application\/json" id="model">([\s\S]*?)<\/script>/.exec(html);
  expect(m).not.toBeNull();
  return JSON.parse(m![1]!);
}

const SPLIT_BRAIN: ReadEvent[] = [
  { t: 1000, node: "c1", type: "leader", token: "0x10" },
  { t: 3000, node: "nemesis", type: "fault", id: "f1", fault: "partition", targets: ["c1"] },
  { t: 4500, node: "c2", type: "leader", token: "0x20" },
  { t: 5000, node: "c1", type: "follower" },
  { t: 6000, node: "nemesis", type: "heal", id: "f1" },
  { t: 7000, node: "zk1", type: "zk-role", role: "leading" },
];

describe("renderTimelineHtml", () => {
  it("is self-contained: no external script, style, image or link", () => {
    const { html } = page(SPLIT_BRAIN, { run: "r", scenario: "s", seed: 1, startedAt: "x" });
    expect(html).not.toMatch(/\b(src|href)\s*=\s*["']?\s*(https?:)?\/\//i);
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<link\b/i);
    expect(html).not.toMatch(/@import/);
    expect(html).toMatch(/^<!doctype html>/);
  });

  it("embeds the model as JSON and shows verdict, scenario, seed, run and each checker's summary", () => {
    const { html, model } = page(SPLIT_BRAIN, { run: "run-42", scenario: "partition-leader", seed: 7, startedAt: "2026-01-01T00:00:00Z" });
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(model)));
    const title = /<title>(.*)<\/title>/.exec(html)?.[1];
    expect(title).toContain("FAIL");
    expect(title).toContain("partition-leader");
    expect(title).toContain("seed 7");
    expect(title).toContain("run-42");
    for (const c of model.verdict.checkers) expect(html).toContain(escapeHtml(c.summary));
    expect(html).toContain('id="legend"');
    expect(html).toContain('id="reset"');
  });

  it("escapes node names, tokens, scenario names and messages from the history", () => {
    const events: ReadEvent[] = [
      { t: 1000, node: EVIL, type: "leader", token: EVIL },
      { t: 2000, node: "c2", type: "leader", token: "1" },
      { t: 3000, node: EVIL, type: "conn", state: EVIL },
      { t: 4000, node: "nemesis", type: "fault", id: EVIL, fault: EVIL, targets: [EVIL] },
      { t: 9000, node: "c2", type: "follower" },
    ];
    const { html, model } = page(events, { run: EVIL, scenario: EVIL, seed: EVIL, startedAt: EVIL });
    expect(model.violations[0]?.message).toContain("</script>");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("onerror=\"");
    // Exactly the page's own two scripts end, so nothing from the history closed one.
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).toContain(escapeHtml(EVIL));
    expect(embedded(html)).toEqual(JSON.parse(JSON.stringify(model)));
  });

  it("draws with textContent and setAttribute only (no innerHTML of history strings)", () => {
    const { html } = page(SPLIT_BRAIN, {});
    expect(html).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/);
  });
});

describe("escaping helpers", () => {
  it("escapes the five HTML metacharacters", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&#60;a href=&#34;x&#34;&#62;&#39;&#38;&#39;&#60;/a&#62;");
  });

  it("embeds JSON that cannot close its script element and parses back the same", () => {
    const value = { s: "</script><!-- \u2028 & >" };
    const text = embedJson(value);
    expect(text).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe("the page script", () => {
  it("is timelinePage's own checked source, called once, and cannot end its script element", () => {
    const html = renderTimelineHtml(buildTimelineModel([], {}));
    const script = /<script>([\s\S]*)<\/script>\n<\/body>/.exec(html)?.[1] ?? "";
    expect(script).toBe(`(${timelinePage.toString()})();`);
    expect(script).not.toMatch(/<\/script|<!--/i);
    // It parses on its own: it needs nothing from its module.
    expect(() => new Function(script)).not.toThrow();
  });
});
