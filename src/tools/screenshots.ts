/**
 * `npm run screenshots`: the README's pictures, made from a real recorded run so they can be made
 * again whenever the views change. The run is fixtures/histories/seeds/false-death-partition-
 * leader-latch-ignore-disconnect (a `latch --bug ignore-disconnect` under `partition-leader`, time
 * scale 0.5, recorded on the 2-core machine): its timeline.html as Chromium draws it, and the live
 * view as it looked in the middle of the split brain, fed the run's own history up to that moment.
 * Needs Chromium (`bash scripts/setup.sh --tests`, or SPLITBRAIN_CHROMIUM).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

// The live view's colours come from chalk, which looks at FORCE_COLOR when it is loaded.
process.env["FORCE_COLOR"] = "3";

const ROOT = resolve(import.meta.dirname, "..", "..");
const RUN = join(ROOT, "fixtures", "histories", "seeds", "false-death-partition-leader-latch-ignore-disconnect");
const OUT = join(ROOT, "docs", "img");
const CHROMIUM = process.env["SPLITBRAIN_CHROMIUM"] ?? "/usr/bin/chromium";

interface Violation {
  window?: { start: number; end: number };
  faults?: Array<{ start: number; end: number }>;
}

async function main(): Promise<void> {
  const { regenerateReports } = await import("../report/regenerate.js");
  const { readVerdictFile } = await import("../files/verdict-file.js");
  const { readHistory } = await import("../history/reader.js");
  const { initialState, reduce } = await import("../ui/live/state.js");
  const { LiveView } = await import("../ui/live/view.js");
  const { ansiToHtml } = await import("./ansi-html.js");
  const React = (await import("react")).default;
  const { render } = await import("ink-testing-library");
  const { chromium } = await import("playwright-core");

  const work = mkdtempSync(join(tmpdir(), "sb-screenshots-"));
  try {
    const dir = join(work, "run");
    cpSync(RUN, dir, { recursive: true });
    await regenerateReports(dir, {});
    const verdict = readVerdictFile(dir);
    const overlap = verdict.checkers["overlap"]?.violations[0] as Violation | undefined;
    if (overlap?.window === undefined) throw new Error(`${RUN}: the recorded run no longer shows a split brain; pick another run`);
    // A moment inside the overlap while the fault still holds (or just after it started).
    const fault = overlap.faults?.[0];
    const at = Math.min(overlap.window.start + 4000, fault !== undefined ? Math.max(overlap.window.start + 500, fault.end - 500) : overlap.window.end);

    const run = JSON.parse(readFileSync(join(dir, "run.json"), "utf8")) as {
      scenario: string;
      seed: number;
      scenarioSpec: { summary: string };
      candidate?: { label?: string };
      config: { candidates: { count: number; choice: { label: string } }; ensemble: { size: number } };
      schedule: { actions: Array<{ at: number; do: string }> } & Record<string, unknown>;
    };
    const servers = Array.from({ length: run.config.ensemble.size }, (_, i) => `zk${i + 1}`);
    const candidates = Array.from({ length: run.config.candidates.count }, (_, i) => `c${i + 1}`);
    let state = reduce(initialState(), {
      type: "scenarioStarted",
      info: { scenario: run.scenario, summary: run.scenarioSpec.summary, index: 0, total: 1, seed: run.seed, candidate: run.config.candidates.choice.label },
      at: 0,
    });
    state = reduce(state, { type: "runStarted", info: { runId: "", runDir: `runs/${run.scenario}`, servers, candidates }, now: 0 });
    const events: Array<{ t: number; type: string; msg?: string }> = [];
    await readHistory(join(dir, "history.jsonl"), (event) => {
      events.push(event as { t: number; type: string });
    });
    // The schedule started where its log line says (its actions are relative to that).
    const started = events.find((e) => e.type === "log" && e.msg?.startsWith("schedule of ") === true)?.t ?? 0;
    state = reduce(state, { type: "scheduleStarted", schedule: run.schedule as never, startT: started });
    for (const e of events) if (e.t <= at) state = reduce(state, { type: "event", event: e as never, at: e.t });
    state = reduce(state, { type: "tick", now: at });
    const view = render(React.createElement(LiveView, { state, columns: 100 }));
    // DejaVu Sans Mono has no stopwatch; a terminal font would draw one.
    const frame = (view.lastFrame() ?? "").replace(/⏱/g, "◷");
    view.unmount();
    const html = `<!doctype html><meta charset="utf-8"><style>body{margin:0;background:#1e2127}pre{margin:0;padding:16px 20px;color:#dcdfe4;font:14px/1.35 "DejaVu Sans Mono",monospace;display:inline-block}</style><pre>${ansiToHtml(frame)}</pre>`;
    const liveFile = join(work, "live.html");
    writeFileSync(liveFile, html);

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu"] });
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, deviceScaleFactor: 1 });
      await page.goto(pathToFileURL(join(dir, "timeline.html")).href);
      await page.screenshot({ path: join(OUT, "timeline-split-brain.png"), fullPage: true });
      await page.setViewportSize({ width: 1000, height: 400 });
      await page.goto(pathToFileURL(liveFile).href);
      await page.locator("pre").screenshot({ path: join(OUT, "live-view.png") });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${join(OUT, "timeline-split-brain.png")} and ${join(OUT, "live-view.png")} (live view at t=${at} ms of ${RUN})`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
