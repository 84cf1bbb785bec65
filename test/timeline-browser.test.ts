import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkHistory } from "../src/checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../src/checkers/types.js";
import type { LivenessViolation } from "../src/checkers/liveness.js";
import type { OverlapViolation } from "../src/checkers/overlap.js";
import { readTimelineModel, writeTimeline } from "../src/report/timeline-file.js";
import { renderTimelineHtml } from "../src/report/timeline-html.js";
import { reduceTimelineModel } from "../src/report/timeline-reduce.js";
import type { TimelineModel } from "../src/report/timeline-model.js";
import { FIXTURE_DIR } from "./support/fixtures.js";

// timeline.html in a real browser: Debian's Chromium driven by playwright-core (no browser
// download). Without Chromium the tests skip with a reason; under CI=true they fail.
const CHROMIUM = process.env["SPLITBRAIN_CHROMIUM"] ?? "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];
const OUT = join(import.meta.dirname, "..", "test-output");
const haveChromium = existsSync(CHROMIUM);
const reason = `the timeline browser tests need Chromium at ${CHROMIUM} (apt-get install -y chromium, or set SPLITBRAIN_CHROMIUM)`;
if (!haveChromium && process.env["CI"] !== "true") console.warn(`SKIPPING timeline browser tests: ${reason}`);

/** The few browser globals the in-page code uses (the test tsconfig has no DOM lib). */
interface InPage {
  requestAnimationFrame(callback: () => void): number;
  document: { getElementById(id: string): InPageElement | null };
  WheelEvent: new (type: string, init: Record<string, unknown>) => object;
}
interface InPageElement {
  click(): void;
  dispatchEvent(event: object): boolean;
  getBoundingClientRect(): { left: number; top: number; width: number };
}

it.runIf(!haveChromium && process.env["CI"] === "true")("Chromium is installed (required under CI=true)", () => {
  throw new Error(`${reason}; CI=true: these tests must run`);
});

