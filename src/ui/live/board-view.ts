import { Box, Static, Text } from "ink";
import React, { type ReactElement } from "react";
import { boardRows, type BoardRow, type BoardState } from "./board-state.js";
import type { StaticLine } from "./state.js";

const h = React.createElement;

const COLOR: Record<BoardRow["tone"], string | undefined> = {
  plain: undefined,
  scenario: "magenta",
  title: "magenta",
  dim: undefined,
  fault: "red",
  heal: "green",
  pass: "green",
  fail: "red",
  unknown: "yellow",
};

/** Renders a BoardState: finished runs once above, a block per run under way below. */
export function BoardView({ board }: { board: BoardState }): ReactElement {
  return h(
    Box,
    { flexDirection: "column" },
    h(Static<StaticLine>, {
      items: board.lines,
      children: (line) => h(Text, { key: line.key, color: COLOR[line.tone] }, line.text),
    }),
    ...boardRows(board).map((row, i) => h(Text, { key: i, color: COLOR[row.tone], bold: row.tone === "title", dimColor: row.tone === "dim", wrap: "truncate" }, row.text)),
  );
}
