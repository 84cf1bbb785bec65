import { activeFaults, currentLeaders, describeAction, finishedMark, fmtDuration, fmtT, initialState, reduce, selectCountdown, type LineTone, type LiveAction, type LiveState, type StaticLine } from "./state.js";

/**
 * The live view of several runs at once (`--parallel`): one small block per run under way, and
 * a line per finished run above them. Each run keeps its own LiveState (./state.ts); the board
 * only keeps what it shows. Pure, like ./state.ts: every time comes in an action.
 */

export interface BoardCase {
  label: string;
  state: LiveState;
  status: "waiting" | "running" | "finished";
  /** The latest progress line of this run. */
  last?: string;
}

export interface BoardState {
  cases: BoardCase[];
  /** Finished runs and run-wide lines, printed once above the blocks. */
  lines: StaticLine[];
  nextKey: number;
  closed: boolean;
  /** The board's clock (ms since it started). */
  now: number;
  /** When every run should be over, about (board clock), once the command said how long. */
  endsAt?: number;
}

export type BoardAction =
  | { type: "case"; index: number; label: string; action: LiveAction }
  | { type: "progress"; message: string; at: number }
  | { type: "tick"; index: number; now: number }
  | { type: "clock"; now: number }
  | { type: "expect"; endsAt: number }
  | { type: "closed" };

export function initialBoard(): BoardState {
  return { cases: [], lines: [], nextKey: 0, closed: false, now: 0 };
}

function addLine(board: BoardState, text: string, tone: LineTone): BoardState {
  return { ...board, lines: [...board.lines, { key: board.nextKey, text, tone }], nextKey: board.nextKey + 1 };
}

export function reduceBoard(board: BoardState, action: BoardAction): BoardState {
  switch (action.type) {
    case "progress":
      return addLine(board, action.message, "plain");
    case "closed":
      return { ...board, closed: true };
    case "clock":
      return { ...board, now: Math.max(board.now, action.now) };
    case "expect":
      return { ...board, endsAt: action.endsAt };
    case "tick": {
      const c = board.cases[action.index];
      if (c === undefined || c.status !== "running") return board;
      return withCase(board, action.index, { ...c, state: reduce(c.state, { type: "tick", now: action.now }) });
    }
    case "case": {
      const { index, label, action: inner } = action;
      const c: BoardCase = board.cases[index] ?? { label, state: initialState(), status: "waiting" };
      // The per-run state's own lines are not shown on the board: drop them as they come.
      const state = { ...reduce(c.state, inner), lines: [] };
      let next: BoardCase = { ...c, label, state };
      if (inner.type === "scenarioStarted") next = { ...next, status: "running" };
      if (inner.type === "progress") next = { ...next, last: inner.message };
      let out = withCase(board, index, next);
      if (inner.type === "scenarioFinished") {
        out = withCase(out, index, { ...next, status: "finished" });
        const { valid, summary, runDir } = inner.info;
        const [word, tone] = finishedMark(valid);
        out = addLine(out, `${word} ${label}: ${summary}  (${runDir})`, tone);
      }
      return out;
    }
  }
}

function withCase(board: BoardState, index: number, c: BoardCase): BoardState {
  const cases = [...board.cases];
  while (cases.length < index) cases.push({ label: `#${cases.length + 1}`, state: initialState(), status: "waiting" });
  cases[index] = c;
  return { ...board, cases };
}

export interface BoardRow {
  text: string;
  tone: LineTone | "title" | "dim";
}

/** The rows of one run under way: its name and clock, its leader and faults, what comes next. */
export function caseRows(c: BoardCase): BoardRow[] {
  const s = c.state;
  const title = `▶ ${c.label}${s.run !== undefined ? `  ${fmtT(s.now)}` : ""}`;
  const leaders = currentLeaders(s);
  const lead =
    s.run === undefined
      ? "starting"
      : leaders.length === 0
        ? `no leader${s.leaderlessSince !== undefined ? ` for ${fmtDuration(s.now - s.leaderlessSince)}` : ""}`
        : leaders.map((l) => `leader ${l.node}${l.token !== undefined ? ` (${l.token})` : ""}`).join(", ");
  const faults = activeFaults(s).map((f) => `${f.id === f.kind ? f.id : `${f.id} ${f.kind}`}${f.targets.length > 0 ? ` ${f.targets.join(",")}` : ""}`);
  const countdown = selectCountdown(s);
  const next =
    countdown === undefined
      ? (c.last ?? "")
      : countdown.next !== undefined
        ? `step ${countdown.step}/${countdown.total}: ${describeAction(countdown.next)} in ${fmtDuration(countdown.inMs, "up")}`
        : `settling, ends in ${fmtDuration(countdown.endInMs, "up")}`;
  return [
    { text: title, tone: "title" },
    { text: `  ${lead}${faults.length > 0 ? ` · faults: ${faults.join("; ")}` : ""}`, tone: leaders.length > 1 ? "fail" : "plain" },
    { text: `  ${next}`, tone: "dim" },
  ];
}

/** Every run under way, in case order, then a count of those still waiting. */
export function boardRows(board: BoardState): BoardRow[] {
  const rows = board.cases.filter((c) => c.status === "running").flatMap(caseRows);
  const waiting = board.cases.filter((c) => c.status === "waiting").length;
  if (waiting > 0) rows.push({ text: `${waiting} more waiting`, tone: "dim" });
  if (board.endsAt !== undefined && !board.closed) rows.push({ text: `all runs end in about ${fmtDuration(Math.max(0, board.endsAt - board.now), "up")}`, tone: "dim" });
  return rows;
}
