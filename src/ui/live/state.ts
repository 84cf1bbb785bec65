import type { AnyEvent, KnownEvent } from "../../history/events.js";
import { nodeLane } from "../../checkers/timeline.js";
import { describeFault } from "../../scenarios/format-schedule.js";
import type { Schedule, ScheduledAction } from "../../scenarios/types.js";
import { validityWord } from "../../checkers/verdict.js";

/**
 * The live view's state: a pure reducer over what the RunReporter is told, plus selectors that
 * turn it into rows. No clock of its own: every time comes in an action (`now` is history time,
 * ms since the run's `startedAt`; `at` is the reporter's wall time for line stamps).
 */

/** What a node is doing, for the timeline. */
export type Mark = "leading" | "following" | "looking" | "down" | "unknown";

export interface ScenarioInfo {
  scenario: string;
  summary: string;
  index: number;
  total: number;
  seed: number;
  candidate: string;
  /** One run at a time: about how long the runs after this one take (ms), so the view can say when the whole command ends. */
  laterMs?: number;
}

export interface RunInfo {
  runId: string;
  runDir: string;
  servers: string[];
  candidates: string[];
}

export interface ServerView {
  /** leading, following, looking, down, or "unknown" before the first `zk-role` event. */
  role: string;
  epoch?: number;
  since: number;
}

export interface CandidateView {
  /** From up/down events; undefined until the first one. */
  up?: boolean;
  downReason?: string;
  /** From `conn` events. */
  conn?: string;
  /** Leadership of the default group. */
  lead: "leader" | "follower" | "unknown";
  token?: string;
  /** When `lead` last changed (history time). */
  since: number;
  /** Its writes as the witness decided them (history v3 `write` events). */
  writes?: { accepted: number; refused: number; last: "accepted" | "refused"; lastT: number };
}

export interface FaultView {
  id: string;
  kind: string;
  targets: string[];
  expectLeader: boolean;
  since: number;
  healedAt?: number;
}

export type LineTone = "plain" | "scenario" | "fault" | "heal" | "pass" | "fail" | "unknown";

/** A finished line: rendered once, above the live region. */
export interface StaticLine {
  key: number;
  text: string;
  tone: LineTone;
}

interface Change {
  t: number;
  mark: Mark;
}

export interface LiveState {
  /** How much history the timeline shows (ms). */
  windowMs: number;
  /** The latest history time known (from ticks and events). */
  now: number;
  scenario?: ScenarioInfo;
  run?: RunInfo;
  serverOrder: string[];
  candidateOrder: string[];
  servers: Record<string, ServerView>;
  candidates: Record<string, CandidateView>;
  /** Per node, its mark changes: those inside the window and the last one before it. */
  marks: Record<string, Change[]>;
  /** Active faults and those healed inside the window, in injection order. */
  faults: FaultView[];
  schedule?: { schedule: Schedule; startT: number };
  /** Since when no candidate leads the default group (undefined while one does). */
  leaderlessSince?: number;
  lines: StaticLine[];
  nextKey: number;
  closed: boolean;
}

export type LiveAction =
  | { type: "scenarioStarted"; info: ScenarioInfo; at: number }
  | { type: "progress"; message: string; at: number }
  | { type: "runStarted"; info: RunInfo; now: number }
  | { type: "event"; event: KnownEvent | AnyEvent; at: number }
  | { type: "scheduleStarted"; schedule: Schedule; startT: number }
  | { type: "scenarioFinished"; info: { scenario: string; valid: true | false | "unknown"; summary: string; runDir: string }; at: number }
  | { type: "tick"; now: number }
  | { type: "closed" };

export const DEFAULT_WINDOW_MS = 60_000;

/** How a finished run is marked in the live views: "✔ PASS", "✘ FAIL", "? INCONCLUSIVE", with its tone. */
export function finishedMark(valid: true | false | "unknown"): [string, LineTone] {
  const word = validityWord(valid);
  return valid === true ? [`✔ ${word}`, "pass"] : valid === false ? [`✘ ${word}`, "fail"] : [`? ${word}`, "unknown"];
}

export function initialState(windowMs = DEFAULT_WINDOW_MS): LiveState {
  return {
    windowMs,
    now: 0,
    serverOrder: [],
    candidateOrder: [],
    servers: {},
    candidates: {},
    marks: {},
    faults: [],
    lines: [],
    nextKey: 0,
    closed: false,
  };
}

