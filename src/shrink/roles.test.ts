import { describe, expect, it } from "vitest";
import type { FaultPlan } from "./fault-plan.js";
import { roleNamedPlans, rolesAtInjection, type RoleEvent, type RoleTarget, type RolesAtInjection } from "./roles.js";

const events: RoleEvent[] = [
  { t: 100, node: "zk2", type: "zk-role", role: "leading" },
  { t: 100, node: "zk1", type: "zk-role", role: "following" },
  { t: 900, node: "c2", type: "leader", source: "http" },
  { t: 1000, node: "c1", type: "leader" },
  { t: 1000, node: "c2", type: "follower" },
  { t: 5000, node: "nemesis", type: "fault", id: "f1", targets: ["c1"] },
  { t: 6000, node: "nemesis", type: "fault", id: "f2", targets: ["c2", "zk2"] },
  { t: 7000, node: "c1", type: "down" },
  { t: 8000, node: "nemesis", type: "fault", id: "f3", targets: ["c1", "zk1", "zk3"] },
  { t: 9000, node: "nemesis", type: "fault", id: "f1", targets: ["c3"] },
];

describe("rolesAtInjection", () => {
  it("names each target's role when its fault was injected, in the protocol's view; a node that is down has none", () => {
    const roles = rolesAtInjection(events);
    expect(Object.fromEntries(roles.get("f1") ?? [])).toEqual({ c1: "leader" });
    expect(Object.fromEntries(roles.get("f2") ?? [])).toEqual({ c2: "follower", "zk2": "zk-leader" });
    expect(Object.fromEntries(roles.get("f3") ?? [])).toEqual({ zk1: "zk-follower" });
  });

  it("reads the lane it is told to (a service watched by http)", () => {
    expect(Object.fromEntries(rolesAtInjection(events, "http").get("f2") ?? [])).toEqual({ c2: "leader", zk2: "zk-leader" });
  });
});

describe("roleNamedPlans", () => {
  const plan: FaultPlan = {
    scenario: "random",
    seed: 1,
    settleMs: 1000,
    faults: [
      { id: "f1", fault: { kind: "pause", targets: ["c1"] }, expectLeader: true, at: 0, length: 1000 },
      { id: "f2", fault: { kind: "kill", targets: ["c2", "c3"] }, expectLeader: true, at: 0, length: 1000 },
      { id: "f3", fault: { kind: "kill", targets: ["leader"] }, expectLeader: true, at: 0, length: 1000 },
      { id: "f4", fault: { kind: "pause", targets: ["zk2"] }, expectLeader: true, at: 0, length: 1000 },
    ],
  };

  it("a fault naming one node that held a role names the role instead, one fault at a time", () => {
    const roles: RolesAtInjection = new Map([
      ["f1", new Map<string, RoleTarget>([["c1", "leader"]])],
      ["f2", new Map<string, RoleTarget>([["c2", "follower"]])],
      ["f4", new Map<string, RoleTarget>([["zk2", "zk-leader"]])],
    ]);
    const named = roleNamedPlans(plan, roles);
    expect(named.map((n) => n.id)).toEqual(["f1", "f4"]);
    expect(named[0]?.plan.faults.map((f) => f.fault)).toEqual([{ kind: "pause", targets: ["leader"] }, plan.faults[1]?.fault, plan.faults[2]?.fault, plan.faults[3]?.fault]);
    expect(named[0]?.change).toBe("target leader instead of c1 in f1 (c1 was the leader when it was injected)");
    expect(named[1]?.plan.faults[3]?.fault).toEqual({ kind: "pause", targets: ["zk-leader"] });
  });

  it("without a role for the node, nothing is renamed", () => {
    expect(roleNamedPlans(plan, new Map())).toEqual([]);
  });
});
