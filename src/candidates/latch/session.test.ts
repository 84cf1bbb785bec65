import { EventEmitter } from "node:events";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Reporter } from "./protocol.js";
import { Session, type SessionListener } from "./session.js";
import type { ZkClient, ZkConstructor, ZkInitConfig } from "./zk-client.js";

/** A fake handle: tests drive its session events; `initFails` mimics zookeeper_init returning NULL. */
class FakeZk extends EventEmitter {
  static instances: FakeZk[] = [];
  static initFails = false;
  static nextId = 1;
  client_id = "0";
  timeout = -1;
  state = 0;
  closed = false;
  constructor(readonly config: ZkInitConfig) {
    super();
    FakeZk.instances.push(this);
  }
  init(): this {
    if (!FakeZk.initFails) this.timeout = this.config.timeout;
    return this;
  }
  close(): void {
    this.closed = true;
    this.emit("close", this, 0);
  }
  connectNew(): void {
    this.client_id = (FakeZk.nextId++).toString(16);
    this.emit("connect");
  }
  /** Requests of the probe: answered at once unless `silent` (then they wait for ever). */
  static silent = false;
  probes = 0;
  exists(): Promise<unknown> {
    this.probes++;
    return FakeZk.silent ? new Promise(() => undefined) : Promise.resolve({});
  }
}

function setup() {
  let now = 0;
  const lines: Array<Record<string, unknown>> = [];
  const events: string[] = [];
  const listener: SessionListener = {
    connected: (fresh) => events.push(fresh ? "fresh" : "again"),
    suspended: () => events.push("suspended"),
    expired: () => events.push("expired"),
  };
  const session = new Session({
    zk: FakeZk as unknown as ZkConstructor,
    connect: "zk1:2181",
    sessionTimeoutMs: 6000,
    zkLogLevel: 0,
    out: new Reporter((c) => lines.push(JSON.parse(c) as Record<string, unknown>), { now: () => now }),
    debug: () => undefined,
    monotonic: () => now,
    listener,
  });
  return { session, lines, events, advance: (ms: number) => (now += ms), at: () => now };
}

const handle = (i: number): FakeZk => {
  const h = FakeZk.instances[i];
  if (!h) throw new Error(`no handle ${i}`);
  return h;
};

