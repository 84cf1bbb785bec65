import { describe, expect, it } from "vitest";
import { RoleReports } from "./role-reports.js";

describe("RoleReports", () => {
  it("waits for a protocol role line from every candidate; observers' views and other events do not count", () => {
    const r = new RoleReports();
    expect(r.awaited(["c1", "c2", "c3"])).toBe("c1, c2, c3 have not reported a role yet (candidate protocol: a leader or follower line)");
    r.observe({ t: 1, node: "c1", type: "up" });
    r.observe({ t: 2, node: "c2", type: "conn", state: "connected" });
    r.observe({ t: 3, node: "c3", type: "leader", source: "http" });
    expect(r.awaited(["c1", "c2", "c3"])).toBe("c1, c2, c3 have not reported a role yet (candidate protocol: a leader or follower line)");
    r.observe({ t: 4, node: "c1", type: "follower" });
    r.observe({ t: 5, node: "c3", type: "leader" });
    expect(r.awaited(["c1", "c2", "c3"])).toBe("c2 has not reported a role yet (candidate protocol: a leader or follower line)");
    r.observe({ t: 6, node: "c2", type: "follower", source: "protocol" });
    expect(r.awaited(["c1", "c2", "c3"])).toBeUndefined();
  });
});
