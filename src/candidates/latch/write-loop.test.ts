import { describe, expect, it } from "vitest";
import { planWrite, WriteLoop, type Belief, type WriteRequest } from "./write-loop.js";

/** A fake clock: scheduled callbacks run when `advance` passes their time. */
class FakeTimers {
  now = 0;
  private queue: Array<{ at: number; fn: () => void; cancelled: boolean }> = [];
  schedule = (ms: number, fn: () => void): (() => void) => {
    const entry = { at: this.now + ms, fn, cancelled: false };
    this.queue.push(entry);
    return () => {
      entry.cancelled = true;
    };
  };
  /** Advances to `to`, running due callbacks in time order and letting their promises settle. */
  async advance(to: number): Promise<void> {
    for (let i = 0; i < 10; i++) await Promise.resolve();
    for (;;) {
      const due = this.queue.filter((e) => !e.cancelled && e.at <= to).sort((a, b) => a.at - b.at)[0];
      if (due === undefined) break;
      this.queue.splice(this.queue.indexOf(due), 1);
      this.now = due.at;
      due.fn();
      for (let i = 0; i < 10; i++) await Promise.resolve();
    }
    this.now = to;
  }
}

function harness(bug: string, confirm: (token: string) => boolean = () => true) {
  const timers = new FakeTimers();
  let belief: Belief = { leading: false, token: null };
  const sent: Array<WriteRequest & { at: number }> = [];
  const confirmed: string[] = [];
  const loop = new WriteLoop({
    node: "c1",
    bug,
    intervalMs: 500,
    belief: () => belief,
    confirm: (token) => {
      confirmed.push(token);
      return Promise.resolve(confirm(token));
    },
    post: (request) => {
      sent.push({ ...request, at: timers.now });
      return Promise.resolve({ status: 200, outcome: "accepted" });
    },
    schedule: timers.schedule,
    debug: () => undefined,
  });
  return { timers, loop, sent, confirmed, set: (b: Belief) => (belief = b) };
}

describe("planWrite", () => {
  const leading = { leading: true, token: "0x5" };
  const follower = { leading: false, token: null };
  it("correct: writes with the current token after validating, only while it believes it leads", () => {
    expect(planWrite("none", leading, follower)).toEqual({ write: true, token: "0x5", validate: true });
    expect(planWrite("none", follower, leading)).toEqual({ write: false });
  });
  it("cached-belief: writes with the belief it had when it scheduled the write, without validating", () => {
    expect(planWrite("cached-belief", follower, leading)).toEqual({ write: true, token: "0x5", validate: false });
    expect(planWrite("cached-belief", leading, follower)).toEqual({ write: false });
    expect(planWrite("cached-belief", leading, null)).toEqual({ write: false });
  });
});

describe("WriteLoop", () => {
  it("correct: writes every interval while it leads, with its token and increasing seq, and stops writing when it stops leading", async () => {
    const h = harness("none");
    h.loop.start();
    await h.timers.advance(1000);
    expect(h.sent).toEqual([]);
    h.set({ leading: true, token: "0x10" });
    await h.timers.advance(2000);
    expect(h.sent.map((w) => [w.at, w.node, w.token, w.seq])).toEqual([
      [1500, "c1", "0x10", 1],
      [2000, "c1", "0x10", 2],
    ]);
    expect(h.confirmed).toEqual(["0x10", "0x10"]);
    h.set({ leading: false, token: null });
    await h.timers.advance(4000);
    expect(h.sent).toHaveLength(2);
  });

  it("correct: a write whose leadership cannot be confirmed is not sent (a thawed leader whose session expired)", async () => {
    let valid = true;
    const h = harness("none", () => valid);
    h.set({ leading: true, token: "0x10" });
    h.loop.start();
    await h.timers.advance(500);
    expect(h.sent).toHaveLength(1);
    // Frozen from 500 to 20000: it still believes it leads, but ZooKeeper no longer has its node.
    valid = false;
    await h.timers.advance(20_000);
    expect(h.sent).toHaveLength(1);
    expect(h.confirmed.length).toBeGreaterThan(1);
  });

  it("cached-belief: after losing the leadership, the write it had scheduled goes out with the old token, unvalidated", async () => {
    const h = harness("cached-belief");
    h.set({ leading: true, token: "0x10" });
    h.loop.start();
    await h.timers.advance(500);
    expect(h.sent.map((w) => w.token)).toEqual(["0x10"]);
    // Paused while leading; on thaw it has already given up (stall detected), but the write scheduled before goes out.
    h.set({ leading: false, token: null });
    await h.timers.advance(1000);
    expect(h.sent.map((w) => [w.at, w.token, w.seq])).toEqual([
      [500, "0x10", 1],
      [1000, "0x10", 2],
    ]);
    expect(h.confirmed).toEqual([]);
    // The next turn sees the new belief: no more writes.
    await h.timers.advance(3000);
    expect(h.sent).toHaveLength(2);
  });

  it("stop: no write after it, the scheduled one is cancelled", async () => {
    const h = harness("none");
    h.set({ leading: true, token: "0x1" });
    h.loop.start();
    await h.timers.advance(500);
    h.loop.stop();
    await h.timers.advance(5000);
    expect(h.sent).toHaveLength(1);
    expect(h.loop.sent).toBe(1);
  });

  it("a witness that does not answer does not stop the loop", async () => {
    const timers = new FakeTimers();
    let calls = 0;
    const loop = new WriteLoop({
      node: "c2",
      bug: "none",
      intervalMs: 100,
      belief: () => ({ leading: true, token: "0x2" }),
      confirm: () => Promise.resolve(true),
      post: () => {
        calls += 1;
        return calls === 1 ? Promise.reject(new Error("ECONNREFUSED")) : Promise.resolve({ error: "no answer within 2000 ms" });
      },
      schedule: timers.schedule,
      debug: () => undefined,
    });
    loop.start();
    await timers.advance(300);
    expect(calls).toBe(3);
  });

  it("cached-belief: frozen while a write is in flight, the next write still goes out with the belief from before the freeze", async () => {
    const timers = new FakeTimers();
    let belief: Belief = { leading: true, token: "0x7" };
    const sent: string[] = [];
    let release: (() => void) | undefined;
    const loop = new WriteLoop({
      node: "c1",
      bug: "cached-belief",
      intervalMs: 500,
      belief: () => belief,
      confirm: () => Promise.resolve(true),
      post: (r) => {
        sent.push(`${r.seq}:${r.token}`);
        if (r.seq > 1) return Promise.resolve({ status: 200, outcome: "accepted" });
        return new Promise((resolve) => (release = () => resolve({ status: 200, outcome: "accepted" })));
      },
      schedule: timers.schedule,
      debug: () => undefined,
    });
    loop.start();
    await timers.advance(500);
    // Frozen here; on thaw the stall check runs first and it stops believing, then the answer arrives.
    belief = { leading: false, token: null };
    release?.();
    await timers.advance(1000);
    await timers.advance(3000);
    expect(sent).toEqual(["1:0x7", "2:0x7"]);
  });
});
