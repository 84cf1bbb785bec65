/**
 * Bug mode startup-window (Parabol #11262): once at boot, take a lock with a lease of
 * SB_WINDOW_MS (persistent znode <path>/primary-lock holding the expiry time). The winner leads
 * forever: the lease is never renewed and nobody checks again; disconnects are ignored.
 */
import { ensurePath, sessionFor, type CandidateDeps } from "./latch.js";
import { LEASE_NODE, decideLease, encodeLease, parseLeaseExpiry } from "./lease.js";
import { Session } from "./session.js";
import { zxidToken } from "./decide.js";
import { CONNECTION_CODES, ZK, zkErrorCode } from "./zk-client.js";

const TICK_MS = 200;

export class StartupWindowCandidate {
  private readonly session: Session;
  private decided = false;
  private running = false;
  private leading = false;
  private ticker: NodeJS.Timeout | null = null;

  constructor(private readonly d: CandidateDeps) {
    this.session = sessionFor(d, {
      connected: () => void this.decideOnce(),
      suspended: () => undefined, // ignored: the primary never stops
      expired: () => undefined,
    });
  }

  start(): void {
    this.d.out.follower();
    this.d.out.log(`startup-window candidate ${this.d.config.node}: lease ${this.d.config.windowMs} ms, taken once at boot`);
    this.session.open();
    this.ticker = setInterval(() => this.session.tick(this.d.monotonic()), TICK_MS);
  }

  stop(): void {
    if (this.ticker) clearInterval(this.ticker);
    if (this.leading) this.d.out.follower();
    this.leading = false;
    this.session.close();
    this.d.out.conn("closed");
  }

  /** Runs on connection until it has decided once (a connection loss mid-way retries). */
  private async decideOnce(): Promise<void> {
    if (this.decided || this.running) return;
    const client = this.session.client;
    if (client === null) return;
    this.running = true;
    const lock = `${this.d.config.electionPath}/${LEASE_NODE}`;
    try {
      await ensurePath(client, this.d.config.electionPath);
      let existing: { expiresAt: number | null; version: number } | null = null;
      try {
        const [stat, data] = await client.get(lock, false);
        existing = { expiresAt: parseLeaseExpiry(data), version: stat.version };
      } catch (err) {
        if (zkErrorCode(err) !== ZK.ZNONODE) throw err;
      }
      const now = Date.now();
      const decision = decideLease(existing, now, this.d.config.windowMs);
      const data = encodeLease(decision.action === "blocked" ? 0 : decision.expiresAt, this.d.config.node);
      if (decision.action === "blocked") {
        this.follow(`lock ${lock} is held until ${new Date(decision.until).toISOString()}; staying follower for good`);
        return;
      }
      if (decision.action === "create") {
        try {
          await client.create(lock, data, ZK.PERSISTENT);
        } catch (err) {
          if (zkErrorCode(err) !== ZK.ZNODEEXISTS) throw err;
          this.follow(`lock ${lock} was taken by another server first; staying follower for good`);
          return;
        }
        const stat = await client.exists(lock, false);
        this.lead(zxidToken(stat.mzxid), `took lock ${lock} until ${new Date(decision.expiresAt).toISOString()}`);
        return;
      }
      try {
        const stat = await client.set(lock, data, decision.version);
        this.lead(
          zxidToken(stat.mzxid),
          `lock ${lock} had expired (${decision.previous === null ? "unreadable" : new Date(decision.previous).toISOString()}); took it until ${new Date(decision.expiresAt).toISOString()}`,
        );
      } catch (err) {
        if (zkErrorCode(err) !== ZK.ZBADVERSION && zkErrorCode(err) !== ZK.ZNONODE) throw err;
        this.follow(`lock ${lock} changed while taking it; staying follower for good`);
      }
    } catch (err) {
      const code = zkErrorCode(err);
      if (code !== undefined && CONNECTION_CODES.has(code)) {
        this.d.debug(`startup-window: ${String(err)}; will try again on the next connection`);
      } else {
        this.d.out.log(`startup-window: failed: ${err instanceof Error ? err.message : String(err)}; will try again on the next connection`);
      }
    } finally {
      this.running = false;
    }
  }

  private lead(token: string, why: string): void {
    this.decided = true;
    this.leading = true;
    this.d.out.log(`startup-window: ${why}; primary for good, never renewed`);
    this.d.out.leader(token);
  }

  private follow(why: string): void {
    this.decided = true;
    this.d.out.log(`startup-window: ${why}`);
  }
}
