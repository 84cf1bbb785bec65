import type { ReadEvent } from "../history/parse.js";

/**
 * What checkers collect for themselves, beside the shared timeline (intervals, unknown stretches,
 * faults): one field per collector. The module of a collector adds its field by declaration
 * merging (`declare module "./collector.js" { interface CollectedFields { writes: Write[] } }`),
 * so the timeline's type knows it and a new one edits no shared file.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface CollectedFields {}

/** The name of a collected field. */
export type CollectedField = keyof CollectedFields;

/** One pass over the history: takes every event in file order, then gives its field's value. */
export interface Collecting<T> {
  /** `known`: as TimelineBuilder.add (a `write` line of a v2 history is someone else's event). */
  add(event: ReadEvent, known: boolean): void;
  finish(): T;
}

/** A checker's collector: which field of the timeline it fills, and a fresh pass for each history. Pure. */
export interface Collector<K extends CollectedField = CollectedField> {
  field: K;
  start(): Collecting<CollectedFields[K]>;
}

/** Every collector once (by field), in first-seen order; two different collectors of one field are a bug. */
export function uniqueCollectors(lists: Iterable<readonly Collector[] | undefined>): Collector[] {
  const byField = new Map<string, Collector>();
  for (const list of lists) {
    for (const c of list ?? []) {
      const seen = byField.get(c.field);
      if (seen !== undefined && seen !== c) throw new Error(`two collectors fill the timeline's field "${c.field}"`);
      byField.set(c.field, c);
    }
  }
  return [...byField.values()];
}
