import { describe, expect, it } from "vitest";
import { believeUntil, decideRenewal, encodeRecord, leaseTiming, parseRecord, type LeaseRecord } from "./lease-renewal.js";

describe("lease renewal decisions", () => {
  const timing = leaseTiming(6000);

  it("times a lease from its length: renewed six times, believed until a third before its end", () => {
    expect(timing).toEqual({ leaseMs: 6000, marginMs: 2000, renewMs: 1000 });
    expect(believeUntil(10_000, timing)).toBe(14_000);
  });

  it("creates the lease when there is none, renews its own, waits on another's until its own clock passes the end", () => {
    expect(decideRenewal(null, "c1", false, 1000, 6000)).toEqual({ action: "create", record: { owner: "c1", expiresAt: 7000 } });
    const c1: LeaseRecord = { owner: "c1", expiresAt: 7000 };
    expect(decideRenewal({ record: c1, version: 4 }, "c1", true, 2000, 6000)).toEqual({ action: "renew", record: { owner: "c1", expiresAt: 8000 }, version: 4 });
    expect(decideRenewal({ record: c1, version: 4 }, "c2", false, 7000, 6000)).toEqual({ action: "wait", holder: "c1", until: 7000 });
    expect(decideRenewal({ record: c1, version: 4 }, "c2", false, 7001, 6000)).toEqual({ action: "take", record: { owner: "c2", expiresAt: 13_001 }, version: 4, previous: c1 });
  });

  it("takes its own lease as a new term after a restart, and an unreadable one at once", () => {
    const c1: LeaseRecord = { owner: "c1", expiresAt: 7000 };
    expect(decideRenewal({ record: c1, version: 2 }, "c1", false, 2000, 6000)).toMatchObject({ action: "take", version: 2 });
    expect(decideRenewal({ record: null, version: 9 }, "c3", false, 0, 6000)).toMatchObject({ action: "take", version: 9, previous: null });
  });

  it("round-trips its record and reads anything else as none", () => {
    expect(parseRecord(Buffer.from(encodeRecord({ owner: "c2", expiresAt: 5 })))).toEqual({ owner: "c2", expiresAt: 5 });
    expect(parseRecord("garbage")).toBeNull();
    expect(parseRecord('{"owner":1,"expiresAt":5}')).toBeNull();
    expect(parseRecord(null)).toBeNull();
  });
});

/**
 * Two candidates on one znode, each deciding on its own clock (real time + its skew), c1 holding
 * the lease and renewing every renewMs until `c1StopsAt` (a crash, a lost connection). Returns how
 * long, in real time, both believed they led at once.
 */
function overlapWithSkew(c2SkewMs: number, c1StopsAt = Number.POSITIVE_INFINITY): number {
  const t = leaseTiming(6000);
  let znode: { record: LeaseRecord; version: number } = { record: { owner: "c1", expiresAt: 6000 }, version: 0 };
  let c1Until = believeUntil(0, t);
  let c2Leads = false;
  let overlap = 0;
  for (let real = 0; real <= 60_000; real += 10) {
    if (real % t.renewMs === 0 && real < c1StopsAt) {
      const d = decideRenewal(znode, "c1", znode.record.owner === "c1", real, t.leaseMs);
      if (d.action === "renew") {
        znode = { record: d.record, version: znode.version + 1 };
        c1Until = believeUntil(real, t);
      } else c1Until = 0; // lost it: steps down at once
    }
    if (real % t.renewMs === 500 && !c2Leads) {
      const d = decideRenewal(znode, "c2", false, real + c2SkewMs, t.leaseMs);
      if (d.action === "take") {
        znode = { record: d.record, version: znode.version + 1 };
        c2Leads = true;
      }
    }
    if (c2Leads && real < c1Until) overlap += 10;
  }
  return overlap;
}

describe("the lease candidate's safety depends on the clocks", () => {
  it("hands over without an overlap when clocks agree within the margin, also when the holder stops renewing", () => {
    expect(overlapWithSkew(0)).toBe(0);
    expect(overlapWithSkew(1500)).toBe(0);
    expect(overlapWithSkew(0, 20_000)).toBe(0);
    expect(overlapWithSkew(1500, 20_000)).toBe(0);
  });

  it("has two leaders at once when a follower's clock is ahead by more than the lease", () => {
    expect(overlapWithSkew(12_000)).toBeGreaterThan(0);
    expect(overlapWithSkew(30_000)).toBeGreaterThan(0);
  });
});
