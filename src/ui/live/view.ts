import { Box, Static, Text } from "ink";
import React, { type ReactElement, type ReactNode } from "react";
import { seenByAll } from "../../checkers/timeline.js";
import { PROTOCOL_SOURCE } from "../../history/events.js";
import {
  activeFaults,
  cellGlyph,
  currentLeaders,
  describeAction,
  fmtDuration,
  fmtT,
  GLYPHS,
  FAULT_GLYPH,
  selectCountdown,
  selectTimeline,
  timeAxis,
  type Cell,
  type LineTone,
  type LiveState,
  type StaticLine,
} from "./state.js";

/**
 * The ink components of the live view. They only render a LiveState (src/ui/live/state.ts);
 * written with React.createElement so that no JSX configuration is needed.
 */
const h = React.createElement;

export interface LiveViewProps {
  state: LiveState;
  /** Terminal width; the timeline fills it. */
  columns: number;
  /** Terminal height, if known: the timeline is left out when it would not fit. */
  rows?: number;
}

const ROLE_COLOR: Record<string, string> = { leading: "green", following: "cyan", looking: "yellow", down: "red" };
const CONN_COLOR: Record<string, string> = { connected: "green", reconnected: "green", suspended: "yellow", lost: "red", expired: "red" };
const TONE_COLOR: Record<LineTone, string | undefined> = {
  plain: undefined,
  scenario: "magenta",
  fault: "red",
  heal: "green",
  pass: "green",
  fail: "red",
  unknown: "yellow",
};
const MARK_COLOR: Record<Cell["mark"], string | undefined> = {
  leading: "green",
  following: "cyan",
  looking: "yellow",
  down: "red",
  unknown: undefined,
};
const FAULT_BG = "#5f1f1f";

export function LiveView({ state, columns, rows }: LiveViewProps): ReactElement {
  const labelWidth = Math.max(3, ...state.serverOrder.map((n) => n.length), ...state.candidateOrder.map((n) => n.length)) + 1;
  const barWidth = Math.max(10, columns - labelWidth - 3);
  const faults = activeFaults(state);
  const nodeRows = state.serverOrder.length + state.candidateOrder.length;
  // header, blank, section title, node rows, leader line, blank, faults, countdown + slack
  const fixed = 7 + Math.max(state.serverOrder.length, state.candidateOrder.length) + Math.max(1, faults.length) + 1;
  const timelineHeight = 3 + nodeRows;
  const showTimeline = rows === undefined || fixed + timelineHeight < rows;
  return h(
    Box,
    { flexDirection: "column" },
    h(Static<StaticLine>, {
      items: state.lines,
      children: (line) => h(Text, { key: line.key, color: TONE_COLOR[line.tone], bold: line.tone === "scenario" }, line.text),
    }),
    h(Header, { state }),
    h(
      Box,
      { flexDirection: "row", marginTop: 1 },
      h(Ensemble, { state }),
      h(Candidates, { state }),
    ),
    h(LeaderLine, { state }),
    showTimeline ? h(Timeline, { state, labelWidth, barWidth }) : null,
    h(Faults, { state }),
    h(CountdownLine, { state }),
  );
}

function Header({ state }: { state: LiveState }): ReactElement {
  const s = state.scenario;
  const parts: ReactNode[] = [h(Text, { key: "name", bold: true, color: "magenta" }, "splitbrain")];
  if (s !== undefined) {
    parts.push(
      h(Text, { key: "sc" }, `  ${s.scenario}`),
      h(Text, { key: "meta", dimColor: true }, ` (${s.index + 1}/${s.total}) · seed ${s.seed} · ${s.candidate}`),
    );
  }
  if (state.run !== undefined) {
    parts.push(h(Text, { key: "t" }, `  ${fmtT(state.now)}`), h(Text, { key: "run", dimColor: true }, `  ${state.run.runDir}`));
  }
  return h(Box, null, h(Text, { wrap: "truncate" }, ...parts));
}

function Ensemble({ state }: { state: LiveState }): ReactElement {
  const width = Math.max(...state.serverOrder.map((n) => n.length), 3) + 1;
  return h(
    Box,
    { flexDirection: "column", width: width + 22, flexShrink: 0 },
    h(Text, { bold: true }, "ZooKeeper"),
    ...state.serverOrder.map((node) => {
      const s = state.servers[node];
      const role = s?.role ?? "unknown";
      return h(
        Box,
        { key: node },
        h(Box, { width }, h(Text, null, node)),
        h(Box, { width: 10 }, h(Text, { color: ROLE_COLOR[role], bold: role === "leading", dimColor: role === "unknown" }, role === "unknown" ? "?" : role)),
        h(Text, { dimColor: true }, s?.epoch !== undefined ? `epoch ${s.epoch}` : ""),
      );
    }),
    state.serverOrder.length === 0 ? h(Text, { dimColor: true }, "(not started)") : null,
  );
}

