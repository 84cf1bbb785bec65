import { describe, expect, it } from "vitest";
import { RoleTracker } from "./role-tracker.js";

describe("RoleTracker", () => {
  it("reports the first status and then only changes of role or epoch", () => {
    const t = new RoleTracker();
    expect(t.update("zk1", { role: "looking" })).toEqual({ node: "zk1", role: "looking" });
    expect(t.update("zk1", { role: "looking" })).toBeUndefined();
    expect(t.update("zk1", { role: "leading", epoch: 1 })).toEqual({ node: "zk1", role: "leading", epoch: 1 });
    expect(t.update("zk1", { role: "leading", epoch: 1, zxid: 5n })).toBeUndefined();
    expect(t.update("zk1", { role: "leading", epoch: 2 })).toEqual({ node: "zk1", role: "leading", epoch: 2 });
    expect(t.update("zk1", { role: "down", error: "ECONNREFUSED" })).toEqual({ node: "zk1", role: "down" });
    expect(t.role("zk1")).toBe("down");
  });

  it("keeps servers apart", () => {
    const t = new RoleTracker();
    t.update("zk1", { role: "following", epoch: 1 });
    expect(t.update("zk2", { role: "following", epoch: 1 })).toEqual({ node: "zk2", role: "following", epoch: 1 });
  });
});
