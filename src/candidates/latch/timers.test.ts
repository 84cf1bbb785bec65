import { describe, expect, it } from "vitest";
import { DisconnectClock, StallDetector, stallThresholdMs } from "./timers.js";

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
