/** Pure timing logic on an injected (monotonic) clock. */

/**
 * Curator-like simulated session expiration: after one session timeout of continuous
 * disconnection, the handle is dropped and a new session started. A wiped ensemble refuses
 * the old session forever (the client has seen a higher zxid), so this is the only way out.
 */
export class DisconnectClock {
  private since: number | null = null;

  /** The connection was lost at `now` (later calls while still disconnected keep the first time). */
  disconnected(now: number): void {
    if (this.since === null) this.since = now;
  }

  connected(): void {
    this.since = null;
  }

  reset(): void {
    this.since = null;
  }

  isDisconnected(): boolean {
    return this.since !== null;
  }

  elapsed(now: number): number {
    return this.since === null ? 0 : now - this.since;
  }

  shouldExpire(now: number, sessionTimeoutMs: number): boolean {
    return this.since !== null && now - this.since >= sessionTimeoutMs;
  }
}

/**
 * Detects that this process did not run for a while (SIGSTOP, docker pause, a long GC):
 * the gap between two ticks of a periodic timer. After such a gap the session may have
 * expired on the server although the client has not noticed yet.
 */
export class StallDetector {
  private last: number | null = null;

  constructor(private readonly thresholdMs: number) {}

  /** Returns the gap when it exceeded the threshold, else null. */
  tick(now: number): number | null {
    const prev = this.last;
    this.last = now;
    if (prev === null) return null;
    const gap = now - prev;
    return gap > this.thresholdMs ? gap : null;
  }
}

/**
 * Stall threshold: a stall shorter than about half the session timeout cannot have let the
 * session expire (the server counts from our last packet; the client pings every third of it).
 */
export function stallThresholdMs(sessionTimeoutMs: number): number {
  return Math.max(1000, Math.floor(sessionTimeoutMs / 2));
}

/**
 * Whether ZooKeeper still answers while the client says it is connected. The C client can lose
 * its connection without a session event: seen when it re-resolves the server names, finds an
 * address changed (a server restarted on a new one) and moves its connection there; if that
 * server, and then every other, is unreachable, it retries for ever in silence. The latch sends
 * a cheap request now and then and counts the time since the last answer.
 */
export class AnswerWatch {
  private lastAnswer: number | null = null;
  private lastSent: number | null = null;
  private outstanding = false;

  /** A connection came up, or a request was answered, at `now`. */
  answered(now: number): void {
    this.lastAnswer = now;
    this.outstanding = false;
  }

  /** A request failed without an answer (connection loss, timeout). */
  failed(): void {
    this.outstanding = false;
  }

  /** A new handle: nothing known. */
  reset(): void {
    this.lastAnswer = null;
    this.lastSent = null;
    this.outstanding = false;
  }

  /**
   * Whether to send a request now: the last was sent `intervalMs` ago or more, and it was
   * answered or failed, or has waited four intervals (a request the client never completes must
   * not stop the probing).
   */
  shouldProbe(now: number, intervalMs: number): boolean {
    if (this.lastSent === null) return true;
    const since = now - this.lastSent;
    return since >= intervalMs && (!this.outstanding || since >= 4 * intervalMs);
  }

  sent(now: number): void {
    this.lastSent = now;
    this.outstanding = true;
  }

  /** Time since the last answer (0 before the first). */
  silentFor(now: number): number {
    return this.lastAnswer === null ? 0 : now - this.lastAnswer;
  }
}

/** How often the latch asks ZooKeeper something while connected: a sixth of the session timeout. */
export function probeIntervalMs(sessionTimeoutMs: number): number {
  return Math.max(100, Math.floor(sessionTimeoutMs / 6));
}

/**
 * After this long without an answer the connection is treated as lost: two thirds of the
 * session timeout, the bound the C client itself uses for its pings. The server expires the
 * session no sooner than one session timeout after the last request it received from us, so the
 * latch steps down before anyone else can be elected.
 */
export function silenceLimitMs(sessionTimeoutMs: number): number {
  return Math.floor((sessionTimeoutMs * 2) / 3);
}
