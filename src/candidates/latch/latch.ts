/**
 * The latch candidate: ephemeral-sequential node under the election path, watch of the
 * predecessor, leader when first in line AND that node is owned by the current session.
 * Bug modes ignore-disconnect and no-path-recreate are switches in this one state machine.
 */
import type { LatchConfig } from "./config.js";
import { decide, normalizeId, type ChildInfo } from "./decide.js";
import { INITIAL_LEADERSHIP, nextLeadership, type LeadershipInput, type LeadershipState } from "./leadership.js";
import type { Reporter } from "./protocol.js";
import { Session, type SessionListener } from "./session.js";
import { StallDetector, stallThresholdMs } from "./timers.js";
import { CONNECTION_CODES, ZK, zkErrorCode, type ZkClient, type ZkConstructor } from "./zk-client.js";

export interface CandidateDeps {
  config: LatchConfig;
  zk: ZkConstructor;
  out: Reporter;
  debug: (msg: string) => void;
  monotonic: () => number;
}

/** The session a candidate runs on, with its protocol output and config; only the listener differs. */
export function sessionFor(d: CandidateDeps, listener: SessionListener): Session {
  return new Session({
    zk: d.zk,
    connect: d.config.connect,
    sessionTimeoutMs: d.config.sessionTimeoutMs,
    zkLogLevel: d.config.zkLogLevel,
    out: d.out,
    debug: d.debug,
    monotonic: d.monotonic,
    listener,
  });
}

export const NODE_PREFIX = "n_";
const TICK_MS = 200;
const RETRY_MS = 1000;

/** Creates `path` and its parents as persistent nodes; an existing node is fine. */
export async function ensurePath(client: ZkClient, path: string): Promise<void> {
  const parts = path.split("/").filter((p) => p !== "");
  let cur = "";
  for (const part of parts) {
    cur += "/" + part;
    try {
      await client.create(cur, "", ZK.PERSISTENT);
    } catch (err) {
      if (zkErrorCode(err) !== ZK.ZNODEEXISTS) throw err;
    }
  }
}

export class LatchCandidate {
  private readonly session: Session;
  private leadership: LeadershipState = INITIAL_LEADERSHIP;
  private myNode: string | null = null;
  /** paths with a live watch of the current handle */
  private readonly watching = new Set<string>();
  private running = false;
  private rerun = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private ticker: NodeJS.Timeout | null = null;
  private readonly stall: StallDetector;
  private readonly stallThresholdMs: number;
  private stopped = false;
  /** no-path-recreate: the path may only be created before the first join */
  private joinedOnce = false;

  constructor(private readonly d: CandidateDeps) {
    this.stallThresholdMs = stallThresholdMs(d.config.sessionTimeoutMs);
    this.stall = new StallDetector(this.stallThresholdMs);
    this.session = sessionFor(d, {
      connected: (fresh) => {
        if (fresh) this.resetForNewSession();
        this.requestElection();
      },
      suspended: () => this.apply({ kind: "disconnected" }),
      expired: () => {
        this.resetForNewSession();
        this.apply({ kind: "expired" });
      },
    });
  }

  start(): void {
    this.d.out.follower();
    this.d.out.log(
      `latch candidate ${this.d.config.node}: path ${this.d.config.electionPath}, session timeout ${this.d.config.sessionTimeoutMs} ms, bug ${this.d.config.bug}`,
    );
    this.session.open();
    this.ticker = setInterval(() => this.tick(), TICK_MS);
  }

  /** SIGTERM/SIGINT: stop leading first (so no overlap with the successor), then close the session. */
  stop(): void {
    if (this.stopped) return;
    this.stopped = true;
    if (this.ticker) clearInterval(this.ticker);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.apply({ kind: "shutdown" });
    this.session.close();
    this.d.out.conn("closed");
  }

  /** What it believes now: leading or not, with the token of its `leader` line. */
  belief(): { leading: boolean; token: string | null } {
    return { leading: this.leadership.leading, token: this.leadership.token };
  }

  /**
   * Re-validates the leadership before an effect (a write to the witness), as the latch's design
   * says a leader is: it still believes it leads with `token`, its session is connected, and a
   * fresh read from ZooKeeper shows its own node still there, owned by this session (no node
   * below it can appear later: sequence numbers only grow). Any doubt answers false.
   */
  async confirmLeadership(token: string): Promise<boolean> {
    const s = this.session;
    const client = s.client;
    const sessionId = s.sessionId;
    const node = this.myNode;
    if (this.stopped || !this.leadership.leading || this.leadership.token !== token) return false;
    if (client === null || sessionId === null || node === null || !s.connected) return false;
    const gen = s.generation;
    try {
      const st = await client.exists(`${this.d.config.electionPath}/${node}`, false);
      return s.isCurrent(gen) && s.connected && normalizeId(st.ephemeralOwner) === normalizeId(sessionId) && this.leadership.leading && this.leadership.token === token;
    } catch {
      return false;
    }
  }

  private resetForNewSession(): void {
    this.myNode = null;
    this.watching.clear();
  }

