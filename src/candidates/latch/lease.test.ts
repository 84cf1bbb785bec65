import { describe, expect, it } from "vitest";
import { decideLease, encodeLease, parseLeaseExpiry } from "./lease.js";

describe("startup-window lease", () => {
  it("creates the lock when there is none", () => {
    expect(decideLease(null, 1000, 30_000)).toEqual({ action: "create", expiresAt: 31_000 });
  });

  it("is blocked by a lease that has not expired (also its own old one after a quick restart)", () => {
    expect(decideLease({ expiresAt: 31_000, version: 0 }, 20_000, 30_000)).toEqual({ action: "blocked", until: 31_000 });
  });

  it("overwrites an expired or unreadable lease, with the version it read", () => {
    expect(decideLease({ expiresAt: 31_000, version: 3 }, 31_000, 30_000)).toEqual({
      action: "overwrite",
      expiresAt: 61_000,
      version: 3,
      previous: 31_000,
    });
    expect(decideLease({ expiresAt: null, version: 0 }, 5, 10)).toMatchObject({ action: "overwrite", previous: null });
  });

  it("round-trips the lease data", () => {
    expect(parseLeaseExpiry(Buffer.from(encodeLease(123, "c1")))).toBe(123);
    expect(parseLeaseExpiry("456")).toBe(456);
    expect(parseLeaseExpiry("garbage")).toBeNull();
    expect(parseLeaseExpiry(null)).toBeNull();
    expect(parseLeaseExpiry('{"expiresAt":"x"}')).toBeNull();
  });
});