export function reduce(state: LiveState, action: LiveAction): LiveState {
  switch (action.type) {
    case "scenarioStarted": {
      const { info } = action;
      const fresh = initialState(state.windowMs);
      return addLine(
        { ...fresh, scenario: info, lines: state.lines, nextKey: state.nextKey },
        `▶ scenario ${info.scenario} (${info.index + 1}/${info.total}): ${info.summary} · seed ${info.seed} · candidate ${info.candidate}`,
        "scenario",
      );
    }
    case "progress":
      return addLine(state, `${stamp(action.at)} ${action.message}`, "plain");
    case "runStarted": {
      const { info } = action;
      let next: LiveState = { ...state, run: info, now: Math.max(state.now, action.now), leaderlessSince: action.now };
      for (const s of info.servers) next = ensureServer(next, s, action.now);
      for (const c of info.candidates) next = ensureCandidate(next, c, action.now);
      return prune(next);
    }
    case "event":
      return prune(applyEvent({ ...state, now: Math.max(state.now, action.event.t) }, action.event, action.at));
    case "scheduleStarted":
      return { ...state, schedule: { schedule: action.schedule, startT: action.startT }, now: Math.max(state.now, action.startT) };
    case "scenarioFinished": {
      const { info } = action;
      const [word, tone] = finishedMark(info.valid);
      return addLine(state, `${word} ${info.scenario}: ${info.summary}  (${info.runDir})`, tone);
    }
    case "tick":
      return action.now > state.now ? prune({ ...state, now: action.now }) : state;
    case "closed":
      return { ...state, closed: true };
  }
}

