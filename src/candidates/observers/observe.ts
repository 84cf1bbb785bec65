import type { HistoryWriter } from "../../history/writer.js";
import { sleep } from "../../util/sleep.js";
import type { Candidate } from "../runner.js";
import { unknown, type Answer } from "./judge.js";
import type { FleetReader, ObserverContext } from "./kind.js";
import { demotionsFirst, ObservationTracker, type SeenLine } from "./observation.js";
import { kindAndBody, kindOf, pollIntervalOf, probeTimeoutOf, sourceNames, type ObserverSpec } from "./spec.js";

export interface ObserverSetOptions {
  specs: readonly ObserverSpec[];
  candidates: readonly string[];
  history: HistoryWriter;
  /** The run's network: candidates' addresses for http probes. */
  network: string;
  /** The ensemble's connect string as the harness reaches it (IP addresses; undefined while none has one). */
  zkConnect: () => string | undefined;
  signal: AbortSignal;
}

/** One observer as recorded in the history header. */
export interface ObserverInfo {
  source: string;
  kind: string;
  pollMs?: number;
}

/** The header entries for a list of observers. */
export function observerInfo(specs: readonly ObserverSpec[]): ObserverInfo[] {
  const names = sourceNames(specs);
  return specs.map((s, i) => {
    const poll = pollIntervalOf(s);
    return { source: names[i] as string, kind: kindOf(s), ...(poll !== undefined ? { pollMs: poll } : {}) };
  });
}

/**
 * Watches every candidate with every observer, from outside the process, and appends what they
 * see to the history (history v2: `source` on leader/follower, `unknown` when a probe gets no
 * answer). http and exec poll each candidate in its own loop; zk reads ZooKeeper once per poll
 * for all; log observers read the candidates' output lines.
 */
export class ObserverSet {
  private readonly tracker = new ObservationTracker();
  private readonly names: string[];
  private readonly loops: Array<Promise<void>> = [];
  private readonly readers: FleetReader[] = [];
  private readonly stopper = new AbortController();

  constructor(private readonly options: ObserverSetOptions) {
    this.names = sourceNames(options.specs);
    // A restarted process starts from nothing: its first answer is recorded even if it repeats
    // the last one before it went down (whose `down` ended that leadership in every lane).
    // A process that went down led until then at most: the last "leader" answer of each of its
    // leaderships is written now (history v5 `seen`), before anything about its next life.
    options.history.subscribe((e) => {
      if (e.type === "down" || e.type === "up") this.writeSeen(this.tracker.flush(e.node));
      if (e.type === "up") this.tracker.forget(e.node);
    });
  }

  /** A line of a candidate's stdout or stderr (log observers). */
  line(node: string, text: string): void {
    this.options.specs.forEach((spec, i) => {
      const { def, body } = kindAndBody(spec);
      const answer = def.line?.(body, text);
      if (answer !== undefined) this.record(node, this.names[i] as string, answer);
    });
  }

  /** Starts polling the fleet. */
  start(fleet: readonly Candidate[]): void {
    const signal = AbortSignal.any([this.options.signal, this.stopper.signal]);
    this.options.specs.forEach((spec, i) => {
      const source = this.names[i] as string;
      const every = pollIntervalOf(spec);
      if (every === undefined) return;
      const { def, body } = kindAndBody(spec);
      if (def.fleet !== undefined) {
        const reader = def.fleet(body, this.context());
        this.readers.push(reader);
        this.loops.push(
          pollLoop(every, signal, async () => {
            const answers = await reader.read();
            for (const [node, answer] of demotionsFirst(answers)) this.record(node, source, answer);
          }),
        );
        return;
      }
      for (const c of fleet) {
        // Past its own timeout, Docker's overhead gets 5 s more before the probe counts as hung.
        const probe = bounded(def.probe?.(body, c, this.context()) ?? (() => Promise.resolve(unknown(`${kindOf(spec)} does not probe candidates`))), probeTimeoutOf(spec) + 5000);
        this.loops.push(
          pollLoop(every, signal, async () => {
            if (!c.created) return;
            const generation = c.generation;
            const answer = await probe();
            // An answer that straddled a restart or a kill is about a process that is gone.
            if (c.generation !== generation) return;
            this.record(c.node, source, answer);
          }),
        );
      }
    });
  }

  /**
   * Stops every loop and closes ZooKeeper handles. A probe still waiting on Docker is not waited
   * for past a few seconds (its answer would be dropped anyway).
   */
  async stop(): Promise<void> {
    this.stopper.abort();
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled(this.loops), new Promise((r) => (timer = setTimeout(r, STOP_GRACE_MS)))]);
    clearTimeout(timer);
    for (const r of this.readers) r.close();
    this.writeSeen(this.tracker.flush());
  }

  /**
   * The first polling observer and node without a definite answer yet, as "no definite answer
   * from http on c1: ECONNREFUSED"; undefined once every one has answered.
   */
  silent(): string | undefined {
    for (let i = 0; i < this.options.specs.length; i++) {
      const spec = this.options.specs[i] as ObserverSpec;
      if (pollIntervalOf(spec) === undefined) continue;
      const source = this.names[i] as string;
      for (const node of this.options.candidates) {
        if (!this.tracker.hasAnswered(node, source)) return `no definite answer from ${source} on ${node}: ${this.tracker.lastUnknown(node, source) ?? "no answer yet"}`;
      }
    }
    return undefined;
  }

  private record(node: string, source: string, answer: Answer): void {
    const history = this.options.history;
    if (history.closed) return;
    for (const event of this.tracker.observe(node, source, answer, history.now())) {
      if (event.type === "seen") history.append(event);
      else history.record(event);
    }
  }

  private writeSeen(lines: readonly SeenLine[]): void {
    if (this.options.history.closed) return;
    for (const line of lines) this.options.history.append(line);
  }

  private context(): ObserverContext {
    return { network: this.options.network, zkConnect: this.options.zkConnect, candidates: this.options.candidates };
  }
}

const STOP_GRACE_MS = 5000;

/**
 * The probe, or "unknown" when it has not answered by the deadline: a Docker API call that hangs
 * (an exec into a container in trouble) must not stop the observer's loop.
 */
export function bounded(probe: () => Promise<Answer>, deadlineMs: number): () => Promise<Answer> {
  return async () => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        probe(),
        new Promise<Answer>((resolve) => {
          timer = setTimeout(() => resolve(unknown(`no answer within ${deadlineMs} ms (the probe itself hung)`)), deadlineMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  };
}

/** Calls `poll` every `everyMs` (measured from the start of each call; never two at once) until aborted. */
async function pollLoop(everyMs: number, signal: AbortSignal, poll: () => Promise<void>): Promise<void> {
  while (!signal.aborted) {
    const started = Date.now();
    try {
      await poll();
    } catch {
      // a probe reports its own failures as unknown answers; anything else must not stop the loop
    }
    const wait = Math.max(0, everyMs - (Date.now() - started));
    try {
      await sleep(wait, signal);
    } catch {
      return;
    }
  }
}
