import { formatMs } from "../checkers/types.js";
import { kindOf } from "../faults/registry.js";
import type { FaultSpec } from "../scenarios/types.js";
import { planLength, type FaultPlan, type PlannedFault } from "./fault-plan.js";

/** "partition-from-zk on leader", "zk-total-loss". */
export function faultText(fault: FaultSpec): string {
  const field = kindOf(fault.kind)?.targetField;
  const targets = field === undefined ? undefined : (fault[field as keyof FaultSpec] as unknown as string[] | undefined);
  return targets === undefined || targets.length === 0 ? fault.kind : `${fault.kind} on ${targets.join(", ")}`;
}

function plannedText(f: PlannedFault): string {
  return `${faultText(f.fault)} at ${formatMs(f.at)} for ${f.length === undefined ? "the rest of the run" : formatMs(f.length)}`;
}

/** "19 faults, 300 s" and, with at most `listed` faults, each of them: "1 fault, 57 s: partition-from-zk on leader at 0 ms for 6.00 s". */
export function planText(plan: FaultPlan, listed = 3): string {
  const head = `${plan.faults.length} fault${plan.faults.length === 1 ? "" : "s"}, ${formatMs(planLength(plan))}`;
  if (plan.faults.length === 0 || plan.faults.length > listed) return head;
  return `${head}: ${plan.faults.map(plannedText).join("; ")}`;
}