function applyEvent(state: LiveState, event: KnownEvent | AnyEvent, at: number): LiveState {
  const ev = event as Record<string, unknown>;
  const { t, node } = event;
  switch (event.type) {
    case "zk-role": {
      const role = str(ev.role) ?? "unknown";
      const s = ensureServer(state, node, t);
      const epoch = typeof ev.epoch === "number" ? ev.epoch : undefined;
      const prev = s.servers[node] as ServerView;
      const view: ServerView = { role, since: prev.role === role ? prev.since : t, ...(epoch !== undefined ? { epoch } : {}) };
      return mark({ ...s, servers: { ...s.servers, [node]: view } }, node, t, roleMark(role));
    }
    case "leader":
    case "follower": {
      if ((str(ev.group) ?? "default") !== "default") return state;
      const row = nodeLane(node, ev.source);
      const s = ensureCandidate(state, row, t);
      const prev = s.candidates[row] as CandidateView;
      const lead = event.type === "leader" ? "leader" : "follower";
      const token = lead === "leader" ? str(ev.token) : undefined;
      const view: CandidateView = { ...prev, up: prev.up ?? true, lead, since: prev.lead === lead ? prev.since : t, token };
      return leaders(mark({ ...s, candidates: { ...s.candidates, [row]: view } }, row, t, lead === "leader" ? "leading" : "following"), t);
    }
    case "unknown": {
      // An observer got no answer: the row shows "unknown"; it does not end leadership in the
      // checkers, so the live view keeps no "leader" claim for it either way.
      if ((str(ev.group) ?? "default") !== "default") return state;
      const row = nodeLane(node, ev.source);
      const s = ensureCandidate(state, row, t);
      const prev = s.candidates[row] as CandidateView;
      const view: CandidateView = { ...prev, lead: "unknown", since: prev.lead === "unknown" ? prev.since : t, token: undefined };
      return mark({ ...s, candidates: { ...s.candidates, [row]: view } }, row, t, "unknown");
    }
    case "down": {
      let s = ensureCandidate(state, node, t);
      // The process is down in its own row and in every observer's row of it.
      for (const row of s.candidateOrder.filter((r) => r === node || r.startsWith(`${node} `))) {
        const prev = s.candidates[row] as CandidateView;
        const view: CandidateView = { ...prev, up: false, downReason: str(ev.reason), lead: "unknown", token: undefined, conn: undefined, since: t };
        s = mark({ ...s, candidates: { ...s.candidates, [row]: view } }, row, t, "down");
      }
      return leaders(s, t);
    }
    case "up": {
      let s = ensureCandidate(state, node, t);
      for (const row of s.candidateOrder.filter((r) => r === node || r.startsWith(`${node} `))) {
        const prev = s.candidates[row] as CandidateView;
        const view: CandidateView = { ...prev, up: true, downReason: undefined };
        const wasDown = prev.up === false;
        const next = { ...s, candidates: { ...s.candidates, [row]: view } };
        s = wasDown ? mark(next, row, t, "unknown") : next;
      }
      return s;
    }
    case "conn": {
      const s = ensureCandidate(state, node, t);
      const prev = s.candidates[node] as CandidateView;
      return { ...s, candidates: { ...s.candidates, [node]: { ...prev, conn: str(ev.state) ?? "?" } } };
    }
    case "fault": {
      const id = str(ev.id) ?? "?";
      const kind = str(ev.fault) ?? "?";
      const targets = Array.isArray(ev.targets) ? ev.targets.filter((x): x is string => typeof x === "string") : [];
      const expectLeader = ev.expectLeader === true;
      const fault: FaultView = { id, kind, targets, expectLeader, since: t };
      const text = `${stamp(at)} ⚡ fault ${id}: ${kind} on ${targets.join(", ") || "-"}${expectLeader ? " (a leader is still expected)" : ""} at ${fmtT(t)}`;
      return addLine({ ...state, faults: [...state.faults, fault] }, text, "fault");
    }
    case "write": {
      // The witness's decision on a leader's write: counted on the writer's row; a refused one
      // (a fenced witness stopping a stale token) is also a line of its own.
      const from = str(ev.from);
      const outcome: "accepted" | "refused" = str(ev.outcome) === "refused" ? "refused" : "accepted";
      if (from === undefined) return state;
      const s = ensureCandidate(state, from, t);
      const prev = s.candidates[from] as CandidateView;
      const w = prev.writes ?? { accepted: 0, refused: 0, last: outcome, lastT: t };
      const writes: NonNullable<CandidateView["writes"]> = { accepted: w.accepted + (outcome === "accepted" ? 1 : 0), refused: w.refused + (outcome === "refused" ? 1 : 0), last: outcome, lastT: t };
      const next = { ...s, candidates: { ...s.candidates, [from]: { ...prev, writes } } };
      if (outcome === "accepted") return next;
      const token = str(ev.token);
      const highest = str(ev.highest);
      const seq = typeof ev.seq === "number" ? ` seq ${ev.seq}` : "";
      const why = highest !== undefined ? ` (token ${token ?? "none"} < ${highest})` : token === undefined ? " (no token)" : "";
      return addLine(next, `${stamp(at)} ✋ witness refused ${from}'s write${seq}${why} at ${fmtT(t)}`, "heal");
    }
    case "heal": {
      const id = str(ev.id) ?? "?";
      const i = findLastIndex(state.faults, (f) => f.id === id && f.healedAt === undefined);
      if (i < 0) return addLine(state, `${stamp(at)} ✓ healed ${id} at ${fmtT(t)}`, "heal");
      const f = state.faults[i] as FaultView;
      const faults = state.faults.map((x, j) => (j === i ? { ...x, healedAt: t } : x));
      return addLine({ ...state, faults }, `${stamp(at)} ✓ healed ${id} (${f.kind}) after ${fmtDuration(t - f.since)}`, "heal");
    }
    default:
      return state;
  }
}

function ensureServer(state: LiveState, node: string, t: number): LiveState {
  if (state.servers[node] !== undefined) return state;
  return { ...state, serverOrder: [...state.serverOrder, node], servers: { ...state.servers, [node]: { role: "unknown", since: t } } };
}

function ensureCandidate(state: LiveState, node: string, t: number): LiveState {
  if (state.candidates[node] !== undefined) return state;
  return { ...state, candidateOrder: [...state.candidateOrder, node], candidates: { ...state.candidates, [node]: { lead: "unknown", since: t } } };
}

/** Keeps `leaderlessSince` in step with the candidates. */
function leaders(state: LiveState, t: number): LiveState {
  const any = Object.values(state.candidates).some((c) => c.lead === "leader");
  if (any) return state.leaderlessSince === undefined ? state : { ...state, leaderlessSince: undefined };
  return state.leaderlessSince === undefined ? { ...state, leaderlessSince: t } : state;
}

