import { describe, expect, it } from "vitest";
import { describePausedLeader, pausedLeader } from "./paused-leader.js";
import type { FaultWindow, Interval } from "./timeline.js";

const iv = (node: string, start: number, end: number): Interval => ({ node, group: "default", source: "protocol", start, end, token: undefined, endedBy: "follower" });
const fault = (id: string, kind: string, targets: string[], start: number, end: number): FaultWindow => ({ id, fault: kind, targets, expectLeader: true, start, end, healed: true });

describe("pausedLeader", () => {
  const c1 = iv("c1", 100, 40_150);
  const c2 = iv("c2", 8000, 90_000);

  it("excuses a leader frozen when superseded that steps down within the bound after the thaw", () => {
    const p = pausedLeader([fault("f1", "pause", ["c1"], 1000, 40_000)], c1, c2, 40_150, 30_000);
    expect(p).toMatchObject({ afterThawMs: 150, excused: true, fault: { id: "f1" } });
  });

  it("does not excuse it past the bound, and says how long it went on", () => {
    const p = pausedLeader([fault("f1", "pause", ["c1"], 1000, 40_000)], c1, c2, 75_000, 30_000);
    expect(p).toMatchObject({ afterThawMs: 35_000, excused: false });
    expect(describePausedLeader("c1", "c2", p!, 30_000, false)).toContain("kept leading 35.0 s after it was thawed");
  });

  it("ignores other kinds, other nodes, pauses that began after the successor, and pauses healed before it", () => {
    const faults = [
      fault("a", "partition-from-zk", ["c1"], 1000, 40_000),
      fault("b", "pause", ["c3"], 1000, 40_000),
      fault("c", "pause", ["c1"], 2000, 7000),
      fault("d", "pause", ["c1"], 9000, 20_000),
    ];
    expect(pausedLeader(faults, c1, c2, 40_150, 30_000)).toBeUndefined();
  });

  it("never excuses two leaderships that began together", () => {
    expect(pausedLeader([fault("f1", "pause", ["c1"], 0, 40_000)], iv("c1", 8000, 9000), iv("c2", 8000, 9000), 9000, 30_000)).toBeUndefined();
  });

  it("takes the pause that thawed it last when two held it", () => {
    const faults = [fault("f1", "pause", ["c1"], 1000, 20_000), fault("f2", "pause", ["c1", "c3"], 5000, 50_000)];
    expect(pausedLeader(faults, c1, c2, 60_000, 30_000)).toMatchObject({ fault: { id: "f2" }, afterThawMs: 10_000, excused: true });
  });

  it("tells the user why the belief is not a violation, and where the acts are judged", () => {
    const p = pausedLeader([fault("f1", "pause", ["c1"], 1000, 40_000)], c1, c2, 40_150, 30_000)!;
    expect(describePausedLeader("c1", "c2", p, 30_000, false)).toMatch(/c1 was frozen by f1 .* when c2 took over; it stepped down 150 ms after it was thawed .*run with --witness/);
    expect(describePausedLeader("c1", "c2", p, 30_000, true)).toContain("the effects checker judges its writes");
  });
});
