import { describe, expect, it } from "vitest";
import { AnswerWatch, DisconnectClock, probeIntervalMs, silenceLimitMs, StallDetector, stallThresholdMs } from "./timers.js";

describe("DisconnectClock (simulated session expiration)", () => {
  it("expires after one session timeout of continuous disconnection", () => {
    const c = new DisconnectClock();
    expect(c.shouldExpire(0, 6000)).toBe(false);
    c.disconnected(1000);
    c.disconnected(4000); // a second CONNECTING does not restart the count
    expect(c.shouldExpire(6999, 6000)).toBe(false);
    expect(c.shouldExpire(7000, 6000)).toBe(true);
    expect(c.elapsed(7500)).toBe(6500);
  });

  it("a reconnection in between resets the count", () => {
    const c = new DisconnectClock();
    c.disconnected(0);
    c.connected();
    expect(c.shouldExpire(10_000, 6000)).toBe(false);
    c.disconnected(10_000);
    expect(c.shouldExpire(15_000, 6000)).toBe(false);
    expect(c.shouldExpire(16_000, 6000)).toBe(true);
    c.reset();
    expect(c.isDisconnected()).toBe(false);
  });
});

describe("StallDetector", () => {
  it("reports a gap between ticks above the threshold", () => {
    const s = new StallDetector(3000);
    expect(s.tick(0)).toBeNull();
    expect(s.tick(200)).toBeNull();
    expect(s.tick(3200)).toBeNull();
    expect(s.tick(18_200)).toBe(15_000);
    expect(s.tick(18_400)).toBeNull();
  });

  it("threshold is half the session timeout, at least 1 s", () => {
    expect(stallThresholdMs(6000)).toBe(3000);
    expect(stallThresholdMs(1000)).toBe(1000);
  });
});

describe("AnswerWatch (a connection that stops answering)", () => {
  it("probes once per interval, waits for the answer, and gives up a request after four intervals", () => {
    const w = new AnswerWatch();
    expect(w.shouldProbe(0, 1000)).toBe(true);
    w.sent(0);
    expect(w.shouldProbe(1000, 1000)).toBe(false); // still waiting
    w.answered(1200);
    expect(w.silentFor(1500)).toBe(300);
    expect(w.shouldProbe(1200, 1000)).toBe(true);
    w.sent(1200);
    expect(w.shouldProbe(5199, 1000)).toBe(false);
    expect(w.shouldProbe(5200, 1000)).toBe(true); // never completed: another may go
    w.reset();
    expect(w.silentFor(9000)).toBe(0);
  });

  it("probes every sixth of the session timeout and declares silence after two thirds of it", () => {
    expect(probeIntervalMs(6000)).toBe(1000);
    expect(probeIntervalMs(300)).toBe(100);
    expect(silenceLimitMs(6000)).toBe(4000);
  });
});