function mark(state: LiveState, node: string, t: number, m: Mark): LiveState {
  const list = state.marks[node] ?? [];
  const last = list[list.length - 1];
  let next: Change[];
  if (last === undefined || t >= last.t) next = [...list, { t, mark: m }];
  else {
    // Out of order: insert stably by t.
    const i = list.findIndex((c) => c.t > t);
    next = [...list.slice(0, i), { t, mark: m }, ...list.slice(i)];
  }
  return { ...state, marks: { ...state.marks, [node]: next } };
}

/** Drops what has scrolled out of the window (keeping each node's last change before it). */
function prune(state: LiveState): LiveState {
  const start = state.now - state.windowMs;
  let changed = false;
  const marks: Record<string, Change[]> = {};
  for (const [node, list] of Object.entries(state.marks)) {
    let first = 0;
    while (first + 1 < list.length && (list[first + 1] as Change).t <= start) first++;
    marks[node] = first > 0 ? list.slice(first) : list;
    if (first > 0) changed = true;
  }
  const faults = state.faults.filter((f) => f.healedAt === undefined || f.healedAt >= start);
  if (faults.length !== state.faults.length) changed = true;
  return changed ? { ...state, marks, faults } : state;
}

function addLine(state: LiveState, text: string, tone: LineTone): LiveState {
  return { ...state, lines: [...state.lines, { key: state.nextKey, text, tone }], nextKey: state.nextKey + 1 };
}

function roleMark(role: string): Mark {
  switch (role) {
    case "leading":
    case "following":
    case "looking":
    case "down":
      return role;
    default:
      return "unknown";
  }
}

function str(v: unknown): string | undefined {
  return typeof v === "string" ? v : undefined;
}

function findLastIndex<T>(xs: readonly T[], p: (x: T) => boolean): number {
  for (let i = xs.length - 1; i >= 0; i--) if (p(xs[i] as T)) return i;
  return -1;
}

// ---------------------------------------------------------------- selectors

/**
 * Whether a fault acts on a node. The executor records a fault's targets resolved to node ids
 * (an outage names every server), so no kind needs knowing here; `all-zk` and `all-candidates`
 * are still honoured for histories written by hand.
 */
export function faultHits(state: LiveState, fault: FaultView, node: string): boolean {
  if (fault.targets.includes(node)) return true;
  const isServer = state.servers[node] !== undefined;
  if (isServer && fault.targets.includes("all-zk")) return true;
  return !isServer && state.candidates[node] !== undefined && fault.targets.includes("all-candidates");
}

export interface Cell {
  mark: Mark;
  /** A fault acting on this node was active during the column. */
  fault: boolean;
}

export interface TimelineRow {
  node: string;
  kind: "server" | "candidate";
  cells: Cell[];
}

/** What wins when several marks fall into one column: a short leadership must stay visible. */
const PRIORITY: Record<Mark, number> = { leading: 5, down: 4, looking: 3, following: 2, unknown: 1 };

/**
 * One row per node (servers first), `columns` cells covering the last `windowMs` up to `now`,
 * time flowing left to right.
 */
export function selectTimeline(state: LiveState, columns: number): TimelineRow[] {
  const width = Math.max(1, Math.floor(columns));
  const start = state.now - state.windowMs;
  const dt = state.windowMs / width;
  const row = (node: string, kind: "server" | "candidate"): TimelineRow => {
    const changes = state.marks[node] ?? [];
    const faults = state.faults.filter((f) => faultHits(state, f, node));
    const cells: Cell[] = [];
    let k = 0; // index of the first change after the column's start
    let current: Mark = "unknown";
    for (let j = 0; j < width; j++) {
      const from = start + j * dt;
      const to = from + dt;
      while (k < changes.length && (changes[k] as Change).t <= from) current = (changes[k++] as Change).mark;
      let best = current;
      while (k < changes.length && (changes[k] as Change).t < to) {
        current = (changes[k++] as Change).mark;
        if (PRIORITY[current] > PRIORITY[best]) best = current;
      }
      const fault = faults.some((f) => f.since < to && (f.healedAt === undefined || f.healedAt > from));
      cells.push({ mark: best, fault });
    }
    return { node, kind, cells };
  };
  return [...state.serverOrder.map((n) => row(n, "server")), ...state.candidateOrder.map((n) => row(n, "candidate"))];
}

