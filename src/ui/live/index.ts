import { render } from "ink";
import React, { type ReactElement } from "react";
import type { RunReporter } from "../reporter.js";
import { DEFAULT_WINDOW_MS, initialState, reduce, type LiveAction, type LiveState } from "./state.js";
import { LiveView } from "./view.js";

export { LiveView } from "./view.js";

/** What the reporter needs from ink's `render` (ink-testing-library's `render` fits too). */
export interface LiveRenderer {
  rerender(tree: ReactElement): void;
  unmount(): void;
}

export interface LiveReporterOptions {
  /** The terminal (a TTY): the view sizes itself to its columns and rows. */
  stdout: NodeJS.WriteStream;
  /** Wall clock for the "[ 12.3s]" stamps of progress lines (default Date.now). */
  clock?: () => number;
  /** At most one re-render per this many ms (default 200: 5 per second). */
  renderIntervalMs?: number;
  /** The countdown's tick (default 1000 ms). */
  tickMs?: number;
  /** How much history the timeline shows (default 60 s). */
  windowMs?: number;
  /** Mounts the view; default ink's `render` on `stdout`. For tests. */
  mount?: (tree: ReactElement) => LiveRenderer;
}

/**
 * The ink live view of a run (terminal only; src/ui/plain.ts serves pipes and CI). State is kept
 * by the pure reducer in ./state.ts; this object only feeds it, throttles re-renders, ticks the
 * clock once a second and leaves the final frame on close().
 */
export function createLiveReporter(options: LiveReporterOptions): RunReporter {
  const { stdout } = options;
  const clock = options.clock ?? Date.now;
  const interval = options.renderIntervalMs ?? 200;
  const started = clock();
  let state: LiveState = initialState(options.windowMs ?? DEFAULT_WINDOW_MS);
  let now: (() => number) | undefined;
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  let lastRender = -Infinity;

  const tree = (): ReactElement =>
    React.createElement(LiveView, { state, columns: stdout.columns ?? 80, ...(stdout.rows !== undefined ? { rows: stdout.rows } : {}) });
  const mount =
    options.mount ??
    ((t: ReactElement): LiveRenderer =>
      render(t, { stdout, exitOnCtrlC: false, patchConsole: true, maxFps: Math.max(1, Math.round(1000 / interval)) }));
  const view = mount(tree());

  const flush = (): void => {
    pending = undefined;
    if (closed) return;
    lastRender = clock();
    view.rerender(tree());
  };
  const scheduleRender = (): void => {
    if (closed || pending !== undefined) return;
    const wait = Math.max(0, lastRender + interval - clock());
    pending = setTimeout(flush, wait);
    pending.unref();
  };
  const dispatch = (action: LiveAction): void => {
    if (closed) return;
    state = reduce(state, action);
    scheduleRender();
  };
  const sinceStart = (): number => clock() - started;

  const ticker = setInterval(() => {
    if (now !== undefined) dispatch({ type: "tick", now: now() });
  }, options.tickMs ?? 1000);
  ticker.unref();
  const onResize = (): void => scheduleRender();
  stdout.on("resize", onResize);

  return {
    scenarioStarted(info) {
      now = undefined;
      dispatch({ type: "scenarioStarted", info, at: sinceStart() });
    },
    progress(message) {
      dispatch({ type: "progress", message, at: sinceStart() });
    },
    runStarted(info) {
      now = info.now;
      const { runId, runDir, servers, candidates } = info;
      dispatch({ type: "runStarted", info: { runId, runDir, servers: [...servers], candidates: [...candidates] }, now: info.now() });
    },
    event(event) {
      dispatch({ type: "event", event, at: sinceStart() });
    },
    scheduleStarted(schedule, startT) {
      dispatch({ type: "scheduleStarted", schedule, startT });
    },
    scenarioFinished(info) {
      dispatch({ type: "scenarioFinished", info, at: sinceStart() });
    },
    close() {
      if (closed) return;
      if (now !== undefined) state = reduce(state, { type: "tick", now: now() });
      state = reduce(state, { type: "closed" });
      clearInterval(ticker);
      if (pending !== undefined) clearTimeout(pending);
      pending = undefined;
      stdout.off("resize", onResize);
      view.rerender(tree());
      closed = true;
      view.unmount();
    },
  };
}
