import { render } from "ink";
import React, { type ReactElement } from "react";
import type { RunBoard } from "../board.js";
import { stamp, type LiveAction } from "./state.js";
import { initialBoard, reduceBoard, type BoardAction, type BoardState } from "./board-state.js";
import { BoardView } from "./board-view.js";
import type { LiveRenderer } from "./index.js";

export interface LiveBoardOptions {
  stdout: NodeJS.WriteStream;
  clock?: () => number;
  renderIntervalMs?: number;
  tickMs?: number;
  mount?: (tree: ReactElement) => LiveRenderer;
}

/** The ink view of several runs at once (terminal only; createPlainBoard serves pipes and CI). */
export function createLiveBoard(options: LiveBoardOptions): RunBoard {
  const { stdout } = options;
  const clock = options.clock ?? Date.now;
  const interval = options.renderIntervalMs ?? 200;
  const started = clock();
  let board: BoardState = initialBoard();
  let closed = false;
  let pending: NodeJS.Timeout | undefined;
  let lastRender = -Infinity;
  const clocks = new Map<number, () => number>();

  const tree = (): ReactElement => React.createElement(BoardView, { board });
  const mount =
    options.mount ??
    ((t: ReactElement): LiveRenderer => render(t, { stdout, exitOnCtrlC: false, patchConsole: true, maxFps: Math.max(1, Math.round(1000 / interval)) }));
  const view = mount(tree());
  const flush = (): void => {
    pending = undefined;
    if (closed) return;
    lastRender = clock();
    view.rerender(tree());
  };
  const dispatch = (action: BoardAction): void => {
    if (closed) return;
    board = reduceBoard(board, action);
    if (pending !== undefined) return;
    pending = setTimeout(flush, Math.max(0, lastRender + interval - clock()));
    pending.unref();
  };
  const at = (): number => clock() - started;
  const ticker = setInterval(() => {
    for (const [index, now] of clocks) dispatch({ type: "tick", index, now: now() });
    dispatch({ type: "clock", now: at() });
  }, options.tickMs ?? 1000);
  ticker.unref();

  return {
    forCase(index, label) {
      const send = (action: LiveAction): void => dispatch({ type: "case", index, label, action });
      return {
        scenarioStarted: (info) => send({ type: "scenarioStarted", info, at: at() }),
        progress: (message) => send({ type: "progress", message, at: at() }),
        runStarted: (info) => {
          clocks.set(index, info.now);
          const { runId, runDir, servers, candidates } = info;
          send({ type: "runStarted", info: { runId, runDir, servers: [...servers], candidates: [...candidates] }, now: info.now() });
        },
        event: (event) => send({ type: "event", event, at: at() }),
        scheduleStarted: (schedule, startT) => send({ type: "scheduleStarted", schedule, startT }),
        scenarioFinished: (info) => {
          clocks.delete(index);
          send({ type: "scenarioFinished", info, at: at() });
        },
        close: () => undefined,
      };
    },
    progress: (message) => dispatch({ type: "progress", message: `${stamp(at())} ${message}`, at: at() }),
    expect: (totalMs) => dispatch({ type: "expect", endsAt: at() + totalMs }),
    close() {
      if (closed) return;
      board = reduceBoard(board, { type: "closed" });
      clearInterval(ticker);
      if (pending !== undefined) clearTimeout(pending);
      view.rerender(tree());
      closed = true;
      view.unmount();
    },
  };
}
