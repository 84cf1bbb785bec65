/**
 * One ZooKeeper session at a time on the C client binding: reports connection states, turns
 * server-side expiry into a new handle, and simulates expiry (like Curator) after one session
 * timeout of continuous disconnection, since a wiped ensemble refuses the old session forever.
 */
import type { Reporter } from "./protocol.js";
import { AnswerWatch, DisconnectClock, probeIntervalMs, silenceLimitMs } from "./timers.js";
import { ZK, type ZkClient, type ZkConstructor } from "./zk-client.js";

export interface SessionListener {
  /** A connection is up; `fresh` when it is the first one of a new session. */
  connected(fresh: boolean): void;
  /** The connection was lost (the session may still be alive on the server). */
  suspended(): void;
  /** The session is gone (server said so, or simulated); a new one is being opened. */
  expired(): void;
}

export interface SessionOptions {
  zk: ZkConstructor;
  connect: string;
  sessionTimeoutMs: number;
  zkLogLevel: number;
  out: Reporter;
  debug: (msg: string) => void;
  monotonic: () => number;
  listener: SessionListener;
  /** delay before opening the next session after an expiry */
  reopenDelayMs?: number;
  /** delay before trying again when a handle could not be created (e.g. no host name resolves) */
  initRetryMs?: number;
}

export class Session {
  /** Incremented for each handle; callbacks of older handles are ignored. */
  generation = 0;
  client: ZkClient | null = null;
  sessionId: string | null = null;
  connected = false;
  /** number of handles opened so far */
  handles = 0;
  private negotiatedMs: number | null = null;
  private readonly disconnect = new DisconnectClock();
  private readonly answers = new AnswerWatch();
  /** The connection was declared lost for lack of answers, not by a session event. */
  private silent = false;
  private stopped = false;
  private reopenTimer: NodeJS.Timeout | null = null;
  private openedAt = 0;
  private initFailures = 0;

  constructor(private readonly o: SessionOptions) {}

  /** Session timeout in effect: the negotiated one once known, else the requested one. */
  get timeoutMs(): number {
    return this.negotiatedMs !== null && this.negotiatedMs > 0 ? this.negotiatedMs : this.o.sessionTimeoutMs;
  }

  isCurrent(generation: number): boolean {
    return !this.stopped && generation === this.generation && this.client !== null;
  }

  open(): void {
    if (this.stopped) return;
    const generation = ++this.generation;
    this.handles++;
    this.sessionId = null;
    this.connected = false;
    this.negotiatedMs = null;
    this.disconnect.reset();
    this.answers.reset();
    this.silent = false;
    const client = new this.o.zk({
      connect: this.o.connect,
      timeout: this.o.sessionTimeoutMs,
      debug_level: this.o.zkLogLevel,
      host_order_deterministic: false,
    });
    this.client = client;
    client.on("connect", () => {
      if (generation === this.generation) this.onConnect(client);
    });
    client.on("connecting", () => {
      if (generation === this.generation) this.onConnecting();
    });
    client.on("close", (_c: unknown, code: number) => {
      if (generation === this.generation) this.onClose(code);
    });
    this.o.debug(`session: opening handle #${this.handles} to ${this.o.connect} (timeout ${this.o.sessionTimeoutMs} ms)`);
    this.openedAt = this.o.monotonic();
    let failure: string | null = null;
    try {
      client.init({});
      // The JS wrapper drops the native init's error: zookeeper_init returns NULL when no host
      // name of the connect string resolves (Docker's DNS forgets stopped containers), and
      // then no event ever comes. A handle-less client reports timeout -1.
      if (client.timeout < 0) failure = "zookeeper_init failed (no server name resolves?)";
    } catch (err) {
      failure = err instanceof Error ? err.message : String(err);
    }
    if (failure !== null) {
      this.generation++;
      this.client = null;
      this.initFailures++;
      if (this.initFailures === 1) this.o.out.log(`cannot create a ZooKeeper handle: ${failure}; retrying every ${this.o.initRetryMs ?? 1000} ms`);
      this.o.debug(`session: ${failure} (attempt ${this.initFailures})`);
      this.scheduleOpen(this.o.initRetryMs ?? 1000);
      return;
    }
    this.initFailures = 0;
  }

  private scheduleOpen(delayMs: number): void {
    if (this.stopped || this.reopenTimer) return;
    this.reopenTimer = setTimeout(() => {
      this.reopenTimer = null;
      this.open();
    }, delayMs);
  }

  /** A handle that never connected is replaced after this long (its C client may be wedged). */
  get connectTimeoutMs(): number {
    return 2 * this.o.sessionTimeoutMs;
  }