describe.runIf(haveChromium)("timeline.html in Chromium", () => {
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), "sb-timeline-"));

  beforeAll(async () => {
    mkdirSync(OUT, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });

  /** Opens a page with every non-file request blocked and recorded (the page must need none). */
  async function open(file: string): Promise<{ page: Page; external: string[]; loadMs: number }> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 800 } });
    const external: string[] = [];
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:")) return route.continue();
      external.push(url);
      return route.abort();
    });
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    const started = performance.now();
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("body[data-ready=true]");
    const loadMs = performance.now() - started;
    expect(errors).toEqual([]);
    return { page, external, loadMs };
  }

  async function view(page: Page): Promise<{ start: number; end: number; left: number; width: number }> {
    return page.$eval("#chart", (svg) => ({
      start: Number(svg.getAttribute("data-view-start")),
      end: Number(svg.getAttribute("data-view-end")),
      left: Number(svg.getAttribute("data-plot-left")),
      width: Number(svg.getAttribute("data-plot-width")),
    }));
  }

  /** Waits until the page has drawn (two animation frames). */
  async function frames(page: Page): Promise<void> {
    await page.evaluate(() => {
      const w = globalThis as unknown as InPage;
      return new Promise<void>((r) => w.requestAnimationFrame(() => w.requestAnimationFrame(() => r())));
    });
  }

  async function attrs(page: Page, selector: string, names: string[]): Promise<Record<string, string | null>[]> {
    return page.$$eval(selector, (els, ns) => els.map((e) => Object.fromEntries(ns.map((n) => [n, e.getAttribute(n)]))), names);
  }

  it("draws a failing fixture: lanes, bars, the overlap outlined over its window, the legend", async () => {
    const history = join(FIXTURE_DIR, "overlap-500ms-fail.jsonl");
    const check = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
    expect(check.valid).toBe(false);
    const file = join(dir, "fail", "timeline.html");
    await writeTimeline(history, file, check);
    const { page, external } = await open(file);

    expect(await page.title()).toContain("FAIL");
    expect(await page.title()).toContain("fx-overlap-500ms-fail");
    const header = await page.textContent("header");
    expect(header).toContain("seed 1");
    expect(header).toContain(check.checkers["overlap"]?.summary);
    expect(header).toContain(check.checkers["liveness"]?.summary);

    const lanes = await attrs(page, "g.lane", ["data-lane"]);
    expect(lanes.map((l) => l["data-lane"])).toEqual(["c1", "c2"]);
    const bars = await attrs(page, "rect.bar.leader", ["data-lane", "data-start", "data-end"]);
    expect(bars).toEqual([
      { "data-lane": "c1", "data-start": "1000", "data-end": "5000" },
      { "data-lane": "c2", "data-start": "4500", "data-end": "9000" },
    ]);
    const outlines = await page.$$("rect.violation[data-checker=overlap]");
    expect(outlines.length).toBe(1); // c1 and c2 are adjacent lanes: one outline over both
    const o = await outlines[0]!.evaluate((e) => ({
      start: e.getAttribute("data-start"),
      end: e.getAttribute("data-end"),
      lanes: e.getAttribute("data-lanes"),
      x: Number(e.getAttribute("x")),
      w: Number(e.getAttribute("width")),
    }));
    expect(o).toMatchObject({ start: "4500", end: "5000", lanes: "c1..c2" });
    const v = await view(page);
    const xOf = (t: number): number => v.left + ((t - v.start) / (v.end - v.start)) * v.width;
    expect(o.x).toBeCloseTo(xOf(4500), 1);
    expect(o.x + o.w).toBeCloseTo(xOf(5000), 1);
    expect(await page.isVisible("#legend")).toBe(true);
    expect(await page.textContent("#legend")).toContain("violation");
    expect(await page.$$("rect.fault[data-id=f1]")).toHaveLength(1);
    expect(await page.textContent("#violation-list")).toContain("c1 and c2");

    await page.screenshot({ path: join(OUT, "timeline-fail.png"), fullPage: true });

    // The overlap's hover names it.
    const ob = (await outlines[0]!.boundingBox())!;
    await page.mouse.move(ob.x + ob.width / 2, ob.y + 10);
    expect(await page.textContent("#tip")).toContain("VIOLATION overlap");
    await page.screenshot({ path: join(OUT, "timeline-fail-hover.png"), fullPage: true });
    expect(external).toEqual([]);
    await page.close();
  });

  it("stays responsive for a one-hour history (5 candidates, 5 servers, faults, ~5000 events)", async () => {
    const history = join(dir, "1h", "history.jsonl");
    mkdirSync(join(dir, "1h"), { recursive: true });
    const lines = oneHourHistory();
    writeFileSync(history, `${lines.join("\n")}\n`);
    const check = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
    expect(check.valid).toBe(false);
    expect(check.checkers["overlap"]?.violationCount).toBeGreaterThan(0);
    expect(check.checkers["liveness"]?.violationCount).toBeGreaterThan(0);
    const file = join(dir, "1h", "timeline.html");
    const t0 = performance.now();
    const model: TimelineModel = await writeTimeline(history, file, check);
    const writeMs = performance.now() - t0;
    const { page, external, loadMs } = await open(file);

    const lanes = (await attrs(page, "g.lane", ["data-lane"])).map((l) => l["data-lane"]);
    expect(lanes).toEqual(["c1", "c2", "c3", "c4", "c5", "zk1", "zk2", "zk3", "zk4", "zk5"]);
    const leaderSegments = model.segments.filter((s) => s.kind === "leader").length;
    expect(await page.$$eval("rect.bar.leader", (els) => els.length)).toBe(leaderSegments);
    expect(await page.$$eval("rect.role", (els) => els.length)).toBeGreaterThan(50);
    const overlap = check.checkers["overlap"]!.violations[0] as OverlapViolation;
    const liveness = check.checkers["liveness"]!.violations[0] as LivenessViolation;
    const drawn = await attrs(page, "rect.violation", ["data-checker", "data-start", "data-end", "data-lanes"]);
    expect(drawn).toContainEqual(expect.objectContaining({ "data-checker": "overlap", "data-start": String(overlap.window.start), "data-end": String(overlap.window.end) }));
    expect(drawn).toContainEqual({ "data-checker": "liveness", "data-start": String(liveness.window.start), "data-end": String(liveness.window.end), "data-lanes": "c1..c5" });
    await page.screenshot({ path: join(OUT, "timeline-1h.png"), fullPage: true });

    // Wheel zoom around the cursor, timed per wheel step until drawn.
    const before = await view(page);
    const box = (await page.$("#chart"))!;
    const chartBox = (await box.boundingBox())!;
    const atX = chartBox.x + before.left + before.width * 0.4;
    const atT = before.start + (before.end - before.start) * 0.4;
    await page.mouse.move(atX, chartBox.y + 120);
    const zoomMs: number[] = [];
    for (let i = 0; i < 8; i++) {
      const s = performance.now();
      await page.mouse.wheel(0, -240);
      await frames(page);
      zoomMs.push(performance.now() - s);
    }
    const zoomed = await view(page);
    expect(zoomed.end - zoomed.start).toBeLessThan((before.end - before.start) / 4);
    expect(zoomed.start).toBeLessThan(atT);
    expect(zoomed.end).toBeGreaterThan(atT);
    const anchor = zoomed.start + ((atX - chartBox.x - zoomed.left) / zoomed.width) * (zoomed.end - zoomed.start);
    expect(Math.abs(anchor - atT)).toBeLessThan((zoomed.end - zoomed.start) * 0.01);

    // Drag to pan, then reset.
    await page.mouse.down();
    await page.mouse.move(atX - 300, chartBox.y + 120, { steps: 5 });
    await page.mouse.up();
    await frames(page);
    const panned = await view(page);
    expect(panned.start).toBeGreaterThan(zoomed.start);
    expect(panned.end - panned.start).toBeCloseTo(zoomed.end - zoomed.start, 3);

    // Hovering a leadership bar shows its token.
    const bar = await page.$("rect.bar.leader");
    const bb = (await bar!.boundingBox())!;
    await page.mouse.move(bb.x + bb.width / 2, bb.y + bb.height / 2);
    const token = (await bar!.getAttribute("data-token"))!;
    expect(token).not.toBe("");
    expect(await page.textContent("#tip")).toContain(`token ${token}`);
    await page.screenshot({ path: join(OUT, "timeline-1h-zoomed.png"), fullPage: true });

    await page.click("#reset");
    await frames(page);
    expect(await view(page)).toMatchObject({ start: 0, end: model.endT });

    // Zoom to the overlap from the violation list.
    await page.click("#violation-list li.violation");
    await frames(page);
    const atViolation = await view(page);
    expect(atViolation.start).toBeLessThanOrEqual(overlap.window.start);
    expect(atViolation.end).toBeGreaterThanOrEqual(overlap.window.end);
    await page.screenshot({ path: join(OUT, "timeline-1h-violation.png"), fullPage: true });

    const fullRenderMs = await page.evaluate(async () => {
      const w = globalThis as unknown as InPage;
      const s = performance.now();
      w.document.getElementById("reset")!.click();
      await new Promise<void>((r) => w.requestAnimationFrame(() => r()));
      return performance.now() - s;
    });
    // In-page: synthetic wheel events at the plot's centre, each until its frame is drawn.
    const inPageZoomMs = await page.evaluate(async () => {
      const w = globalThis as unknown as InPage;
      const svg = w.document.getElementById("chart")!;
      const r = svg.getBoundingClientRect();
      const times: number[] = [];
      for (let i = 0; i < 10; i++) {
        const s = performance.now();
        svg.dispatchEvent(new w.WheelEvent("wheel", { deltaY: i < 5 ? -200 : 200, clientX: r.left + r.width / 2, clientY: r.top + 100, bubbles: true, cancelable: true }));
        await new Promise<void>((done) => w.requestAnimationFrame(() => done()));
        times.push(performance.now() - s);
      }
      return times.reduce((a, b) => a + b, 0) / times.length;
    });
    const elements = await page.$$eval("#chart *", (els) => els.length);
    const bytes = (await page.content()).length;
    console.log(
      `[timeline 1h] ${lines.length - 1} events, ${model.segments.length} segments, ${model.marks.length} marks, ${model.faults.length} faults, ` +
        `${model.violations.length} violations; html ${(bytes / 1024).toFixed(0)} KiB, ${elements} SVG elements at full view; ` +
        `model+write ${writeMs.toFixed(0)} ms, load ${loadMs.toFixed(0)} ms, full re-render ${fullRenderMs.toFixed(1)} ms, ` +
        `in-page wheel to drawn frame ${inPageZoomMs.toFixed(1)} ms avg, ` +
        `Playwright wheel step to drawn frame ${zoomMs.map((m) => m.toFixed(0)).join("/")} ms`,
    );
    expect(external).toEqual([]);
    await page.close();
  });

  it("an aggregated page (a history too large to draw item by item) says so and draws its aggregates", async () => {
    const history = join(dir, "1h-reduced", "history.jsonl");
    mkdirSync(join(dir, "1h-reduced"), { recursive: true });
    writeFileSync(history, `${oneHourHistory().join("\n")}\n`);
    const check = await checkHistory(history, DEFAULT_CHECK_OPTIONS);
    const full = await readTimelineModel(history, check);
    // The one-hour history under a tiny budget stands in for a 10M-event one under the real budget.
    const reduced = reduceTimelineModel({ ...full, reduced: undefined }, { maxItems: 400, maxViolations: 1 });
    expect(reduced.reduced).toBeDefined();
    const file = join(dir, "1h-reduced", "timeline.html");
    writeFileSync(file, renderTimelineHtml(reduced));
    const { page } = await open(file);
    expect(await page.textContent("#reduced")).toContain("This history is too large to draw item by item");
    expect(await page.textContent("#reduced")).toContain("Only the first 1 of 2 violations");
    expect(await page.$$eval("rect.bar.leader", (els) => els.length)).toBe(reduced.segments.filter((s) => s.kind === "leader").length);
    const merged = reduced.segments.find((s) => s.kind === "leader" && (s.count ?? 1) > 1);
    expect(merged).toBeDefined();
    const bar = (await page.$(`rect.bar.leader[data-start="${merged!.start}"]`))!;
    const bb = (await bar.boundingBox())!;
    await page.mouse.move(bb.x + Math.min(bb.width / 2, 3), bb.y + bb.height / 2);
    expect(await page.textContent("#tip")).toContain(`${merged!.count} leaderships drawn as one`);
    await page.screenshot({ path: join(OUT, "timeline-1h-aggregated.png"), fullPage: true });
    await page.close();
  });
});

