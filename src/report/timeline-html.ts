import type { TimelineModel, VerdictLabel } from "./timeline-model.js";

/**
 * timeline.html: one self-contained page (inline CSS and JS, no network) that draws a
 * TimelineModel as SVG. The model travels as JSON in a <script type="application/json">; the
 * static parts (title, verdict, checker summaries, legend, violation list) are rendered here
 * with every history-controlled string escaped, and the inline script draws only what is
 * visible in the current time range (re-rendered once per animation frame on zoom and pan).
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
  <span><i class="sw warn"></i>warning (fenced overlap)</span>
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
.sw.tick{width:3px;height:16px;border-radius:0}
.sw.short{width:3px;height:8px;border-radius:0}
.sw.role{height:9px}
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

// The drawing code. Plain ES5-ish JS without template literals (it lives in one). Every string
// from the history reaches the DOM through textContent or setAttribute, never through innerHTML.
const SCRIPT = String.raw`
(function () {
  "use strict";
  var model = JSON.parse(document.getElementById("model").textContent);
  var svg = document.getElementById("chart");
  var wrap = document.getElementById("chart-wrap");
  var tip = document.getElementById("tip");
  var rangeEl = document.getElementById("range");
  var NS = svg.namespaceURI;
  var LABEL_W = 120, PAD_R = 18, AXIS_H = 26, LANE_H = 30, SECTION_H = 20, FAULT_ROW_H = 17, BOTTOM = 8;
  var MIN_SPAN = 5;
  var full = [0, Math.max(model.endT, 1)];
  var view = [full[0], full[1]];
  var plotW = 100, height = 100, pending = false;
  var laneIndex = {}, laneY = [], candidateLanes = [], allLanes = [];
  var byLane = {};
  var groupIndex = {};
  model.groups.forEach(function (g, i) { groupIndex[g] = i; });

  // Lanes and their items.
  model.lanes.forEach(function (lane, i) {
    laneIndex[lane.id] = i;
    allLanes.push(i);
    if (lane.kind === "candidate") candidateLanes.push(i);
    byLane[i] = { segments: [], marks: [] };
  });
  model.segments.forEach(function (s) { byLane[laneIndex[s.lane]].segments.push(s); });
  model.marks.forEach(function (m) { byLane[laneIndex[m.lane]].marks.push(m); });

  // Fault rows: greedy stacking so that overlapping faults get their own row in the fault track.
  var faults = model.faults.slice().sort(function (a, b) { return a.start - b.start; });
  var rowEnds = [];
  faults.forEach(function (f) {
    var r = 0;
    while (r < rowEnds.length && rowEnds[r] > f.start) r++;
    rowEnds[r] = Math.max(f.end, f.start + 1e-9);
    f.row = r;
    f.laneRuns = runs(f.targets.length === 0 ? allLanes : indexes(f.targets));
  });
  var faultRows = rowEnds.length;
  model.violations.forEach(function (v) {
    var lanes = v.lanes.length === 0 ? allLanes : indexes(v.lanes);
    v.laneRuns = runs(lanes);
    v.laneSet = {};
    lanes.forEach(function (i) { v.laneSet[i] = true; });
  });

  function indexes(ids) {
    var out = [];
    ids.forEach(function (id) { if (laneIndex[id] !== undefined) out.push(laneIndex[id]); });
    return out.sort(function (a, b) { return a - b; });
  }
  // Consecutive lane indexes merged, so a fault on zk1..zk3 is one band.
  function runs(lanes) {
    var out = [];
    lanes.forEach(function (i) {
      var last = out[out.length - 1];
      if (last && last[1] === i - 1) last[1] = i; else if (!last || last[1] !== i) out.push([i, i]);
    });
    return out;
  }

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(x, y, s, cls, parent) {
    var t = el("text", { x: x, y: y, "class": cls }, parent);
    t.textContent = s;
    return t;
  }

  // Layout: axis, fault track, then a section per lane kind.
  var faultTop = AXIS_H + 4;
  var top = faultTop + faultRows * FAULT_ROW_H + (faultRows > 0 ? 6 : 0);
  var sections = [];
  var y = top;
  ["candidate", "server"].forEach(function (kind) {
    var first = true;
    model.lanes.forEach(function (lane, i) {
      if (lane.kind !== kind) return;
      if (first) { sections.push({ y: y, label: kind === "candidate" ? "CANDIDATES" : "ZOOKEEPER SERVERS" }); y += SECTION_H; first = false; }
      laneY[i] = y;
      y += LANE_H;
    });
  });
  var lanesBottom = y;
  height = y + BOTTOM;

  var staticLayer = el("g", { id: "static" }, svg);
  var defs = el("defs", {}, staticLayer);
  var pat = el("pattern", { id: "hatch-fault", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(135)" }, defs);
  el("rect", { width: 6, height: 6, fill: "rgba(234,88,12,0.10)" }, pat);
  el("rect", { width: 2.5, height: 6, fill: "rgba(234,88,12,0.30)" }, pat);
  var pat2 = el("pattern", { id: "hatch-down", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
  el("rect", { width: 6, height: 6, fill: "#f3f4f6" }, pat2);
  el("rect", { width: 3, height: 6, fill: "#d1d5db" }, pat2);
  var pat3 = el("pattern", { id: "hatch-unknown", width: 4, height: 4, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
  el("rect", { width: 4, height: 4, fill: "#fef3c7" }, pat3);
  el("rect", { width: 2, height: 4, fill: "#d97706" }, pat3);
  var clip = el("clipPath", { id: "plot-clip" }, defs);
  var clipRect = el("rect", { x: LABEL_W, y: 0, width: 10, height: height }, clip);
  var lanesLayer = el("g", { id: "lanes" }, staticLayer);
  var gridLayer = el("g", { id: "grid" }, svg);
  var plot = el("g", { "clip-path": "url(#plot-clip)" }, svg);
  var faultLayer = el("g", { id: "faults" }, plot);
  var segLayer = el("g", { id: "segments" }, plot);
  var markLayer = el("g", { id: "marks" }, plot);
  var violLayer = el("g", { id: "violations" }, plot);
  var axisLayer = el("g", { id: "axis" }, svg);

  function layoutStatic() {
    var width = Math.max(wrap.clientWidth, 400);
    plotW = width - LABEL_W - PAD_R;
    svg.setAttribute("width", width);
    svg.setAttribute("height", height);
    svg.setAttribute("viewBox", "0 0 " + width + " " + height);
    clipRect.setAttribute("width", plotW);
    lanesLayer.replaceChildren();
    if (faultRows > 0) {
      el("rect", { x: 0, y: faultTop - 2, width: width, height: faultRows * FAULT_ROW_H + 4, fill: "#fff7ed" }, lanesLayer);
      text(10, faultTop + 12, "FAULTS", "section", lanesLayer);
    }
    sections.forEach(function (s) {
      el("rect", { x: 0, y: s.y, width: width, height: SECTION_H, fill: "#f9fafb" }, lanesLayer);
      text(10, s.y + 14, s.label, "section", lanesLayer);
    });
    model.lanes.forEach(function (lane, i) {
      var g = el("g", { "class": "lane", "data-lane": lane.id, "data-kind": lane.kind }, lanesLayer);
      el("rect", { x: 0, y: laneY[i], width: width, height: LANE_H, fill: i % 2 ? "#ffffff" : "#fbfcfe" }, g);
      el("line", { x1: 0, x2: width, y1: laneY[i] + LANE_H - 0.5, y2: laneY[i] + LANE_H - 0.5, stroke: "#eef0f3" }, g);
      var name = lane.id.length > 15 ? lane.id.slice(0, 14) + "\u2026" : lane.id;
      text(14, laneY[i] + LANE_H / 2 + 4, name, "lane-label", g);
    });
    el("line", { x1: LABEL_W - 0.5, x2: LABEL_W - 0.5, y1: AXIS_H, y2: lanesBottom, stroke: "#d1d5db" }, lanesLayer);
  }

  // Time <-> x for the current view.
  function scale() { return plotW / (view[1] - view[0]); }
  function xOf(t) {
    var x = LABEL_W + (t - view[0]) * scale();
    return Math.max(LABEL_W - 4, Math.min(LABEL_W + plotW + 4, x));
  }
  function tOf(clientX) {
    var r = svg.getBoundingClientRect();
    return view[0] + (clientX - r.left - LABEL_W) / scale();
  }
  function visible(start, end) { return end >= view[0] && start <= view[1]; }

  function niceStep(span, target) {
    var raw = span / target, p = Math.pow(10, Math.floor(Math.log10(raw))), m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function secs(ms, step) {
    var d = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    return (ms / 1000).toFixed(d) + " s";
  }
  function fmt(ms) { return "t=" + +(ms / 1000).toFixed(3) + " s"; }
  function dur(ms) {
    if (ms >= 10000) return (ms / 1000).toFixed(1) + " s";
    if (ms >= 1000) return (ms / 1000).toFixed(2) + " s";
    return +ms.toFixed(3) + " ms";
  }

  var ROLE = { leading: "#15803d", following: "#86efac", looking: "#fbbf24", down: "#9ca3af" };
  var CONN = { connected: "#0d9488", reconnected: "#0d9488", suspended: "#f59e0b", lost: "#ea580c", expired: "#9333ea" };

  function render() {
    pending = false;
    var k = scale();
    svg.setAttribute("data-view-start", view[0]);
    svg.setAttribute("data-view-end", view[1]);
    svg.setAttribute("data-plot-left", LABEL_W);
    svg.setAttribute("data-plot-width", plotW);
    rangeEl.textContent = "showing " + secs(view[0], 10) + " \u2013 " + secs(view[1], 10) + " (" + dur(view[1] - view[0]) + ") of " + dur(full[1]);

    // Axis and grid.
    var frag = document.createDocumentFragment();
    var step = niceStep(view[1] - view[0], Math.max(2, Math.floor(plotW / 110)));
    var axis = document.createDocumentFragment();
    el("rect", { x: 0, y: 0, width: LABEL_W + plotW + PAD_R, height: AXIS_H, fill: "#fff" }, axis);
    el("line", { x1: LABEL_W, x2: LABEL_W + plotW, y1: AXIS_H - 0.5, y2: AXIS_H - 0.5, stroke: "#9ca3af" }, axis);
    text(14, 17, "time", "section", axis);
    for (var t = Math.ceil(view[0] / step) * step; t <= view[1]; t += step) {
      var x = LABEL_W + (t - view[0]) * k;
      el("line", { x1: x, x2: x, y1: AXIS_H, y2: lanesBottom, stroke: "#eceef2" }, frag);
      el("line", { x1: x, x2: x, y1: AXIS_H - 5, y2: AXIS_H, stroke: "#6b7280" }, axis);
      var label = text(x, 16, secs(t, step), "tick", axis);
      label.setAttribute("text-anchor", x < LABEL_W + 30 ? "start" : x > LABEL_W + plotW - 30 ? "end" : "middle");
    }
    gridLayer.replaceChildren(frag);
    axisLayer.replaceChildren(axis);

    // Faults: a labelled chip in the fault track, shaded bands over the lanes they target.
    frag = document.createDocumentFragment();
    faults.forEach(function (f) {
      if (!visible(f.start, f.end)) return;
      var x0 = xOf(f.start), x1 = Math.max(xOf(f.end), x0 + 2);
      var fill = f.expectLeader ? "rgba(59,130,246,0.16)" : "url(#hatch-fault)";
      var ty = faultTop + f.row * FAULT_ROW_H;
      el("rect", { "class": "fault", "data-id": f.id, x: x0, y: ty, width: x1 - x0, height: FAULT_ROW_H - 3, rx: 3,
        fill: f.expectLeader ? "#dbeafe" : "#fed7aa", stroke: f.expectLeader ? "#60a5fa" : "#fb923c" }, frag);
      var label = f.fault + " " + f.id + (f.targets.length ? " \u2192 " + f.targets.join(", ") : "");
      var lx = Math.max(x0, LABEL_W) + 4;
      if (x1 - lx > label.length * 5.6 + 4) text(lx, ty + 11, label, "fault-label", frag);
      else if (x1 - lx > f.id.length * 5.6 + 4) text(lx, ty + 11, f.id, "fault-label", frag);
      f.laneRuns.forEach(function (r) {
        el("rect", { "class": "fault-band", "data-id": f.id, x: x0, y: laneY[r[0]], width: x1 - x0,
          height: laneY[r[1]] + LANE_H - laneY[r[0]], fill: fill }, frag);
      });
    });
    faultLayer.replaceChildren(frag);

    // Segments: down periods, ZooKeeper roles, leadership bars.
    frag = document.createDocumentFragment();
    var groups = model.groups.length;
    model.lanes.forEach(function (lane, i) {
      var ly = laneY[i];
      byLane[i].segments.forEach(function (s) {
        if (!visible(s.start, s.end)) return;
        var x0 = xOf(s.start), x1 = xOf(s.end), w = Math.max(x1 - x0, 1.5);
        if (s.kind === "down") {
          el("rect", { "class": "cdown", "data-lane": lane.id, x: x0, y: ly + 3, width: w, height: LANE_H - 6, fill: "url(#hatch-down)" }, frag);
        } else if (s.kind === "unknown") {
          el("rect", { "class": "cunknown", "data-lane": lane.id, x: x0, y: ly + LANE_H - 7, width: w, height: 4, fill: "url(#hatch-unknown)" }, frag);
        } else if (s.kind === "role") {
          el("rect", { "class": "role", "data-lane": lane.id, "data-role": s.label, x: x0, y: ly + 8, width: w, height: LANE_H - 16,
            fill: ROLE[s.label] || "#c4b5fd" }, frag);
          var rl = s.label + (s.epoch !== undefined ? " e" + s.epoch : "");
          if (w > rl.length * 5.6 + 8 && s.label !== "leading") text(Math.max(x0, LABEL_W) + 4, ly + LANE_H / 2 + 3.5, rl, "in-role", frag);
          else if (w > rl.length * 5.6 + 8) text(Math.max(x0, LABEL_W) + 4, ly + LANE_H / 2 + 3.5, rl, "in-bar", frag);
        } else {
          var h = (LANE_H - 10) / groups, by = ly + 5 + (groupIndex[s.label] || 0) * h;
          el("rect", { "class": "bar leader", "data-lane": lane.id, "data-start": s.start, "data-end": s.end,
            "data-token": s.token === undefined ? "" : s.token, x: x0, y: by, width: w, height: h - 1, rx: 2, fill: "#2563eb" }, frag);
          var bl = s.token === undefined ? (groups > 1 ? s.label : "") : s.token;
          if (bl && w > bl.length * 6 + 10 && h >= 12) text(Math.max(x0, LABEL_W) + 5, by + h / 2 + 3, bl, "in-bar", frag);
        }
      });
    });
    segLayer.replaceChildren(frag);

    // Marks: one per pixel column, lane, kind and state (a burst of reconnects is one tick).
    frag = document.createDocumentFragment();
    model.lanes.forEach(function (lane, i) {
      var ly = laneY[i], seen = {};
      byLane[i].marks.forEach(function (m) {
        if (m.t < view[0] || m.t > view[1]) return;
        var x = Math.round(xOf(m.t) * 2) / 2, key = m.kind + m.label + x;
        if (seen[key]) return;
        seen[key] = true;
        if (m.kind === "conn") {
          el("rect", { "class": "mark conn", "data-lane": lane.id, "data-state": m.label, x: x - 1, y: ly + LANE_H - 9, width: 2, height: 7,
            fill: CONN[m.label] || "#64748b" }, frag);
        } else {
          el("rect", { "class": "mark " + m.kind, "data-lane": lane.id, x: x - 1, y: ly + 2, width: 2, height: LANE_H - 4,
            fill: m.kind === "down" ? "#374151" : "#16a34a" }, frag);
        }
      });
    });
    markLayer.replaceChildren(frag);

    // Violations: a red outline over their window on the lanes they concern.
    frag = document.createDocumentFragment();
    model.violations.forEach(function (v, vi) {
      if (!visible(v.start, v.end)) return;
      var x0 = xOf(v.start), x1 = xOf(v.end);
      if (x1 - x0 < 4) { var c = (x0 + x1) / 2; x0 = c - 2; x1 = c + 2; }
      v.laneRuns.forEach(function (r) {
        el("rect", { "class": v.severity, "data-i": vi, "data-checker": v.checker, "data-start": v.start, "data-end": v.end,
          "data-lanes": r[0] === r[1] ? model.lanes[r[0]].id : model.lanes[r[0]].id + ".." + model.lanes[r[1]].id,
          x: x0, y: laneY[r[0]] + 1, width: x1 - x0, height: laneY[r[1]] + LANE_H - laneY[r[0]] - 2, rx: 2,
          fill: v.severity === "violation" ? "rgba(220,38,38,0.10)" : "rgba(217,119,6,0.08)",
          stroke: v.severity === "violation" ? "#dc2626" : "#d97706", "stroke-width": 2,
          "stroke-dasharray": v.severity === "violation" ? "none" : "5 3" }, frag);
      });
    });
    violLayer.replaceChildren(frag);
  }

  function schedule() {
    if (!pending) { pending = true; requestAnimationFrame(render); }
  }
  function setView(a, b) {
    var span = Math.min(Math.max(b - a, MIN_SPAN), full[1] - full[0]);
    if (a < full[0]) a = full[0];
    if (a + span > full[1]) a = full[1] - span;
    view = [a, a + span];
    schedule();
  }

  svg.addEventListener("wheel", function (e) {
    e.preventDefault();
    var dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
    var f = Math.exp(Math.max(-400, Math.min(400, dy)) * 0.0015);
    var at = Math.max(view[0], Math.min(view[1], tOf(e.clientX)));
    var span = Math.min(Math.max((view[1] - view[0]) * f, MIN_SPAN), full[1] - full[0]);
    var ratio = (at - view[0]) / (view[1] - view[0]);
    setView(at - ratio * span, at - ratio * span + span);
  }, { passive: false });

  var drag = null;
  svg.addEventListener("pointerdown", function (e) {
    if (e.button !== 0) return;
    drag = { x: e.clientX, view: view.slice() };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", function (e) {
    if (drag) {
      var dt = (e.clientX - drag.x) / scale();
      setView(drag.view[0] - dt, drag.view[1] - dt);
      tip.hidden = true;
      return;
    }
    hover(e);
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  svg.addEventListener("pointerleave", function () { if (!drag) tip.hidden = true; });
  document.getElementById("reset").addEventListener("click", function () { setView(full[0], full[1]); });
  window.addEventListener("resize", function () { layoutStatic(); schedule(); });
  Array.prototype.forEach.call(document.querySelectorAll("#violation-list li"), function (li) {
    function zoom() {
      var v = model.violations[+li.getAttribute("data-i")];
      var pad = Math.max((v.end - v.start) * 0.6, 500);
      setView(v.start - pad, v.end + pad);
      wrap.scrollIntoView({ block: "nearest" });
    }
    li.addEventListener("click", zoom);
    li.addEventListener("keydown", function (e) { if (e.key === "Enter") zoom(); });
  });

  // Hover: everything under the pointer on its lane (marks within 4 px), as plain text.
  function hover(e) {
    var r = svg.getBoundingClientRect(), px = e.clientX - r.left, py = e.clientY - r.top;
    if (px < LABEL_W || px > LABEL_W + plotW) { tip.hidden = true; return; }
    var t = tOf(e.clientX), slack = 4 / scale(), lines = [];
    var lane = -1;
    model.lanes.forEach(function (l, i) { if (py >= laneY[i] && py < laneY[i] + LANE_H) lane = i; });
    if (lane < 0 && py >= faultTop && py < faultTop + faultRows * FAULT_ROW_H) {
      var row = Math.floor((py - faultTop) / FAULT_ROW_H);
      faults.forEach(function (f) { if (f.row === row && t >= f.start - slack && t <= f.end + slack) lines.push(describeFault(f)); });
    }
    if (lane >= 0) {
      var id = model.lanes[lane].id;
      lines.push(id + "  " + fmt(t));
      model.violations.forEach(function (v) {
        if (v.laneSet[lane] && t >= v.start - slack && t <= v.end + slack) lines.push((v.severity === "violation" ? "VIOLATION " : "warning ") + v.checker + ": " + v.message);
      });
      byLane[lane].marks.forEach(function (m) {
        if (Math.abs(m.t - t) <= slack) lines.push(m.kind + (m.label ? " " + m.label : "") + " at " + fmt(m.t) + (m.count > 1 ? " (and " + (m.count - 1) + " more in this column)" : ""));
      });
      byLane[lane].segments.forEach(function (s) {
        if (t < s.start || t >= s.end) return;
        var span = fmt(s.start) + " \u2192 " + fmt(s.end) + " (" + dur(s.end - s.start) + ")";
        if (s.count > 1) lines.push(s.count + " " + (s.kind === "leader" ? "leaderships" : s.kind === "role" ? "role periods" : s.kind === "down" ? "down periods" : "stretches without an answer") + " drawn as one (aggregated: gaps shorter than a column hidden)");
        if (s.kind === "leader") {
          lines.push("leader of group " + s.label + "  " + span);
          lines.push("  token " + (s.token === undefined ? "(none)" : s.token) + ", ended by " + s.endedBy);
        } else if (s.kind === "unknown") {
          lines.push("no answer from this observer (unknown: leadership neither starts nor ends)  " + span);
        } else if (s.kind === "role") {
          lines.push("ZooKeeper " + s.label + (s.epoch !== undefined ? " (epoch " + s.epoch + ")" : "") + "  " + span);
        } else {
          lines.push("process down" + (s.label ? " (" + s.label + ")" : "") + "  " + span);
        }
      });
      faults.forEach(function (f) {
        if (t >= f.start && t < f.end && f.laneRuns.some(function (r) { return lane >= r[0] && lane <= r[1]; })) lines.push(describeFault(f));
      });
      if (lines.length === 1) { tip.hidden = true; return; }
    }
    if (lines.length === 0) { tip.hidden = true; return; }
    tip.textContent = lines.join("\n");
    tip.hidden = false;
    var wr = wrap.getBoundingClientRect();
    var left = e.clientX - wr.left + 14, topPx = e.clientY - wr.top + 14;
    if (left + tip.offsetWidth > wr.width - 4) left = Math.max(4, e.clientX - wr.left - tip.offsetWidth - 14);
    if (topPx + tip.offsetHeight > wr.height - 4) topPx = Math.max(4, e.clientY - wr.top - tip.offsetHeight - 14);
    tip.style.left = left + "px";
    tip.style.top = topPx + "px";
  }
  function describeFault(f) {
    return (f.count > 1 ? f.count + " faults (aggregated) " : "fault ") + f.fault + " " + f.id + " on " + (f.targets.length ? f.targets.join(", ") : "(no targets)") + "\n  " +
      fmt(f.start) + " \u2192 " + (f.healed ? fmt(f.end) : "never healed") + " (" + dur(f.end - f.start) + "), expectLeader " + f.expectLeader;
  }

  layoutStatic();
  render();
  document.body.setAttribute("data-ready", "true");
})();
`;
