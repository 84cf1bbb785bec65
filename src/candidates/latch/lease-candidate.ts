/**
 * The `lease` candidate (lease-renewal.ts has its rules): a leader lease in the persistent znode
 * <path>/lease, renewed with a versioned setData every sixth of the lease, taken over by another
 * candidate once its own clock says the lease expired. It believes it leads until its own clock
 * says the lease is a third from its end. Its token is the zxid of the write that began its term.
 * The ZooKeeper session only carries the requests: a lost connection just lets the lease run out.
 */
import { ensurePath, sessionFor, type CandidateDeps } from "./latch.js";
import { zxidToken } from "./decide.js";
import { believeUntil, decideRenewal, encodeRecord, leaseTiming, parseRecord, RENEWAL_NODE, type LeaseRecord, type LeaseTiming } from "./lease-renewal.js";
import type { Session } from "./session.js";
import { CONNECTION_CODES, ZK, zkErrorCode } from "./zk-client.js";

/** How often it checks whether its belief ran out (ms of the monotonic clock). */
const CHECK_MS = 100;

export class LeaseCandidate {
  private readonly session: Session;
  private readonly timing: LeaseTiming;
  private readonly path: string;
  /** The token of the term it holds, null while it holds none. */
  private token: string | null = null;
  private leading = false;
  /** Its own wall clock: until when it believes it leads. */
  private until = 0;
  private running = false;
  private stopped = false;
  private checker: NodeJS.Timeout | null = null;
  private renewer: NodeJS.Timeout | null = null;

  constructor(private readonly d: CandidateDeps) {
    this.timing = leaseTiming(d.config.sessionTimeoutMs);
    this.path = `${d.config.electionPath}/${RENEWAL_NODE}`;
    this.session = sessionFor(d, {
      connected: () => void this.round(),
      suspended: () => undefined,
      expired: () => undefined,
    });
  }

  start(): void {
    this.d.out.follower();
    this.d.out.log(
      `lease candidate ${this.d.config.node}: lease ${this.timing.leaseMs} ms in ${this.path}, renewed every ${this.timing.renewMs} ms, believed until ${this.timing.marginMs} ms before its end (its own clock)`,
    );
    this.session.open();
    this.checker = setInterval(() => this.check(), CHECK_MS);
    this.renewer = setInterval(() => void this.round(), this.timing.renewMs);
  }

  /** SIGTERM/SIGINT: stop believing first, then close the session (the lease runs out by itself). */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.checker) clearInterval(this.checker);
    if (this.renewer) clearInterval(this.renewer);
    this.drop();
    this.session.close();
    this.d.out.conn("closed");
  }

  belief(): { leading: boolean; token: string | null } {
    return { leading: this.leading, token: this.leading ? this.token : null };
  }

  /** Before an effect: it still believes it leads with `token`, by its own clock. */
  confirmLeadership(token: string): Promise<boolean> {
    this.check();
    return Promise.resolve(this.leading && this.token === token);
  }

  /** Stops believing once its own clock passed the belief's end. */
  private check(): void {
    if (this.leading && Date.now() >= this.until) {
      this.d.out.log(`lease: not renewed in time (believed until ${new Date(this.until).toISOString()}); stepping down`);
      this.drop();
    }
  }

  private drop(): void {
    if (this.leading) this.d.out.follower();
    this.leading = false;
  }

  private lead(token: string, sentAt: number, why: string | undefined): void {
    this.until = believeUntil(sentAt, this.timing);
    const resumed = this.token === token;
    this.token = token;
    if (!this.leading) {
      this.leading = true;
      if (why !== undefined) this.d.out.log(`lease: ${why}`);
      this.d.out.leader(token);
    } else if (!resumed) {
      this.d.out.leader(token);
    }
  }

  /** Lost the term: someone else wrote the znode since it was read. */
  private lose(why: string): void {
    this.token = null;
    if (this.leading) this.d.out.log(`lease: ${why}; stepping down`);
    this.drop();
  }

  /** One read-decide-write round; rounds never overlap. */
  private async round(): Promise<void> {
    const client = this.session.client;
    if (this.running || this.stopped || client === null || !this.session.connected) return;
    this.running = true;
    try {
      await ensurePath(client, this.d.config.electionPath);
      let existing: { record: LeaseRecord | null; version: number } | null = null;
      try {
        const [stat, data] = await client.get(this.path, false);
        existing = { record: parseRecord(data), version: stat.version };
      } catch (err) {
        if (zkErrorCode(err) !== ZK.ZNONODE) throw err;
      }
      const sentAt = Date.now();
      const decision = decideRenewal(existing, this.d.config.node, this.token !== null, sentAt, this.timing.leaseMs);
      switch (decision.action) {
        case "wait":
          if (this.token !== null) this.lose(`${decision.holder} holds the lease until ${new Date(decision.until).toISOString()}`);
          return;
        case "create":
          try {
            await client.create(this.path, encodeRecord(decision.record), ZK.PERSISTENT);
          } catch (err) {
            if (zkErrorCode(err) !== ZK.ZNODEEXISTS) throw err;
            return;
          }
          this.lead(zxidToken((await client.exists(this.path, false)).mzxid), sentAt, `created ${this.path}, holding it until ${new Date(decision.record.expiresAt).toISOString()}`);
          return;
        case "renew":
        case "take": {
          let stat;
          try {
            stat = await client.set(this.path, encodeRecord(decision.record), decision.version);
          } catch (err) {
            const code = zkErrorCode(err);
            if (code !== ZK.ZBADVERSION && code !== ZK.ZNONODE) throw err;
            this.lose(`${this.path} changed since it was read`);
            return;
          }
          if (decision.action === "renew" && this.token !== null) {
            this.lead(this.token, sentAt, "renewed its lease");
            return;
          }
          const previous = decision.action === "take" ? decision.previous : null;
          this.lead(
            zxidToken(stat.mzxid),
            sentAt,
            `took ${this.path} (${previous === null ? "no readable lease" : `${previous.owner}'s lease ended ${new Date(previous.expiresAt).toISOString()}`} by its own clock ${new Date(sentAt).toISOString()})`,
          );
          return;
        }
      }
    } catch (err) {
      const code = zkErrorCode(err);
      if (code === undefined || !CONNECTION_CODES.has(code)) this.d.out.log(`lease: a round failed: ${err instanceof Error ? err.message : String(err)}`);
      else this.d.debug(`lease: ${String(err)}; next round on the next tick`);
    } finally {
      this.running = false;
    }
  }
}
