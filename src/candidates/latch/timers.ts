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
