import type { ReadEvent } from "../history/parse.js";
import { timelineCollectors } from "./registry.js";
import { NO_POLLED_SOURCES, TimelineBuilder, type EvidenceInfo, type Timeline } from "./timeline.js";

/** A timeline builder with every registered checker's collectors: what the checkers read. */
export function checkerTimelineBuilder(): TimelineBuilder {
  return new TimelineBuilder(timelineCollectors);
}

/** Builds a timeline from events in memory (tests, small histories). */
export function timelineOf(events: Iterable<ReadEvent>, evidence: EvidenceInfo = NO_POLLED_SOURCES): Timeline {
  const builder = checkerTimelineBuilder();
  for (const e of events) builder.add(e);
  return builder.finish(evidence);
}