function Candidates({ state }: { state: LiveState }): ReactElement {
  const width = Math.max(...state.candidateOrder.map((n) => n.length), 3) + 1;
  return h(
    Box,
    { flexDirection: "column" },
    h(Text, { bold: true }, "Candidates"),
    ...state.candidateOrder.map((node) => {
      const c = state.candidates[node];
      if (c === undefined) return null;
      const lead =
        c.up === false
          ? h(Text, { dimColor: true }, "·")
          : c.lead === "leader"
            ? h(Text, { color: "green", bold: true }, `★ leader${c.token !== undefined ? ` ${c.token}` : ""}`)
            : c.lead === "follower"
              ? h(Text, { color: "cyan" }, "  follower")
              : h(Text, { dimColor: true }, "  ?");
      const up =
        c.up === undefined
          ? h(Text, { dimColor: true }, "?")
          : c.up
            ? h(Text, { color: "green" }, "up")
            : h(Text, { color: "red", bold: true }, "down");
      const detail =
        c.up === false
          ? h(Text, { dimColor: true, wrap: "truncate" }, `${c.downReason !== undefined ? `(${c.downReason}) ` : ""}for ${fmtDuration(state.now - c.since)}`)
          : h(
              Text,
              { wrap: "truncate" },
              c.conn !== undefined ? h(Text, { color: CONN_COLOR[c.conn] ?? "yellow" }, c.conn) : h(Text, { dimColor: true }, "-"),
              c.lead !== "unknown" ? h(Text, { dimColor: true }, `  for ${fmtDuration(state.now - c.since)}`) : "",
              c.writes !== undefined ? h(Text, { dimColor: true }, `  writes ${c.writes.accepted}`) : "",
              c.writes !== undefined && c.writes.refused > 0 ? h(Text, { color: "red" }, ` ${c.writes.refused} refused`) : "",
            );
      return h(
        Box,
        { key: node },
        h(Box, { width, flexShrink: 0 }, h(Text, null, node)),
        h(Box, { width: 26, flexShrink: 0 }, lead),
        h(Box, { width: 6, flexShrink: 0 }, up),
        detail,
      );
    }),
    state.candidateOrder.length === 0 ? h(Text, { dimColor: true }, "(not started)") : null,
  );
}

function LeaderLine({ state }: { state: LiveState }): ReactElement | null {
  if (state.run === undefined) return null;
  const all = currentLeaders(state);
  // One view at a time: two rows of one node (its http and its zk view) are not two leaders.
  const split = [...leadersBySource(all).entries()].find(([, list]) => list.length > 1);
  const leaders = split !== undefined ? split[1] : all;
  let line: ReactElement;
  if (split !== undefined) {
    const seen = split[0] === "" ? "" : ` (seen by ${split[0]})`;
    line = h(Text, { color: "red", bold: true }, `✘ ${leaders.length} leaders at once${seen}: ${leaders.map((l) => l.node.split(" ")[0]).join(", ")}`);
  } else if (leaders.length >= 1) {
    const l = leaders[0] as (typeof leaders)[number];
    const nodes = [...new Set(leaders.map((x) => x.node.split(" ")[0]))].join(", ");
    // Which views see it: a leader only ZooKeeper's key names is not a leader the service has.
    const seen = seenByAll([...leadersBySource(leaders).keys()].map((k) => (k === "" ? PROTOCOL_SOURCE : k)));
    line = h(Text, { color: "green" }, `★ ${nodes} leads${l.token !== undefined ? ` (token ${l.token})` : ""}${seen} for ${fmtDuration(state.now - l.since)}`);
  } else {
    const since = state.leaderlessSince ?? state.now;
    line = h(Text, { color: "yellow" }, `no leader for ${fmtDuration(state.now - since)}`);
  }
  return h(Box, { marginTop: 1 }, line);
}

