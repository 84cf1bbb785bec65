import type { TimelineModel, VerdictLabel } from "./timeline-model.js";
import { timelinePage } from "./timeline-page.js";

/**
 * timeline.html: one self-contained page (inline CSS and JS, no network) that draws a
 * TimelineModel as SVG. The model travels as JSON in a <script type="application/json">; the
 * static parts (title, verdict, checker summaries, legend, violation list) are rendered here
 * with every history-controlled string escaped; the inline script (timeline-page.ts) draws the
 * chart.
 */
export function renderTimelineHtml(model: TimelineModel): string {
  const { title, verdict } = model;
  const heading = `${verdict.label} · ${title.scenario} · seed ${title.seed} · run ${title.run}`;
  const checkers = verdict.checkers
    .map((c) => `<li>${badge(c.label)} <b>${escapeHtml(c.name)}</b> ${escapeHtml(c.summary)}</li>`)
    .join("\n");
  const violations = model.violations
    .map(
      (v, i) =>
        `<li class="${v.severity}" data-i="${i}" tabindex="0"><span class="when">${escapeHtml(seconds(v.start))}–${escapeHtml(seconds(v.end))}</span> <b>${escapeHtml(v.checker)}</b> ${escapeHtml(v.message)}</li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)} — splitbrain timeline</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>${badge(verdict.label)} <span class="scenario">${escapeHtml(title.scenario)}</span></h1>
  <p class="meta">seed <b>${escapeHtml(title.seed)}</b> · run <b>${escapeHtml(title.run)}</b> · started ${escapeHtml(title.startedAt)} · ${model.events} events over ${escapeHtml(seconds(model.endT))}</p>
  ${checkers === "" ? '<p class="meta">not checked: no verdict was given</p>' : `<ul class="checkers">\n${checkers}\n</ul>`}
  ${reducedNotice(model)}
</header>
<div class="toolbar">
  <button id="reset" type="button">Reset zoom</button>
  <span id="range"></span>
  <span class="hint">wheel: zoom at the cursor · drag: pan · hover: details</span>
</div>
<div id="chart-wrap"><svg id="chart" role="img" aria-label="timeline"></svg><div id="tip" hidden></div></div>
${LEGEND}
${violations === "" ? "" : `<section id="violation-list"><h2>Violations and warnings <span class="hint">(click one to zoom to it)</span></h2>\n<ol>\n${violations}\n</ol></section>`}
<script type="application/json" id="model">${embedJson(model)}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

/** Says, at the top of the page, what a large history's page aggregates or leaves out. */
function reducedNotice(model: TimelineModel): string {
  const r = model.reduced;
  if (r === undefined) return "";
  const n = (x: number): string => x.toLocaleString("en-US");
  const parts: string[] = [];
  if (r.columnMs > 0) {
    parts.push(
      `This history is too large to draw item by item: on each lane, items of one kind less than ${escapeHtml(duration(r.columnMs))} apart are drawn as one ` +
        `(${n(r.segments[0])} bars as ${n(r.segments[1])}, ${n(r.marks[0])} marks as ${n(r.marks[1])}, ${n(r.faults[0])} faults as ${n(r.faults[1])}; hover shows how many). ` +
        "Zooming in shows no finer detail, except around violations, which are drawn exactly.",
    );
  }
  if (r.violations[1] < r.violations[0]) parts.push(`Only the first ${n(r.violations[1])} of ${n(r.violations[0])} violations and warnings are drawn and listed: verdict.json and <code>splitbrain check</code> have them all.`);
  return `<p class="reduced" id="reduced">${parts.join(" ")}</p>`;
}

function duration(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${Number(ms.toFixed(1))} ms`;
}

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** JSON that cannot end its <script> element or open a comment: <, >, & and line separators escaped. */
export function embedJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

function badge(label: VerdictLabel): string {
  return `<span class="badge ${label.replace(" ", "-").toLowerCase()}">${label}</span>`;
}

function seconds(ms: number): string {
  return `${Number((ms / 1000).toFixed(3))} s`;
}

const LEGEND = `<div id="legend" class="legend">
  <span><i class="sw leader"></i>leadership (token on hover)</span>
  <span><i class="sw cdown"></i>candidate process down</span>
  <span><i class="sw tick" style="background:#374151"></i>down</span>
  <span><i class="sw tick" style="background:#16a34a"></i>up</span>
  <span><i class="sw write" style="background:#0f172a"></i>write accepted by the witness</span>
  <span><i class="sw write" style="background:#fff;border:2px solid #dc2626"></i>write refused</span>
  <span><i class="sw short" style="background:#0d9488"></i>connected</span>
  <span><i class="sw short" style="background:#f59e0b"></i>suspended</span>
  <span><i class="sw short" style="background:#ea580c"></i>lost</span>
  <span><i class="sw short" style="background:#9333ea"></i>expired</span>
  <span><i class="sw role" style="background:#15803d"></i>ZK leading</span>
  <span><i class="sw role" style="background:#86efac"></i>following</span>
  <span><i class="sw role" style="background:#fbbf24"></i>looking</span>
  <span><i class="sw role" style="background:#9ca3af"></i>down</span>
  <span><i class="sw fault-nl"></i>fault (no leader expected)</span>
  <span><i class="sw fault-el"></i>fault (leader expected)</span>
  <span><i class="sw viol"></i>violation window</span>
  <span><i class="sw unseen"></i>leadership not seen by a polled observer (possible)</span>
  <span><i class="sw warn"></i>warning (fenced overlap, frozen leader, possible overlap)</span>
</div>`;

const STYLE = `
*{box-sizing:border-box}
body{margin:0;font:13px/1.4 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#111827;background:#f8fafc}
header{padding:14px 20px 8px;background:#fff;border-bottom:1px solid #e5e7eb}
h1{margin:0 0 4px;font-size:20px;display:flex;align-items:center;gap:10px}
h2{font-size:14px;margin:0 0 6px}
.meta{margin:0;color:#4b5563}
.checkers{list-style:none;margin:6px 0 0;padding:0}
.checkers li{margin:2px 0}
.badge{display:inline-block;padding:1px 8px;border-radius:4px;font-size:12px;font-weight:700;letter-spacing:.04em;color:#fff;vertical-align:1px}
h1 .badge{font-size:15px;padding:2px 10px}
.badge.pass{background:#15803d}.badge.fail{background:#dc2626}.badge.inconclusive{background:#d97706}.badge.not-checked{background:#6b7280}
.toolbar{display:flex;align-items:center;gap:14px;padding:8px 20px}
button{font:inherit;padding:3px 12px;border:1px solid #9ca3af;border-radius:4px;background:#fff;cursor:pointer}
button:hover{background:#f3f4f6}
#range{font-variant-numeric:tabular-nums;color:#1f2937}
.hint{color:#6b7280;font-size:12px;font-weight:400}
#chart-wrap{position:relative;margin:0 20px;background:#fff;border:1px solid #e5e7eb;border-radius:6px;overflow:hidden}
#chart{display:block;width:100%;cursor:grab;user-select:none;-webkit-user-select:none}
#chart.dragging{cursor:grabbing}
#chart text{font:11px system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif}
#chart .lane-label{font-size:12px;font-weight:600;fill:#111827}
#chart .section{font-size:10px;font-weight:700;fill:#6b7280;letter-spacing:.08em}
#chart .tick{fill:#374151;font-variant-numeric:tabular-nums}
#chart .in-bar{fill:#fff;font-size:10px;pointer-events:none}
#chart .in-role{fill:#14532d;font-size:10px;pointer-events:none}
#chart .fault-label{fill:#7c2d12;font-size:10px;pointer-events:none}
#tip{position:absolute;pointer-events:none;background:#111827;color:#f9fafb;padding:6px 9px;border-radius:5px;font-size:12px;white-space:pre-wrap;max-width:560px;box-shadow:0 2px 8px rgba(0,0,0,.25);z-index:2}
.legend{display:flex;flex-wrap:wrap;gap:6px 16px;padding:10px 20px;color:#374151;font-size:12px}
.legend span{display:inline-flex;align-items:center;gap:5px}
.sw{display:inline-block;width:22px;height:12px;border-radius:2px}
.sw.leader{background:#2563eb}
.sw.cdown{background:repeating-linear-gradient(45deg,#d1d5db 0 3px,#f3f4f6 3px 6px)}
.sw.unseen{background:repeating-linear-gradient(45deg,#93b4f5 0 3px,#dbe6fd 3px 6px);outline:1px dashed #2563eb;outline-offset:-1px}
.sw.tick{width:3px;height:16px;border-radius:0}
.sw.short{width:3px;height:8px;border-radius:0}
.sw.role{height:9px}
.sw.write{width:8px;height:8px;border-radius:0;box-sizing:border-box}
.sw.fault-nl{background:repeating-linear-gradient(135deg,rgba(234,88,12,.35) 0 3px,rgba(234,88,12,.12) 3px 6px)}
.sw.fault-el{background:rgba(59,130,246,.18)}
.sw.viol{border:2px solid #dc2626;background:rgba(220,38,38,.1)}
.sw.warn{border:2px dashed #d97706;background:rgba(217,119,6,.08)}
.reduced{margin:8px 0 0;padding:6px 10px;border-left:4px solid #d97706;background:#fffbeb;color:#78350f;max-width:1100px}
#violation-list{padding:4px 20px 20px}
#violation-list ol{margin:0;padding-left:22px}
#violation-list li{cursor:pointer;margin:2px 0}
#violation-list li:hover{text-decoration:underline}
#violation-list li.violation::marker{color:#dc2626}
#violation-list li.warning::marker{color:#d97706}
#violation-list .when{font-variant-numeric:tabular-nums;color:#4b5563}
`;

/** The page script: timelinePage (a checked source file) called at once. */
const SCRIPT = `(${timelinePage.toString()})();`;
