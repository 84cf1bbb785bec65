import { kindOf } from "../faults/registry.js";
import type { FaultPlan } from "./fault-plan.js";

/**
 * The role each node a fault named had when the fault was injected, read from a run's history:
 * a candidate leading (or following) at that instant, a server answering `leading` (or
 * `following`). A schedule drawn by a seed names nodes (`random-candidate` compiled to c1); when
 * the run that failed shows the node held a role, naming the role (`leader`) makes the shrunk
 * schedule hit what the failure needed in every run, not only when the same node happens to hold
 * it. Pure: the events come in, in history order.
 */

/** A target resolved when a step runs (docs/scenarios.md, "Targets"). */
export type RoleTarget = "leader" | "follower" | "zk-leader" | "zk-follower";

/** Per fault id, per node it named: the node's role when the fault was injected (if it had one). */
export type RolesAtInjection = Map<string, Map<string, RoleTarget>>;

/** What the roles are read from: history events (leader, follower, down, zk-role, fault). */
export interface RoleEvent {
  t: number;
  node: string;
  type: string;
  source?: string;
  role?: string;
  id?: string;
  targets?: string[];
}

/**
 * Reads the events of a history (`source` is the lane whose view counts, the protocol or the
 * candidate's first observer). The first `fault` event of each id counts.
 */
export function rolesAtInjection(events: Iterable<RoleEvent>, source = "protocol"): RolesAtInjection {
  const leading = new Map<string, boolean>();
  const zkRole = new Map<string, string>();
  const out: RolesAtInjection = new Map();
  for (const e of events) {
    const lane = e.source ?? "protocol";
    if ((e.type === "leader" || e.type === "follower") && lane === source) leading.set(e.node, e.type === "leader");
    else if (e.type === "down") {
      leading.delete(e.node);
      zkRole.delete(e.node);
    } else if (e.type === "zk-role" && e.role !== undefined) zkRole.set(e.node, e.role);
    else if (e.type === "fault" && e.id !== undefined && !out.has(e.id)) {
      const roles = new Map<string, RoleTarget>();
      for (const node of e.targets ?? []) {
        const l = leading.get(node);
        const z = zkRole.get(node);
        if (l !== undefined) roles.set(node, l ? "leader" : "follower");
        else if (z === "leading") roles.set(node, "zk-leader");
        else if (z === "following") roles.set(node, "zk-follower");
      }
      out.set(e.id, roles);
    }
  }
  return out;
}

/** Node ids as a schedule names them (c1, zk2), not roles or drawn targets. */
const NODE_ID = /^(c|zk)\d+$/;

/**
 * The plans that name a role instead of a node, one fault at a time: for each fault naming a single
 * node that held a role when it was injected, the plan with that role as its target.
 */
export function roleNamedPlans(plan: FaultPlan, roles: RolesAtInjection): Array<{ id: string; plan: FaultPlan; change: string }> {
  const out: Array<{ id: string; plan: FaultPlan; change: string }> = [];
  for (const f of plan.faults) {
    // Only kinds whose one target list is `targets` (a partition's sides are not renamed).
    if (kindOf(f.fault.kind)?.targetField !== "targets") continue;
    const targets = (f.fault as { targets?: unknown }).targets;
    if (!Array.isArray(targets) || targets.length !== 1 || typeof targets[0] !== "string" || !NODE_ID.test(targets[0])) continue;
    const node = targets[0] as string;
    const role = roles.get(f.id)?.get(node);
    if (role === undefined) continue;
    const fault = { ...f.fault, targets: [role] } as typeof f.fault;
    out.push({ id: f.id, plan: { ...plan, faults: plan.faults.map((x) => (x.id === f.id ? { ...x, fault } : x)) }, change: `target ${role} instead of ${node} in ${f.id} (${node} was the ${role} when it was injected)` });
  }
  return out;
}