/** Current leaders grouped by the view that sees them ("" for the protocol's rows). */
function leadersBySource<T extends { node: string }>(leaders: readonly T[]): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const l of leaders) {
    const sp = l.node.indexOf(" ");
    const source = sp > 0 ? l.node.slice(sp + 1) : "";
    out.set(source, [...(out.get(source) ?? []), l]);
  }
  return out;
}

function Timeline({ state, labelWidth, barWidth }: { state: LiveState; labelWidth: number; barWidth: number }): ReactElement {
  const rows = selectTimeline(state, barWidth);
  const legend = `${GLYPHS.leading} leading  ${GLYPHS.following} following  ${GLYPHS.looking} looking  ${GLYPHS.down} down  ${FAULT_GLYPH} fault`;
  return h(
    Box,
    { flexDirection: "column", marginTop: 1 },
    h(Text, null, h(Text, { bold: true }, `Timeline (last ${Math.round(state.windowMs / 1000)}s)`), h(Text, { dimColor: true }, `   ${legend}`)),
    ...rows.map((row) =>
      h(
        Box,
        { key: row.node },
        h(Box, { width: labelWidth, flexShrink: 0 }, h(Text, { dimColor: row.kind === "server" }, row.node)),
        h(Text, { dimColor: true }, "│"),
        h(Text, { wrap: "truncate" }, ...runs(row.cells)),
        h(Text, { dimColor: true }, "│"),
      ),
    ),
    h(Box, null, h(Box, { width: labelWidth + 1, flexShrink: 0 }), h(Text, { dimColor: true }, timeAxis(barWidth, state.windowMs))),
  );
}

/** Groups equal neighbouring cells into one styled Text each (fewer nodes than one per cell). */
function runs(cells: Cell[]): ReactElement[] {
  const out: ReactElement[] = [];
  let i = 0;
  while (i < cells.length) {
    const first = cells[i] as Cell;
    let j = i + 1;
    while (j < cells.length && (cells[j] as Cell).mark === first.mark && (cells[j] as Cell).fault === first.fault) j++;
    const text = cellGlyph(first).repeat(j - i);
    out.push(
      h(
        Text,
        { key: i, color: first.fault && first.mark === "unknown" ? "red" : MARK_COLOR[first.mark], ...(first.fault ? { backgroundColor: FAULT_BG } : {}) },
        text,
      ),
    );
    i = j;
  }
  return out;
}

function Faults({ state }: { state: LiveState }): ReactElement | null {
  if (state.run === undefined) return null;
  const faults = activeFaults(state);
  return h(
    Box,
    { flexDirection: "column", marginTop: 1 },
    faults.length === 0
      ? h(Text, { dimColor: true }, "no active fault")
      : h(Text, { bold: true }, `Active faults (${faults.length})`),
    ...faults.map((f) =>
      h(
        Text,
        { key: f.id, wrap: "truncate" },
        h(Text, { color: "red" }, `⚡ ${f.id}`),
        ` ${f.kind}`,
        h(Text, { dimColor: true }, " on "),
        f.targets.join(", ") || "-",
        h(Text, { dimColor: true }, `  since ${fmtT(f.since)} (${fmtDuration(state.now - f.since)})`),
        f.expectLeader ? h(Text, { dimColor: true }, "  leader expected") : "",
      ),
    ),
  );
}

/** " · all 3 runs in about 4m10s" while runs follow this one (their estimate plus this one's countdown). */
function wholeRunLeft(state: LiveState, endInMs: number): string {
  const info = state.scenario;
  if (info?.laterMs === undefined || info.laterMs <= 0) return "";
  return ` · all ${info.total} runs in about ${fmtDuration(endInMs + info.laterMs, "up")}`;
}

function CountdownLine({ state }: { state: LiveState }): ReactElement | null {
  const cd = selectCountdown(state);
  if (cd === undefined) return null;
  if (state.closed) return h(Text, { dimColor: true }, `schedule: ${cd.total} steps, ran ${fmtDuration(cd.elapsedMs)}`);
  if (cd.next === undefined) return h(Text, { color: "cyan" }, `schedule done (${cd.total} steps); settling`);
  return h(
    Text,
    null,
    h(Text, { color: "cyan", bold: true }, `⏱ next: ${describeAction(cd.next)} in ${fmtDuration(cd.inMs, "up")}`),
    h(Text, { dimColor: true }, `   step ${cd.step}/${cd.total} · ${fmtDuration(cd.elapsedMs)} in · ends in ${fmtDuration(cd.endInMs, "up")}${wholeRunLeft(state, cd.endInMs)}`),
  );
}
