import { startFleet, stopFleet, type FleetOptions } from "../candidates/fleet.js";
import type { ObserverSet } from "../candidates/observers/observe.js";
import type { Candidate } from "../candidates/runner.js";
import { startObservedEnsemble, type ObservedEnsemble } from "../cluster/ensemble-session.js";
import type { RunScope } from "../runtime/types.js";

/**
 * The bring-up and teardown of a live cluster, shared by `runSession` and the Docker tests'
 * support (test/support/cluster.ts) so that the two cannot drift apart. Things are started in
 * order (the run scope, the ensemble with its role observer, the observers, the candidates), and
 * disposing stops what was started in reverse: the writer, observers, candidates, the witness, ensemble, and then, always,
 * `closeRun` with the run scope (undefined when it never opened), which tears it down.
 *
 * Disposing runs once; a second call waits for the first. An error while stopping the members
 * still closes the run, and is thrown after it.
 */
export class ClusterFixture<R extends RunScope = RunScope> implements AsyncDisposable {
  #run: R | undefined;
  #ensemble: ObservedEnsemble | undefined;
  #observers: ObserverSet | undefined;
  #fleet: Candidate[] = [];
  #witness: { stop(): Promise<void> } | undefined;
  #writer: { stop(): Promise<void> } | undefined;
  #disposed: Promise<void> | undefined;

  constructor(private readonly closeRun: (run: R | undefined) => Promise<void>) {}

  /** Opens the run scope (the network, on Docker). */
  async openRun(open: () => Promise<R>): Promise<R> {
    this.#run = await open();
    return this.#run;
  }

  /** Brings up the ensemble in the run scope, with its logs and role observer. */
  async startEnsemble(options: Omit<Parameters<typeof startObservedEnsemble>[0], "run">): Promise<ObservedEnsemble> {
    this.#ensemble = await startObservedEnsemble({ ...options, run: this.#opened() });
    return this.#ensemble;
  }

  /** Observers to stop first (they watch the candidates from outside). */
  watchWith(observers: ObserverSet): void {
    this.#observers = observers;
  }

  /** The witness (--witness): stopped after the candidates, so their last writes are recorded. */
  withWitness(witness: { stop(): Promise<void> }): void {
    this.#witness = witness;
  }

  /**
   * The writer (a candidate with a database): stopped first, while the candidates and observers
   * still run, so that it reads its rows back from the primary of the end.
   */
  withWriter(writer: { stop(): Promise<void> }): void {
    this.#writer = writer;
  }

  /** Starts the candidates in the run scope. */
  async startFleet(options: Omit<FleetOptions, "run">): Promise<Candidate[]> {
    this.#fleet = await startFleet({ ...options, run: this.#opened() });
    return this.#fleet;
  }

  [Symbol.asyncDispose](): Promise<void> {
    this.#disposed ??= this.#dispose();
    return this.#disposed;
  }

  async #dispose(): Promise<void> {
    try {
      if (this.#ensemble !== undefined) {
        await this.#writer?.stop();
        await this.#observers?.stop();
        await stopFleet(this.#fleet);
        await this.#witness?.stop();
        await this.#ensemble.stop();
      }
    } finally {
      await this.closeRun(this.#run);
    }
  }

  #opened(): R {
    if (this.#run === undefined) throw new Error("the run scope is not open yet");
    return this.#run;
  }
}