  /**
   * Call periodically: while connected, asks ZooKeeper something now and then and treats the
   * connection as lost when nothing answers for too long (AnswerWatch); while disconnected,
   * simulates the session expiration after one session timeout.
   */
  tick(now: number): void {
    if (this.stopped || this.client === null) return;
    if (this.connected) {
      const silent = this.answers.silentFor(now);
      if (silent <= silenceLimitMs(this.timeoutMs)) {
        this.probe(this.client, now);
        return;
      }
      this.onSilence(now, silent);
    } else if (this.silent) {
      // Declared lost for silence: keep asking; an answer means it is back.
      this.probe(this.client, now);
    }
    if (this.sessionId === null) {
      // Never connected. The binding stops polling a handle whose zookeeper_interest failed
      // (e.g. host names stopped resolving), so such a handle would wait forever.
      if (now - this.openedAt >= this.connectTimeoutMs) {
        this.o.debug(`session: handle #${this.handles} did not connect within ${this.connectTimeoutMs} ms; replacing it`);
        this.dropHandle();
        this.open();
      }
      return;
    }
    if (!this.disconnect.shouldExpire(now, this.timeoutMs)) return;
    const elapsed = Math.round(this.disconnect.elapsed(now));
    this.dropHandle();
    this.o.out.conn("expired");
    this.o.out.log(
      `simulated session expiration: disconnected for ${elapsed} ms >= session timeout ${this.timeoutMs} ms; closing the handle and opening a new session`,
    );
    this.o.listener.expired();
    this.open();
  }

  /** Close for good (shutdown): the server deletes our ephemeral nodes at once. */
  close(): void {
    this.stopped = true;
    if (this.reopenTimer) clearTimeout(this.reopenTimer);
    this.dropHandle();
  }

  private dropHandle(): void {
    const c = this.client;
    this.generation++;
    this.client = null;
    this.connected = false;
    this.sessionId = null;
    this.disconnect.reset();
    this.answers.reset();
    this.silent = false;
    if (c !== null) {
      try {
        c.close();
      } catch (err) {
        this.o.debug(`session: close failed: ${String(err)}`);
      }
    }
  }

  /** One cheap request (exists "/"); its answer, from the handle still current, counts. */
  private probe(client: ZkClient, now: number): void {
    if (!this.answers.shouldProbe(now, probeIntervalMs(this.timeoutMs))) return;
    this.answers.sent(now);
    const generation = this.generation;
    client.exists("/", false).then(
      () => {
        if (generation !== this.generation) return;
        this.answers.answered(this.o.monotonic());
        // Declared lost for silence, and it answers again: the connection is back.
        if (this.silent && !this.connected && this.client === client) this.onConnect(client);
      },
      () => {
        if (generation === this.generation) this.answers.failed();
      },
    );
  }

  private onSilence(now: number, silentMs: number): void {
    this.connected = false;
    this.silent = true;
    // Disconnected since the last answer: the simulated expiry counts from there.
    this.disconnect.disconnected(now - silentMs);
    this.o.out.conn("suspended");
    this.o.out.log(
      `no answer from ZooKeeper for ${Math.round(silentMs)} ms (limit ${silenceLimitMs(this.timeoutMs)} ms) although the client reports a connection: treating it as lost`,
    );
    this.o.listener.suspended();
  }

  private onConnect(client: ZkClient): void {
    const id = client.client_id;
    const fresh = this.sessionId !== id;
    this.answers.answered(this.o.monotonic());
    this.silent = false;
    // Already connected to this session (a probe's answer came first): nothing new to report.
    if (this.connected && !fresh) return;
    this.sessionId = id;
    this.connected = true;
    this.negotiatedMs = client.timeout;
    this.disconnect.connected();
    this.o.out.conn(fresh ? "connected" : "reconnected");
    if (fresh) this.o.debug(`session: 0x${id} established, negotiated timeout ${client.timeout} ms`);
    this.o.listener.connected(fresh);
  }

  private onConnecting(): void {
    const wasConnected = this.connected;
    this.connected = false;
    this.silent = false;
    this.disconnect.disconnected(this.o.monotonic());
    if (wasConnected) {
      this.o.out.conn("suspended");
      this.o.listener.suspended();
    }
  }

  private onClose(code: number): void {
    // The binding already closed the native handle (expired session or auth failure).
    const id = this.sessionId;
    this.generation++;
    this.client = null;
    this.connected = false;
    this.sessionId = null;
    this.disconnect.reset();
    if (code === ZK.AUTH_FAILED_STATE) {
      this.o.out.conn("auth_failed");
    } else {
      this.o.out.conn("expired");
      if (code !== ZK.EXPIRED_SESSION_STATE) this.o.out.log(`session handle closed by the client with code ${code}`);
    }
    this.o.debug(`session: 0x${id ?? "?"} gone (code ${code}); opening a new one`);
    this.o.listener.expired();
    this.scheduleOpen(this.o.reopenDelayMs ?? 100);
  }
}