describe("Session", () => {
  beforeEach(() => {
    vi.useFakeTimers();
    FakeZk.instances = [];
    FakeZk.initFails = false;
    FakeZk.silent = false;
  });
  afterEach(() => vi.useRealTimers());

  it("reports connected / suspended / reconnected for one session", () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    handle(0).emit("connecting");
    handle(0).emit("connect");
    expect(t.lines.map((l) => l["state"])).toEqual(["connected", "suspended", "reconnected"]);
    expect(t.events).toEqual(["fresh", "suspended", "again"]);
  });

  it("simulates the expiration after one session timeout of disconnection and opens a new handle", () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    handle(0).emit("connecting");
    t.advance(5999);
    t.session.tick(t.at());
    expect(FakeZk.instances).toHaveLength(1);
    t.advance(1);
    t.session.tick(t.at());
    expect(handle(0).closed).toBe(true);
    expect(FakeZk.instances).toHaveLength(2);
    expect(t.lines.slice(-2)).toMatchObject([{ sb: "conn", state: "expired" }, { sb: "log" }]);
    expect(String(t.lines.at(-1)?.["msg"])).toContain("simulated session expiration");
    expect(t.events).toEqual(["fresh", "suspended", "expired"]);
    // the old handle's late events are ignored
    handle(0).emit("connect");
    handle(1).connectNew();
    expect(t.events).toEqual(["fresh", "suspended", "expired", "fresh"]);
  });

  it("a server-side expiry (close -112) opens a new session after a short delay", () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    handle(0).emit("close", handle(0), -112);
    expect(t.lines.at(-1)).toMatchObject({ sb: "conn", state: "expired" });
    vi.advanceTimersByTime(150);
    expect(FakeZk.instances).toHaveLength(2);
  });

  it("retries a handle whose init failed (no host name resolves) and logs it once", () => {
    FakeZk.initFails = true;
    const t = setup();
    t.session.open();
    vi.advanceTimersByTime(3100);
    expect(FakeZk.instances).toHaveLength(4);
    expect(t.lines.filter((l) => l["sb"] === "log")).toHaveLength(1);
    FakeZk.initFails = false;
    vi.advanceTimersByTime(1000);
    handle(4).connectNew();
    expect(t.events).toEqual(["fresh"]);
  });

  it("asks ZooKeeper something every sixth of the session timeout while connected, and stays connected while it answers", async () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    for (let i = 0; i < 30; i++) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
    }
    expect(handle(0).probes).toBe(6); // 6 s at one per 1000 ms
    expect(t.lines.map((l) => l["state"]).filter((x) => x !== undefined)).toEqual(["connected"]);
  });

  it("treats a connection that stops answering as lost after two thirds of the session timeout, with no event from the client", async () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    FakeZk.silent = true;
    let n = 0;
    while (!t.events.includes("suspended") && n++ < 100) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
    }
    expect(t.at()).toBe(4200); // the first tick past 4000 ms of silence
    expect(t.lines.filter((l) => l["sb"] === "conn").map((l) => l["state"])).toEqual(["connected", "suspended"]);
    expect(String(t.lines.at(-1)?.["msg"])).toContain("no answer from ZooKeeper for 4200 ms (limit 4000 ms) although the client reports a connection");
    // Disconnected since the last answer (t=0): the simulated expiry comes one session timeout after it.
    t.advance(1799);
    t.session.tick(t.at());
    expect(FakeZk.instances).toHaveLength(1);
    t.advance(1);
    t.session.tick(t.at());
    expect(handle(0).closed).toBe(true);
    expect(FakeZk.instances).toHaveLength(2);
    expect(t.events).toEqual(["fresh", "suspended", "expired"]);
  });

  it("a connection declared lost for silence that answers again is reconnected, once", async () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    FakeZk.silent = true;
    for (let i = 0; i < 21; i++) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
    }
    expect(t.events).toEqual(["fresh", "suspended"]);
    // The client's own "connect" for the same session: reconnected; a probe answer after it adds nothing.
    handle(0).emit("connect");
    FakeZk.silent = false;
    for (let i = 0; i < 10; i++) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
    }
    expect(t.events).toEqual(["fresh", "suspended", "again"]);
    expect(t.lines.filter((l) => l["sb"] === "conn").map((l) => l["state"])).toEqual(["connected", "suspended", "reconnected"]);
  });

  it("keeps asking after declaring silence: the first answer is a reconnection, before any client event", async () => {
    const t = setup();
    t.session.open();
    handle(0).connectNew();
    FakeZk.silent = true;
    for (let i = 0; i < 21; i++) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
    }
    expect(t.events).toEqual(["fresh", "suspended"]);
    FakeZk.silent = false;
    for (let i = 0; i < 5 && !t.events.includes("again"); i++) {
      t.advance(200);
      t.session.tick(t.at());
      await Promise.resolve();
      await Promise.resolve();
    }
    expect(t.events).toEqual(["fresh", "suspended", "again"]);
    expect(FakeZk.instances).toHaveLength(1);
    // the client's own late "connect" for the same session adds nothing
    handle(0).emit("connect");
    expect(t.lines.filter((l) => l["sb"] === "conn").map((l) => l["state"])).toEqual(["connected", "suspended", "reconnected"]);
  });

  it("replaces a handle that never connected within twice the session timeout", () => {
    const t = setup();
    t.session.open();
    t.advance(11_999);
    t.session.tick(t.at());
    expect(FakeZk.instances).toHaveLength(1);
    t.advance(1);
    t.session.tick(t.at());
    expect(FakeZk.instances).toHaveLength(2);
    expect(t.lines).toEqual([]);
  });
});

// keep the fake structurally close to the real interface
const _typecheck: (z: FakeZk) => Pick<ZkClient, "client_id" | "timeout" | "state"> = (z) => z;
void _typecheck;