  private apply(input: LeadershipInput): void {
    const { state, emit } = nextLeadership(this.leadership, input, this.d.config.bug);
    this.leadership = state;
    if (emit?.sb === "leader") this.d.out.leader(emit.token);
    else if (emit?.sb === "follower") this.d.out.follower();
  }

  private tick(): void {
    const now = this.d.monotonic();
    const gap = this.stall.tick(now);
    if (gap !== null) {
      this.d.out.log(`process did not run for ${Math.round(gap)} ms (threshold ${this.stallThresholdMs} ms); checking the election again`);
      this.apply({ kind: "stalled" });
      this.requestElection();
    }
    this.session.tick(now);
  }

  private requestElection(): void {
    if (this.stopped) return;
    if (this.running) {
      this.rerun = true;
      return;
    }
    this.running = true;
    void (async () => {
      try {
        do {
          this.rerun = false;
          await this.step();
        } while (this.rerun && !this.stopped);
      } finally {
        this.running = false;
      }
    })();
  }

  private scheduleRetry(): void {
    if (this.retryTimer || this.stopped) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.requestElection();
    }, RETRY_MS);
  }

  /** One election round; every await re-checks that the handle is still the current one. */
  private async step(): Promise<void> {
    const s = this.session;
    const client = s.client;
    const sessionId = s.sessionId;
    if (client === null || sessionId === null || !s.connected) return;
    const gen = s.generation;
    const path = this.d.config.electionPath;
    try {
      let names: string[];
      try {
        names = await client.get_children(path, false);
      } catch (err) {
        if (zkErrorCode(err) !== ZK.ZNONODE) throw err;
        if (!s.isCurrent(gen)) return;
        this.apply({ kind: "not-elected" });
        if (this.d.config.bug === "no-path-recreate" && this.joinedOnce) {
          // CURATOR-724: the NoNode of getChildren is dropped: no log, no retry, no node.
          this.d.debug(`election: ${path} is missing; no-path-recreate gives up silently`);
          return;
        }
        this.d.debug(`election: ${path} is missing; creating it`);
        await ensurePath(client, path);
        this.rerun = true;
        return;
      }
      if (!s.isCurrent(gen)) return;

      const stats = await Promise.all(
        names.map(async (name): Promise<ChildInfo | null> => {
          try {
            const st = await client.exists(`${path}/${name}`, false);
            return { name, owner: st.ephemeralOwner, czxid: st.czxid };
          } catch (err) {
            if (zkErrorCode(err) === ZK.ZNONODE) return null;
            throw err;
          }
        }),
      );
      if (!s.isCurrent(gen)) return;
      const children = stats.filter((c): c is ChildInfo => c !== null);
      const decision = decide({ children, myNode: this.myNode, sessionId });

      for (const stray of decision.strays) {
        this.d.debug(`election: deleting stray node ${stray} of this session`);
        client.delete_(`${path}/${stray}`, -1).catch(() => undefined);
      }

      if (decision.kind === "join") {
        this.apply({ kind: "not-elected" });
        if (decision.reason !== "no-node") this.d.out.log(`own node ${this.myNode ?? "?"} lost (${decision.reason}); joining again`);
        const created = await client.create(`${path}/${NODE_PREFIX}`, this.d.config.node, ZK.EPHEMERAL_SEQUENTIAL).catch((err: unknown) => {
          if (zkErrorCode(err) === ZK.ZNONODE) return null; // path vanished meanwhile: next round sees it
          throw err;
        });
        if (!s.isCurrent(gen)) return;
        if (created !== null) {
          this.myNode = created.slice(created.lastIndexOf("/") + 1);
          this.joinedOnce = true;
          this.d.debug(`election: created ${created} in session 0x${sessionId}`);
        }
        this.rerun = true;
        return;
      }

      this.myNode = decision.node;
      if (decision.kind === "lead") {
        this.apply({ kind: "elected", token: decision.token });
        await this.watch(client, gen, `${path}/${decision.node}`);
      } else {
        this.apply({ kind: "not-elected" });
        await this.watch(client, gen, `${path}/${decision.node}`);
        await this.watch(client, gen, `${path}/${decision.watch}`);
      }
    } catch (err) {
      const code = zkErrorCode(err);
      if (code !== undefined && CONNECTION_CODES.has(code)) {
        this.d.debug(`election: ${String(err)}; waiting for the session`);
        return;
      }
      this.d.out.log(`election round failed: ${err instanceof Error ? err.message : String(err)}; retrying`);
      this.scheduleRetry();
    }
  }

  /** Existence watch on `path`; a missing node means the round must run again at once. */
  private async watch(client: ZkClient, gen: number, path: string): Promise<void> {
    if (this.watching.has(path)) return;
    this.watching.add(path);
    try {
      await client.w_exists(path, (type) => {
        if (type === ZK.SESSION_EVENT) return; // the C client hands session events to every watcher
        this.watching.delete(path);
        if (this.session.isCurrent(gen)) this.requestElection();
      });
    } catch (err) {
      if (zkErrorCode(err) !== ZK.ZNONODE) {
        this.watching.delete(path);
        throw err;
      }
      // The node is gone already (an exists watch for its creation stays set).
      this.watching.delete(path);
      this.rerun = true;
    }
  }
}
