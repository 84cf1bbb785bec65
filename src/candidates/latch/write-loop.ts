/**
 * The latch candidate's writes to the witness (SB_WITNESS): while it believes it leads, every
 * interval it sends `{node, token, seq}`, the token being the one of its `leader` line. Pure
 * logic on injected timers, belief, leadership check and HTTP.
 *
 * Correct: right before each write it re-validates its leadership (latch.ts, confirmLeadership:
 * its own node still exists, owned by its live session); if it cannot confirm, it does not
 * write. Bug mode cached-belief: it writes with the belief it had when it scheduled the write,
 * without asking ZooKeeper again, so a leader frozen between deciding and writing (a pause, a
 * long GC) writes with its old token after a successor took over.
 */

export interface Belief {
  leading: boolean;
  token: string | null;
}

export type WritePlan = { write: false } | { write: true; token: string; validate: boolean };

/** Whether this write goes out, with which token, and whether leadership is checked first. */
export function planWrite(bug: string, current: Belief, cached: Belief | null): WritePlan {
  if (bug === "cached-belief") {
    if (cached?.leading === true && cached.token !== null) return { write: true, token: cached.token, validate: false };
    return { write: false };
  }
  if (current.leading && current.token !== null) return { write: true, token: current.token, validate: true };
  return { write: false };
}

export interface WriteRequest {
  node: string;
  token: string;
  seq: number;
}

/** The witness's answer: its status and outcome, or why there was none. */
export type WriteAnswer = { status: number; outcome?: string; highest?: string } | { error: string };

export interface WriteLoopDeps {
  node: string;
  bug: string;
  intervalMs: number;
  belief: () => Belief;
  /** True when the candidate could confirm with ZooKeeper that it still leads with `token`. */
  confirm: (token: string) => Promise<boolean>;
  post: (request: WriteRequest) => Promise<WriteAnswer>;
  /** setTimeout; returns a cancel. */
  schedule: (ms: number, fn: () => void) => () => void;
  debug: (msg: string) => void;
}

export class WriteLoop {
  private seq = 0;
  private cached: Belief | null = null;
  private cancel: (() => void) | null = null;
  private stopped = false;

  constructor(private readonly d: WriteLoopDeps) {}

  /** The number of writes sent so far. */
  get sent(): number {
    return this.seq;
  }

  start(): void {
    this.arm(this.d.belief());
  }

  stop(): void {
    this.stopped = true;
    this.cancel?.();
    this.cancel = null;
  }

  /** One turn: plan, maybe validate, maybe write; then the next turn is scheduled. */
  async turn(): Promise<void> {
    // The next write is decided on what it believes now, before this one's round trips (a
    // cached-belief leader frozen during them still holds the belief from before the freeze).
    const next = this.d.belief();
    try {
      const plan = planWrite(this.d.bug, this.d.belief(), this.cached);
      if (!plan.write || this.stopped) return;
      if (plan.validate && !(await this.d.confirm(plan.token))) {
        this.d.debug(`write skipped: could not confirm the leadership with token ${plan.token}`);
        return;
      }
      if (this.stopped) return;
      this.seq += 1;
      const request = { node: this.d.node, token: plan.token, seq: this.seq };
      const answer = await this.d.post(request).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) }));
      if ("error" in answer) this.d.debug(`write ${request.seq} (token ${request.token}): no answer from the witness: ${answer.error}`);
      else if (answer.outcome !== "accepted") this.d.debug(`write ${request.seq} (token ${request.token}): ${answer.outcome ?? `status ${answer.status}`}${answer.highest !== undefined ? `, highest ${answer.highest}` : ""}`);
    } finally {
      this.arm(next);
    }
  }

  private arm(belief: Belief): void {
    if (this.stopped) return;
    this.cached = { leading: belief.leading, token: belief.token };
    this.cancel = this.d.schedule(this.d.intervalMs, () => void this.turn());
  }
}