/**
 * A deterministic one-hour history: 5 candidates, 5 ZooKeeper servers, a fault every one to two
 * minutes (partition of the leader, candidate kill, ZooKeeper leader kill, pause, total loss),
 * session flaps and log lines; one deliberate split brain and one slow recovery.
 */
function oneHourHistory(): string[] {
  let seed = 20260101;
  const rand = (): number => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 2 ** 32;
  };
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const events: { t: number; node: string; type: string; [k: string]: unknown }[] = [];
  const ev = (t: number, node: string, type: string, extra: Record<string, unknown> = {}): void => {
    events.push({ t: Math.round(t * 10) / 10, node, type, ...extra });
  };
  const HOUR = 3_600_000;
  const cands = ["c1", "c2", "c3", "c4", "c5"];
  const servers = ["zk1", "zk2", "zk3", "zk4", "zk5"];
  let epoch = 1;
  let zkLeader = "zk3";
  let term = 0x100000000;
  let leader = "c1";
  const token = (): string => `0x${(term++).toString(16)}`;
  const elect = (t: number, except: string[] = []): void => {
    leader = pick(cands.filter((c) => !except.includes(c)));
    ev(t, leader, "leader", { token: token() });
  };
  const zkElect = (t: number, alive: string[]): void => {
    epoch += 1;
    zkLeader = pick(alive);
    for (const s of alive) ev(t + rand() * 50, s, "zk-role", { role: s === zkLeader ? "leading" : "following", epoch });
  };

  servers.forEach((s, i) => ev(100 + i * 40, s, "zk-role", { role: "looking" }));
  servers.forEach((s, i) => ev(900 + i * 10, s, "zk-role", { role: s === zkLeader ? "leading" : "following", epoch }));
  cands.forEach((c, i) => {
    ev(50 + i * 20, c, "up");
    ev(1200 + i * 30, c, "conn", { state: "connected" });
  });
  ev(1500, leader, "leader", { token: token() });
  cands.filter((c) => c !== leader).forEach((c, i) => ev(1520 + i * 5, c, "follower"));

  let t = 30_000;
  let n = 0;
  while (t < HOUR - 150_000) {
    n += 1;
    const id = `f${n}`;
    const len = 10_000 + rand() * 30_000;
    const heal = t + len;
    const kind = n === 6 ? "partition" : n === 12 ? "zk-total-loss" : pick(["partition", "kill", "zk-leader-kill", "pause", "zk-total-loss"] as const);
    if (kind === "partition") {
      const old = leader;
      ev(t, "nemesis", "fault", { id, fault: "partition", targets: [old], expectLeader: true });
      ev(t + 1500, old, "conn", { state: "suspended" });
      ev(t + 6000, old, "conn", { state: "lost" });
      ev(n === 6 ? t + 9000 : t + 6000, old, "follower"); // n = 6: the old leader hangs on: split brain
      elect(t + 6500, [old]);
      ev(heal, "nemesis", "heal", { id });
      ev(heal + 300, old, "conn", { state: "expired" });
      ev(heal + 900, old, "conn", { state: "connected" });
    } else if (kind === "kill") {
      const victim = pick(cands);
      ev(t, "nemesis", "fault", { id, fault: "kill", targets: [victim], expectLeader: true });
      ev(t + 50, victim, "down", { reason: "killed" });
      if (victim === leader) elect(t + 6200, [victim]);
      ev(heal, "nemesis", "heal", { id });
      ev(heal + 400, victim, "up");
      ev(heal + 1400, victim, "conn", { state: "connected" });
      ev(heal + 1600, victim, "follower");
    } else if (kind === "zk-leader-kill") {
      const dead = zkLeader;
      ev(t, "nemesis", "fault", { id, fault: "kill", targets: [dead], expectLeader: true });
      ev(t + 200, dead, "zk-role", { role: "down" });
      const alive = servers.filter((s) => s !== dead);
      for (const s of alive) ev(t + 300 + rand() * 100, s, "zk-role", { role: "looking" });
      zkElect(t + 1800, alive);
      for (const c of cands) {
        ev(t + 400 + rand() * 200, c, "conn", { state: "suspended" });
        ev(t + 2000 + rand() * 500, c, "conn", { state: "connected" });
      }
      ev(heal, "nemesis", "heal", { id });
      ev(heal + 200, dead, "zk-role", { role: "looking" });
      ev(heal + 1500, dead, "zk-role", { role: "following", epoch });
    } else if (kind === "pause") {
      const victim = pick(cands.filter((c) => c !== leader));
      ev(t, "nemesis", "fault", { id, fault: "pause", targets: [victim], expectLeader: true });
      ev(t + 2000, victim, "conn", { state: "suspended" });
      ev(heal, "nemesis", "heal", { id });
      ev(heal + 500, victim, "conn", { state: "connected" });
    } else {
      ev(t, "nemesis", "fault", { id, fault: "zk-total-loss", targets: servers, expectLeader: false });
      for (const s of servers) ev(t + 100 + rand() * 100, s, "zk-role", { role: "down" });
      for (const c of cands) ev(t + 300 + rand() * 100, c, "conn", { state: "suspended" });
      for (const c of cands) ev(t + 6000 + rand() * 100, c, "conn", { state: "lost" });
      ev(t + 6000, leader, "follower");
      ev(heal, "nemesis", "heal", { id });
      for (const s of servers) ev(heal + 500 + rand() * 300, s, "zk-role", { role: "looking" });
      zkElect(heal + 3000, servers);
      for (const c of cands) ev(heal + 3500 + rand() * 100, c, "conn", { state: "expired" });
      for (const c of cands) ev(heal + 4000 + rand() * 100, c, "conn", { state: "connected" });
      elect(n === 12 ? heal + 45_000 : heal + 5000); // n = 12: 45 s without a leader after the heal
    }
    t = heal + 45_000 + rand() * 60_000;
  }
  // Background: session flaps and log lines.
  for (let s = 5000; s < HOUR; s += 3000) {
    const c = pick(cands);
    ev(s + rand() * 1000, c, "conn", { state: "suspended" });
    ev(s + 1100 + rand() * 300, c, "conn", { state: "connected" });
  }
  for (let s = 2000; s < HOUR; s += 2000) ev(s, "splitbrain", "log", { msg: `tick ${s / 1000}` });
  ev(HOUR, "splitbrain", "log", { msg: "end of run" });
  events.sort((a, b) => a.t - b.t);
  const meta = { type: "meta", v: 1, run: "gen-1h-20260101", scenario: "generated-one-hour", seed: 20260101, startedAt: "2026-01-01T00:00:00.000Z" };
  return [JSON.stringify(meta), ...events.map((e) => JSON.stringify(e))];
}
