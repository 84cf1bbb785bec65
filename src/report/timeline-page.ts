/// <reference lib="dom" />
import type { FaultBand, Mark, Segment, TimelineModel, ViolationView } from "./timeline-model.js";

/**
 * The drawing code of timeline.html: it runs in the browser, not in Node. renderTimelineHtml
 * inlines it with `Function.prototype.toString()`, so it is type-checked and linted like any other
 * source file. Rules that follow from that: the function must be self-contained (no imports
 * except types, no module-level names: only what is declared inside it and browser globals), and
 * every string from the history reaches the DOM through textContent or setAttribute, never
 * through innerHTML. It reads the model from `<script type="application/json" id="model">` and
 * draws only what is visible in the current time range (once per animation frame on zoom and pan).
 */
export function timelinePage(): void {
  type LaneRun = [number, number];
  type DrawnFault = FaultBand & { row: number; laneRuns: LaneRun[] };
  type DrawnViolation = ViolationView & { laneRuns: LaneRun[]; laneSet: Record<number, boolean> };
  type Attrs = Record<string, string | number>;

  const byId = <T extends Element>(id: string): T => {
    const e = document.getElementById(id);
    if (e === null) throw new Error(`timeline.html: no element #${id}`);
    return e as unknown as T;
  };
  const model = JSON.parse(byId<HTMLScriptElement>("model").textContent ?? "null") as TimelineModel;
  const svg = byId<SVGSVGElement>("chart");
  const wrap = byId<HTMLDivElement>("chart-wrap");
  const tip = byId<HTMLDivElement>("tip");
  const rangeEl = byId<HTMLSpanElement>("range");
  const NS = svg.namespaceURI;
  const LABEL_W = 120,
    PAD_R = 18,
    AXIS_H = 26,
    LANE_H = 30,
    SECTION_H = 20,
    FAULT_ROW_H = 17,
    BOTTOM = 8;
  const MIN_SPAN = 5;
  const full: [number, number] = [0, Math.max(model.endT, 1)];
  let view: [number, number] = [full[0], full[1]];
  let plotW = 100;
  let pending = false;
  // Keyed by node ids and groups from the history: no prototype, so "__proto__" or "toString" is a lane like any other.
  const laneIndex = Object.create(null) as Record<string, number>;
  const laneY: number[] = [];
  const allLanes: number[] = [];
  const byLane: { segments: Segment[]; marks: Mark[] }[] = [];
  const groupIndex = Object.create(null) as Record<string, number>;
  model.groups.forEach((g, i) => {
    groupIndex[g] = i;
  });

  // Lanes and their items.
  model.lanes.forEach((lane, i) => {
    laneIndex[lane.id] = i;
    allLanes.push(i);
    byLane[i] = { segments: [], marks: [] };
  });
  const laneOf = (id: string): { segments: Segment[]; marks: Mark[] } | undefined => {
    const i = laneIndex[id];
    return i === undefined ? undefined : byLane[i];
  };
  model.segments.forEach((s) => laneOf(s.lane)?.segments.push(s));
  model.marks.forEach((m) => laneOf(m.lane)?.marks.push(m));

  function indexes(ids: readonly string[]): number[] {
    const out: number[] = [];
    ids.forEach((id) => {
      const i = laneIndex[id];
      if (i !== undefined) out.push(i);
    });
    return out.sort((a, b) => a - b);
  }
  // Consecutive lane indexes merged, so a fault on zk1..zk3 is one band.
  function runs(lanes: readonly number[]): LaneRun[] {
    const out: LaneRun[] = [];
    lanes.forEach((i) => {
      const last = out[out.length - 1];
      if (last && last[1] === i - 1) last[1] = i;
      else if (!last || last[1] !== i) out.push([i, i]);
    });
    return out;
  }

  // Fault rows: greedy stacking so that overlapping faults get their own row in the fault track.
  const rowEnds: number[] = [];
  const faults: DrawnFault[] = model.faults
    .slice()
    .sort((a, b) => a.start - b.start)
    .map((f) => {
      let r = 0;
      while (r < rowEnds.length && (rowEnds[r] as number) > f.start) r++;
      rowEnds[r] = Math.max(f.end, f.start + 1e-9);
      return { ...f, row: r, laneRuns: runs(f.targets.length === 0 ? allLanes : indexes(f.targets)) };
    });
  const faultRows = rowEnds.length;
  const violations: DrawnViolation[] = model.violations.map((v) => {
    const lanes = v.lanes.length === 0 ? allLanes : indexes(v.lanes);
    const laneSet: Record<number, boolean> = {};
    lanes.forEach((i) => {
      laneSet[i] = true;
    });
    return { ...v, laneRuns: runs(lanes), laneSet };
  });

  function el(name: string, attrs: Attrs, parent?: Node): SVGElement {
    const e = document.createElementNS(NS, name) as SVGElement;
    for (const k in attrs) e.setAttribute(k, String(attrs[k]));
    if (parent) parent.appendChild(e);
    return e;
  }
  function text(x: number, y: number, s: string, cls: string, parent: Node): SVGElement {
    const t = el("text", { x, y, class: cls }, parent);
    t.textContent = s;
    return t;
  }
  const yOf = (i: number): number => laneY[i] as number;

  // Layout: axis, fault track, then a section per lane kind.
  const faultTop = AXIS_H + 4;
  const top = faultTop + faultRows * FAULT_ROW_H + (faultRows > 0 ? 6 : 0);
  const sections: { y: number; label: string }[] = [];
  let y = top;
  (["candidate", "server"] as const).forEach((kind) => {
    let first = true;
    model.lanes.forEach((lane, i) => {
      if (lane.kind !== kind) return;
      if (first) {
        sections.push({ y, label: kind === "candidate" ? "CANDIDATES" : "ZOOKEEPER SERVERS" });
        y += SECTION_H;
        first = false;
      }
      laneY[i] = y;
      y += LANE_H;
    });
  });
  const lanesBottom = y;
  const height = y + BOTTOM;

  const staticLayer = el("g", { id: "static" }, svg);
  const defs = el("defs", {}, staticLayer);
  const pat = el("pattern", { id: "hatch-fault", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(135)" }, defs);
  el("rect", { width: 6, height: 6, fill: "rgba(234,88,12,0.10)" }, pat);
  el("rect", { width: 2.5, height: 6, fill: "rgba(234,88,12,0.30)" }, pat);
  const pat2 = el("pattern", { id: "hatch-down", width: 6, height: 6, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
  el("rect", { width: 6, height: 6, fill: "#f3f4f6" }, pat2);
  el("rect", { width: 3, height: 6, fill: "#d1d5db" }, pat2);
  const pat3 = el("pattern", { id: "hatch-unknown", width: 4, height: 4, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
  el("rect", { width: 4, height: 4, fill: "#fef3c7" }, pat3);
  el("rect", { width: 2, height: 4, fill: "#d97706" }, pat3);
  const pat4 = el("pattern", { id: "hatch-unseen", width: 5, height: 5, patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)" }, defs);
  el("rect", { width: 5, height: 5, fill: "rgba(255,255,255,0.35)" }, pat4);
  el("rect", { width: 2.5, height: 5, fill: "rgba(255,255,255,0.85)" }, pat4);
  const clip = el("clipPath", { id: "plot-clip" }, defs);
  const clipRect = el("rect", { x: LABEL_W, y: 0, width: 10, height }, clip);
  const lanesLayer = el("g", { id: "lanes" }, staticLayer);
  const gridLayer = el("g", { id: "grid" }, svg);
  const plot = el("g", { "clip-path": "url(#plot-clip)" }, svg);
  const faultLayer = el("g", { id: "faults" }, plot);
  const segLayer = el("g", { id: "segments" }, plot);
  const markLayer = el("g", { id: "marks" }, plot);
  const violLayer = el("g", { id: "violations" }, plot);
  const axisLayer = el("g", { id: "axis" }, svg);

  function layoutStatic(): void {
    const width = Math.max(wrap.clientWidth, 400);
    plotW = width - LABEL_W - PAD_R;
    svg.setAttribute("width", String(width));
    svg.setAttribute("height", String(height));
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    clipRect.setAttribute("width", String(plotW));
    lanesLayer.replaceChildren();
    if (faultRows > 0) {
      el("rect", { x: 0, y: faultTop - 2, width, height: faultRows * FAULT_ROW_H + 4, fill: "#fff7ed" }, lanesLayer);
      text(10, faultTop + 12, "FAULTS", "section", lanesLayer);
    }
    sections.forEach((s) => {
      el("rect", { x: 0, y: s.y, width, height: SECTION_H, fill: "#f9fafb" }, lanesLayer);
      text(10, s.y + 14, s.label, "section", lanesLayer);
    });
    model.lanes.forEach((lane, i) => {
      const g = el("g", { class: "lane", "data-lane": lane.id, "data-kind": lane.kind }, lanesLayer);
      el("rect", { x: 0, y: yOf(i), width, height: LANE_H, fill: i % 2 ? "#ffffff" : "#fbfcfe" }, g);
      el("line", { x1: 0, x2: width, y1: yOf(i) + LANE_H - 0.5, y2: yOf(i) + LANE_H - 0.5, stroke: "#eef0f3" }, g);
      const name = lane.id.length > 15 ? `${lane.id.slice(0, 14)}\u2026` : lane.id;
      text(14, yOf(i) + LANE_H / 2 + 4, name, "lane-label", g);
    });
    el("line", { x1: LABEL_W - 0.5, x2: LABEL_W - 0.5, y1: AXIS_H, y2: lanesBottom, stroke: "#d1d5db" }, lanesLayer);
  }

  // Time <-> x for the current view.
  const scale = (): number => plotW / (view[1] - view[0]);
  function xOf(t: number): number {
    const x = LABEL_W + (t - view[0]) * scale();
    return Math.max(LABEL_W - 4, Math.min(LABEL_W + plotW + 4, x));
  }
  function tOf(clientX: number): number {
    const r = svg.getBoundingClientRect();
    return view[0] + (clientX - r.left - LABEL_W) / scale();
  }
  const visible = (start: number, end: number): boolean => end >= view[0] && start <= view[1];

  function niceStep(span: number, target: number): number {
    const raw = span / target,
      p = Math.pow(10, Math.floor(Math.log10(raw))),
      m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }
  function secs(ms: number, step: number): string {
    const d = step >= 1000 ? 0 : step >= 100 ? 1 : step >= 10 ? 2 : 3;
    return `${(ms / 1000).toFixed(d)} s`;
  }
  const fmt = (ms: number): string => `t=${+(ms / 1000).toFixed(3)} s`;
  function dur(ms: number): string {
    if (ms >= 10000) return `${(ms / 1000).toFixed(1)} s`;
    if (ms >= 1000) return `${(ms / 1000).toFixed(2)} s`;
    return `${+ms.toFixed(3)} ms`;
  }

  const ROLE: Record<string, string> = { leading: "#15803d", following: "#86efac", looking: "#fbbf24", down: "#9ca3af" };
  const CONN: Record<string, string> = { connected: "#0d9488", reconnected: "#0d9488", suspended: "#f59e0b", lost: "#ea580c", expired: "#9333ea" };

  function render(): void {
    pending = false;
    const k = scale();
    svg.setAttribute("data-view-start", String(view[0]));
    svg.setAttribute("data-view-end", String(view[1]));
    svg.setAttribute("data-plot-left", String(LABEL_W));
    svg.setAttribute("data-plot-width", String(plotW));
    rangeEl.textContent = `showing ${secs(view[0], 10)} \u2013 ${secs(view[1], 10)} (${dur(view[1] - view[0])}) of ${dur(full[1])}`;

    // Axis and grid.
    let frag = document.createDocumentFragment();
    const step = niceStep(view[1] - view[0], Math.max(2, Math.floor(plotW / 110)));
    const axis = document.createDocumentFragment();
    el("rect", { x: 0, y: 0, width: LABEL_W + plotW + PAD_R, height: AXIS_H, fill: "#fff" }, axis);
    el("line", { x1: LABEL_W, x2: LABEL_W + plotW, y1: AXIS_H - 0.5, y2: AXIS_H - 0.5, stroke: "#9ca3af" }, axis);
    text(14, 17, "time", "section", axis);
    for (let t = Math.ceil(view[0] / step) * step; t <= view[1]; t += step) {
      const x = LABEL_W + (t - view[0]) * k;
      el("line", { x1: x, x2: x, y1: AXIS_H, y2: lanesBottom, stroke: "#eceef2" }, frag);
      el("line", { x1: x, x2: x, y1: AXIS_H - 5, y2: AXIS_H, stroke: "#6b7280" }, axis);
      const label = text(x, 16, secs(t, step), "tick", axis);
      label.setAttribute("text-anchor", x < LABEL_W + 30 ? "start" : x > LABEL_W + plotW - 30 ? "end" : "middle");
    }
    gridLayer.replaceChildren(frag);
    axisLayer.replaceChildren(axis);

    // Faults: a labelled chip in the fault track, shaded bands over the lanes they target.
    frag = document.createDocumentFragment();
    faults.forEach((f) => {
      if (!visible(f.start, f.end)) return;
      const x0 = xOf(f.start),
        x1 = Math.max(xOf(f.end), x0 + 2);
      const fill = f.expectLeader ? "rgba(59,130,246,0.16)" : "url(#hatch-fault)";
      const ty = faultTop + f.row * FAULT_ROW_H;
      el(
        "rect",
        {
          class: "fault",
          "data-id": f.id,
          x: x0,
          y: ty,
          width: x1 - x0,
          height: FAULT_ROW_H - 3,
          rx: 3,
          fill: f.expectLeader ? "#dbeafe" : "#fed7aa",
          stroke: f.expectLeader ? "#60a5fa" : "#fb923c",
        },
        frag,
      );
      const label = `${f.fault} ${f.id}${f.targets.length ? ` \u2192 ${f.targets.join(", ")}` : ""}`;
      const lx = Math.max(x0, LABEL_W) + 4;
      if (x1 - lx > label.length * 5.6 + 4) text(lx, ty + 11, label, "fault-label", frag);
      else if (x1 - lx > f.id.length * 5.6 + 4) text(lx, ty + 11, f.id, "fault-label", frag);
      f.laneRuns.forEach((r) => {
        el("rect", { class: "fault-band", "data-id": f.id, x: x0, y: yOf(r[0]), width: x1 - x0, height: yOf(r[1]) + LANE_H - yOf(r[0]), fill }, frag);
      });
    });
    faultLayer.replaceChildren(frag);

    // Segments: down periods, ZooKeeper roles, leadership bars.
    frag = document.createDocumentFragment();
    const groups = model.groups.length;
    model.lanes.forEach((lane, i) => {
      const ly = yOf(i);
      byLane[i]?.segments.forEach((s) => {
        if (!visible(s.start, s.end)) return;
        const x0 = xOf(s.start),
          x1 = xOf(s.end),
          w = Math.max(x1 - x0, 1.5);
        if (s.kind === "down") {
          el("rect", { class: "cdown", "data-lane": lane.id, x: x0, y: ly + 3, width: w, height: LANE_H - 6, fill: "url(#hatch-down)" }, frag);
        } else if (s.kind === "unknown") {
          el("rect", { class: "cunknown", "data-lane": lane.id, x: x0, y: ly + LANE_H - 7, width: w, height: 4, fill: "url(#hatch-unknown)" }, frag);
        } else if (s.kind === "unseen") {
          // Drawn over the leadership bar it belongs to: leading there is possible, not seen.
          const h = (LANE_H - 10) / groups,
            by = ly + 5 + (groupIndex[s.label] ?? 0) * h;
          el("rect", { class: "unseen", "data-lane": lane.id, "data-start": s.start, "data-end": s.end, x: x0, y: by, width: w, height: h - 1, fill: "url(#hatch-unseen)", stroke: "#2563eb", "stroke-dasharray": "3 2" }, frag);
        } else if (s.kind === "role") {
          el("rect", { class: "role", "data-lane": lane.id, "data-role": s.label, x: x0, y: ly + 8, width: w, height: LANE_H - 16, fill: ROLE[s.label] ?? "#c4b5fd" }, frag);
          const rl = s.label + (s.epoch !== undefined ? ` e${s.epoch}` : "");
          if (w > rl.length * 5.6 + 8) text(Math.max(x0, LABEL_W) + 4, ly + LANE_H / 2 + 3.5, rl, s.label !== "leading" ? "in-role" : "in-bar", frag);
        } else {
          const h = (LANE_H - 10) / groups,
            by = ly + 5 + (groupIndex[s.label] ?? 0) * h;
          el(
            "rect",
            {
              class: "bar leader",
              "data-lane": lane.id,
              "data-start": s.start,
              "data-end": s.end,
              "data-token": s.token === undefined ? "" : s.token,
              x: x0,
              y: by,
              width: w,
              height: h - 1,
              rx: 2,
              fill: "#2563eb",
            },
            frag,
          );
          const bl = s.token === undefined ? (groups > 1 ? s.label : "") : s.token;
          if (bl && w > bl.length * 6 + 10 && h >= 12) text(Math.max(x0, LABEL_W) + 5, by + h / 2 + 3, bl, "in-bar", frag);
        }
      });
    });
    segLayer.replaceChildren(frag);

    // Marks: one per pixel column, lane, kind and state (a burst of reconnects is one tick).
    frag = document.createDocumentFragment();
    model.lanes.forEach((lane, i) => {
      const ly = yOf(i);
      const seen = Object.create(null) as Record<string, boolean>;
      byLane[i]?.marks.forEach((m) => {
        if (m.t < view[0] || m.t > view[1]) return;
        const x = Math.round(xOf(m.t) * 2) / 2,
          key = m.kind + m.label + x;
        if (seen[key]) return;
        seen[key] = true;
        if (m.kind === "conn") {
          el("rect", { class: "mark conn", "data-lane": lane.id, "data-state": m.label, x: x - 1, y: ly + LANE_H - 9, width: 2, height: 7, fill: CONN[m.label] ?? "#64748b" }, frag);
        } else if (m.kind === "write") {
          // A write: a dark square on the lane when accepted, a red outlined white one when refused.
          const refused = m.label === "refused";
          el("rect", { class: `mark write ${m.label}`, "data-lane": lane.id, x: x - 3, y: ly + 1, width: 6, height: 6, fill: refused ? "#ffffff" : "#0f172a", stroke: refused ? "#dc2626" : "#ffffff", "stroke-width": refused ? 2 : 1 }, frag);
        } else {
          el("rect", { class: `mark ${m.kind}`, "data-lane": lane.id, x: x - 1, y: ly + 2, width: 2, height: LANE_H - 4, fill: m.kind === "down" ? "#374151" : "#16a34a" }, frag);
        }
      });
    });
    markLayer.replaceChildren(frag);

    // Violations: a red outline over their window on the lanes they concern.
    frag = document.createDocumentFragment();
    violations.forEach((v, vi) => {
      if (!visible(v.start, v.end)) return;
      let x0 = xOf(v.start),
        x1 = xOf(v.end);
      if (x1 - x0 < 4) {
        const c = (x0 + x1) / 2;
        x0 = c - 2;
        x1 = c + 2;
      }
      const laneName = (i: number): string => model.lanes[i]?.id ?? "";
      v.laneRuns.forEach((r) => {
        el(
          "rect",
          {
            class: v.severity,
            "data-i": vi,
            "data-checker": v.checker,
            "data-start": v.start,
            "data-end": v.end,
            "data-lanes": r[0] === r[1] ? laneName(r[0]) : `${laneName(r[0])}..${laneName(r[1])}`,
            x: x0,
            y: yOf(r[0]) + 1,
            width: x1 - x0,
            height: yOf(r[1]) + LANE_H - yOf(r[0]) - 2,
            rx: 2,
            fill: v.severity === "violation" ? "rgba(220,38,38,0.10)" : "rgba(217,119,6,0.08)",
            stroke: v.severity === "violation" ? "#dc2626" : "#d97706",
            "stroke-width": 2,
            "stroke-dasharray": v.severity === "violation" ? "none" : "5 3",
          },
          frag,
        );
      });
    });
    violLayer.replaceChildren(frag);
  }

  function schedule(): void {
    if (!pending) {
      pending = true;
      requestAnimationFrame(render);
    }
  }
  function setView(a: number, b: number): void {
    const span = Math.min(Math.max(b - a, MIN_SPAN), full[1] - full[0]);
    if (a < full[0]) a = full[0];
    if (a + span > full[1]) a = full[1] - span;
    view = [a, a + span];
    schedule();
  }

  svg.addEventListener(
    "wheel",
    (e) => {
      e.preventDefault();
      const dy = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * 400 : e.deltaY;
      const f = Math.exp(Math.max(-400, Math.min(400, dy)) * 0.0015);
      const at = Math.max(view[0], Math.min(view[1], tOf(e.clientX)));
      const span = Math.min(Math.max((view[1] - view[0]) * f, MIN_SPAN), full[1] - full[0]);
      const ratio = (at - view[0]) / (view[1] - view[0]);
      setView(at - ratio * span, at - ratio * span + span);
    },
    { passive: false },
  );

  let drag: { x: number; view: [number, number] } | null = null;
  svg.addEventListener("pointerdown", (e) => {
    if (e.button !== 0) return;
    drag = { x: e.clientX, view: [view[0], view[1]] };
    svg.setPointerCapture(e.pointerId);
    svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", (e) => {
    if (drag) {
      const dt = (e.clientX - drag.x) / scale();
      setView(drag.view[0] - dt, drag.view[1] - dt);
      tip.hidden = true;
      return;
    }
    hover(e);
  });
  function endDrag(): void {
    drag = null;
    svg.classList.remove("dragging");
  }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  svg.addEventListener("pointerleave", () => {
    if (!drag) tip.hidden = true;
  });
  byId<HTMLButtonElement>("reset").addEventListener("click", () => setView(full[0], full[1]));
  window.addEventListener("resize", () => {
    layoutStatic();
    schedule();
  });
  document.querySelectorAll<HTMLLIElement>("#violation-list li").forEach((li) => {
    function zoom(): void {
      const v = violations[Number(li.getAttribute("data-i"))];
      if (v === undefined) return;
      const pad = Math.max((v.end - v.start) * 0.6, 500);
      setView(v.start - pad, v.end + pad);
      wrap.scrollIntoView({ block: "nearest" });
    }
    li.addEventListener("click", zoom);
    li.addEventListener("keydown", (e) => {
      if (e.key === "Enter") zoom();
    });
  });

  const AGGREGATED: Record<Segment["kind"], string> = { leader: "leaderships", role: "role periods", down: "down periods", unknown: "stretches without an answer", unseen: "unseen parts of leaderships" };

  // Hover: everything under the pointer on its lane (marks within 4 px), as plain text.
  function hover(e: PointerEvent): void {
    const r = svg.getBoundingClientRect(),
      px = e.clientX - r.left,
      py = e.clientY - r.top;
    if (px < LABEL_W || px > LABEL_W + plotW) {
      tip.hidden = true;
      return;
    }
    const t = tOf(e.clientX),
      slack = 4 / scale(),
      lines: string[] = [];
    let lane = -1;
    model.lanes.forEach((_, i) => {
      if (py >= yOf(i) && py < yOf(i) + LANE_H) lane = i;
    });
    if (lane < 0 && py >= faultTop && py < faultTop + faultRows * FAULT_ROW_H) {
      const row = Math.floor((py - faultTop) / FAULT_ROW_H);
      faults.forEach((f) => {
        if (f.row === row && t >= f.start - slack && t <= f.end + slack) lines.push(describeFault(f));
      });
    }
    if (lane >= 0) {
      const id = model.lanes[lane]?.id ?? "";
      lines.push(`${id}  ${fmt(t)}`);
      violations.forEach((v) => {
        if (v.laneSet[lane] && t >= v.start - slack && t <= v.end + slack) lines.push(`${v.severity === "violation" ? "VIOLATION " : "warning "}${v.checker}: ${v.message}`);
      });
      const items = byLane[lane] ?? { segments: [], marks: [] };
      items.marks.forEach((m) => {
        if (Math.abs(m.t - t) <= slack) lines.push(`${m.kind}${m.label ? ` ${m.label}` : ""}${m.detail ? ` (${m.detail})` : ""} at ${fmt(m.t)}${(m.count ?? 1) > 1 ? ` (and ${(m.count ?? 1) - 1} more in this column)` : ""}`);
      });
      items.segments.forEach((s) => {
        if (t < s.start || t >= s.end) return;
        const span = `${fmt(s.start)} \u2192 ${fmt(s.end)} (${dur(s.end - s.start)})`;
        if ((s.count ?? 1) > 1) lines.push(`${s.count} ${AGGREGATED[s.kind]} drawn as one (aggregated: gaps shorter than a column hidden)`);
        if (s.kind === "leader") {
          lines.push(`leader of group ${s.label}  ${span}`);
          lines.push(`  token ${s.token === undefined ? "(none)" : s.token}, ended by ${s.endedBy}`);
        } else if (s.kind === "unknown") {
          lines.push(`no answer from this observer (unknown: leadership neither starts nor ends)  ${span}`);
        } else if (s.kind === "unseen") {
          lines.push(`not seen leading here (possible): after the observer's last "leader" answer, before its next definite answer  ${span}`);
        } else if (s.kind === "role") {
          lines.push(`ZooKeeper ${s.label}${s.epoch !== undefined ? ` (epoch ${s.epoch})` : ""}  ${span}`);
        } else {
          lines.push(`process down${s.label ? ` (${s.label})` : ""}  ${span}`);
        }
      });
      faults.forEach((f) => {
        if (t >= f.start && t < f.end && f.laneRuns.some((run) => lane >= run[0] && lane <= run[1])) lines.push(describeFault(f));
      });
      if (lines.length === 1) {
        tip.hidden = true;
        return;
      }
    }
    if (lines.length === 0) {
      tip.hidden = true;
      return;
    }
    tip.textContent = lines.join("\n");
    tip.hidden = false;
    const wr = wrap.getBoundingClientRect();
    let left = e.clientX - wr.left + 14,
      topPx = e.clientY - wr.top + 14;
    if (left + tip.offsetWidth > wr.width - 4) left = Math.max(4, e.clientX - wr.left - tip.offsetWidth - 14);
    if (topPx + tip.offsetHeight > wr.height - 4) topPx = Math.max(4, e.clientY - wr.top - tip.offsetHeight - 14);
    tip.style.left = `${left}px`;
    tip.style.top = `${topPx}px`;
  }
  function describeFault(f: DrawnFault): string {
    const what = (f.count ?? 1) > 1 ? `${f.count} faults (aggregated) ` : "fault ";
    return (
      `${what}${f.fault} ${f.id} on ${f.targets.length ? f.targets.join(", ") : "(no targets)"}\n  ` +
      `${fmt(f.start)} \u2192 ${f.healed ? fmt(f.end) : "never healed"} (${dur(f.end - f.start)}), expectLeader ${f.expectLeader}`
    );
  }

  layoutStatic();
  render();
  document.body.setAttribute("data-ready", "true");
}
