import { closeSync, fsyncSync, mkdirSync, openSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { HISTORY_VERSION, type AnyEvent, type KnownEvent } from "./events.js";

/** The header's fields besides `type` and `v`, which the writer sets. */
export interface HeaderFields {
  run: string;
  scenario: string;
  seed: number;
  startedAt: string;
  [extra: string]: unknown;
}

/** An event before it is stamped: everything but `t`. */
export type Unstamped<E> = E extends unknown ? Omit<E, "t"> : never;

export interface HistoryWriterOptions {
  /** Milliseconds since the run's start; used by `record`. */
  clock?: () => number;
}

/**
 * Append-only JSONL writer of history v1. Every line is written with one synchronous write, so a
 * crash of the harness loses at most the line being written and readers see whole lines only.
 */
export class HistoryWriter {
  private fd: number | undefined;
  private readonly clock: () => number;
  private readonly listeners = new Set<(event: KnownEvent | AnyEvent) => void>();
  readonly path: string;

  private constructor(path: string, fd: number, clock: () => number) {
    this.path = path;
    this.fd = fd;
    this.clock = clock;
  }

  /** Creates (or truncates) `path` and writes the header line. */
  static create(path: string, meta: HeaderFields, options: HistoryWriterOptions = {}): HistoryWriter {
    mkdirSync(dirname(path), { recursive: true });
    const fd = openSync(path, "w");
    const startedAtMs = Date.parse(meta.startedAt);
    const clock = options.clock ?? (() => Date.now() - startedAtMs);
    const writer = new HistoryWriter(path, fd, clock);
    writer.writeLine({ type: "meta", v: HISTORY_VERSION, ...meta });
    return writer;
  }

  /** Appends an event as it is, then tells the listeners. */
  append(event: KnownEvent | AnyEvent): void {
    const { t, node, type, ...rest } = event;
    this.writeLine({ t, node, type, ...rest });
    for (const listener of this.listeners) listener(event);
  }

  /** Calls `listener` with every event appended from now on; returns the unsubscribe. */
  subscribe(listener: (event: KnownEvent | AnyEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Stamps `t` from the clock, appends, and returns the stamped event. */
  record<E extends KnownEvent>(event: Unstamped<E>): E {
    const stamped = { t: round3(this.clock()), ...event } as unknown as E;
    this.append(stamped);
    return stamped;
  }

  /** Milliseconds since the run's start, as `record` would stamp them. */
  now(): number {
    return round3(this.clock());
  }

  get closed(): boolean {
    return this.fd === undefined;
  }

  /** Flushes to disk and closes; safe to call more than once. */
  close(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  }

  private writeLine(value: object): void {
    if (this.fd === undefined) throw new Error(`history ${this.path} is closed`);
    writeSync(this.fd, `${JSON.stringify(value)}\n`);
  }
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
