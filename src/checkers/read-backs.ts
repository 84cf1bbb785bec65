import { DEFAULT_GROUP, type ReadBackEvent } from "../history/events.js";
import type { Collector } from "./collector.js";

/** A read of the rows a writer wrote, from the member that accepted writes at the end (a v4 `read` event). */
export interface ReadBack {
  t: number;
  /** The writer that read (the event's `node`): its writes are the ones with this `witness`. */
  reader: string;
  /** The member read; undefined when none could be. */
  from: string | undefined;
  group: string;
  /** The seq of every row the member holds; undefined when the read could not be made. */
  seqs: readonly number[] | undefined;
  reason: string | undefined;
}

declare module "./collector.js" {
  interface CollectedFields {
    /** Reads of what a writer wrote (v4), ordered by `t` (ties in history order). */
    reads: ReadBack[];
  }
}

/** Collects the `read` events (lost-writes). */
export const readsCollector: Collector<"reads"> = {
  field: "reads",
  start() {
    const reads: ReadBack[] = [];
    return {
      add(event, known) {
        if (event.type !== "read" || !known) return;
        const e = event as ReadBackEvent;
        reads.push({ t: e.t, reader: e.node, from: e.from, group: e.group ?? DEFAULT_GROUP, seqs: e.seqs, reason: e.reason });
      },
      finish: () => [...reads].sort((a, b) => a.t - b.t),
    };
  },
};