export const GLYPHS: Record<Mark, string> = { leading: "█", following: "─", looking: "╌", down: "·", unknown: " " };
/** Drawn where nothing is known but a fault is active (fault columns also get a background). */
export const FAULT_GLYPH = "░";

export function cellGlyph(cell: Cell): string {
  return cell.fault && cell.mark === "unknown" ? FAULT_GLYPH : GLYPHS[cell.mark];
}

/** The axis under the timeline: "-60s", "-45s", ... "now", spaced over `columns`. */
export function timeAxis(columns: number, windowMs: number): string {
  const width = Math.max(1, Math.floor(columns));
  const chars = Array.from({ length: width }, () => " ");
  const put = (pos: number, label: string) => {
    const at = Math.max(0, Math.min(width - label.length, pos));
    for (let i = 0; i < label.length && at + i < width; i++) chars[at + i] = label[i] as string;
  };
  const quarters = width >= 40 ? 4 : 2;
  for (let q = 0; q < quarters; q++) {
    const pos = Math.round((q / quarters) * width);
    const label = `-${fmtSecsShort(windowMs * (1 - q / quarters))}`;
    if (pos + label.length < width - 3) put(pos, label); // never over "now"
  }
  put(width - 3, "now");
  return chars.join("");
}

export function activeFaults(state: LiveState): FaultView[] {
  return state.faults.filter((f) => f.healedAt === undefined);
}

export function currentLeaders(state: LiveState): { node: string; token?: string; since: number }[] {
  return state.candidateOrder
    .map((node) => ({ node, c: state.candidates[node] as CandidateView }))
    .filter(({ c }) => c.lead === "leader")
    .map(({ node, c }) => ({ node, since: c.since, ...(c.token !== undefined ? { token: c.token } : {}) }));
}

export interface Countdown {
  /** 1-based number of the next action, of `total`. */
  step: number;
  total: number;
  /** Undefined once every action has run. */
  next?: ScheduledAction;
  /** ms until the next action. */
  inMs: number;
  /** ms until the schedule's end. */
  endInMs: number;
  elapsedMs: number;
}

export function selectCountdown(state: LiveState): Countdown | undefined {
  if (state.schedule === undefined) return undefined;
  const { schedule, startT } = state.schedule;
  const elapsed = state.now - startT;
  const actions = [...schedule.actions].sort((a, b) => a.at - b.at);
  const i = actions.findIndex((a) => a.at > elapsed);
  const next = i >= 0 ? actions[i] : undefined;
  return {
    step: i >= 0 ? i + 1 : actions.length,
    total: actions.length,
    ...(next !== undefined ? { next } : {}),
    inMs: next !== undefined ? next.at - elapsed : 0,
    endInMs: Math.max(0, schedule.endAt - elapsed),
    elapsedMs: Math.max(0, elapsed),
  };
}

/** "inject f2 (kill on leader)", "heal f1", "end". */
export function describeAction(action: ScheduledAction): string {
  switch (action.do) {
    case "inject":
      return `inject ${action.id} (${describeFault(action.fault)})`;
    case "heal":
      return `heal ${action.id}`;
    case "end":
      return "end";
  }
}

// ---------------------------------------------------------------- formatting

/** "[ 12.3s]": wall time since the reporter started. */
export function stamp(atMs: number): string {
  return `[${(atMs / 1000).toFixed(1).padStart(6)}s]`;
}

/** History time: "t+12.3s". */
export function fmtT(t: number): string {
  return `t+${(t / 1000).toFixed(1)}s`;
}

/** "8s", "1m 05s", "1h 02m" (rounded up: a countdown never shows 0s before it fires). */
export function fmtDuration(ms: number, round: "up" | "down" = "down"): string {
  const total = Math.max(0, round === "up" ? Math.ceil(ms / 1000) : Math.floor(ms / 1000));
  if (total < 60) return `${total}s`;
  const m = Math.floor(total / 60);
  if (m < 60) return `${m}m ${String(total % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h ${String(m % 60).padStart(2, "0")}m`;
}

function fmtSecsShort(ms: number): string {
  const s = Math.round(ms / 1000);
  return s >= 120 && s % 60 === 0 ? `${s / 60}m` : `${s}s`;
}
