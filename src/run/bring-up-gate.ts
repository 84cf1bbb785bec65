/**
 * One bring-up at a time per engine, for runs started together (--parallel). Bringing up an
 * ensemble and its candidates is the CPU-heavy part of a run (JVMs starting); several at once on
 * a small machine each take as long as all of them together, which delays the longest run by
 * the others' start-up. In turn, each starts while the runs before it are already waiting out
 * their faults.
 */
export class BringUpGate {
  private tail: Promise<void> = Promise.resolve();
  /** Turns taken and not yet released (the one under way and those waiting). */
  private busy = 0;

  /**
   * Waits for the bring-ups before this one; resolves with the release, to call once (extra
   * calls do nothing). `onWait` is called when this one has to wait.
   */
  acquire(signal?: AbortSignal, onWait?: () => void): Promise<() => void> {
    let release!: () => void;
    const mine = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    if (this.busy > 0) onWait?.();
    this.busy += 1;
    this.tail = before.then(() => mine).finally(() => (this.busy -= 1));
    let released = false;
    const once = (): void => {
      if (released) return;
      released = true;
      release();
    };
    return new Promise((resolve, reject) => {
      const onAbort = (): void => {
        // Leave the queue in order: this turn passes straight on once it comes.
        void before.then(once);
        reject(signal?.reason as Error);
      };
      if (signal?.aborted === true) return onAbort();
      signal?.addEventListener("abort", onAbort, { once: true });
      void before.then(() => {
        if (signal?.aborted === true) return;
        signal?.removeEventListener("abort", onAbort);
        resolve(once);
      });
    });
  }
}

/** One gate per engine endpoint (DOCKER_HOST value, or the local socket). */
export class BringUpGates {
  private readonly gates = new Map<string, BringUpGate>();

  for(engine: string | undefined): BringUpGate {
    const key = engine ?? "";
    let gate = this.gates.get(key);
    if (gate === undefined) {
      gate = new BringUpGate();
      this.gates.set(key, gate);
    }
    return gate;
  }
}
