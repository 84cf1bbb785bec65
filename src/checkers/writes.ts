import { DEFAULT_GROUP, type WriteEvent, type WriteMode, type WriteOutcome } from "../history/events.js";
import type { Collector } from "./collector.js";

/** A write as the witness decided it (a v3 `write` event), on the history's clock. */
export interface Write {
  t: number;
  /** The witness that received it (the event's `node`). */
  witness: string;
  /** The candidate that wrote. */
  from: string;
  group: string;
  token: string | undefined;
  seq: number;
  mode: WriteMode;
  outcome: WriteOutcome;
  highest: string | undefined;
}

declare module "./collector.js" {
  interface CollectedFields {
    /** The witness's writes (v3), ordered by `t` (ties in history order). */
    writes: Write[];
  }
}

/** Collects the `write` events (effects, lost-writes; the timeline page marks them). */
export const writesCollector: Collector<"writes"> = {
  field: "writes",
  start() {
    const writes: Write[] = [];
    let sorted = true;
    return {
      add(event, known) {
        if (event.type !== "write" || !known) return;
        const e = event as WriteEvent;
        const last = writes[writes.length - 1];
        if (last !== undefined && e.t < last.t) sorted = false;
        writes.push({
          t: e.t,
          witness: e.node,
          from: e.from,
          group: e.group ?? DEFAULT_GROUP,
          token: e.token,
          seq: e.seq,
          mode: e.mode,
          outcome: e.outcome,
          highest: e.highest,
        });
      },
      // Array.prototype.sort is stable: equal `t` keeps history order.
      finish: () => (sorted ? writes : [...writes].sort((a, b) => a.t - b.t)),
    };
  },
};
