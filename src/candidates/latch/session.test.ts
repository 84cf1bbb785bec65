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
