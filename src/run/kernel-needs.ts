import { InconclusiveError } from "../errors/index.js";
import { kindOf, needsOf } from "../faults/registry.js";
import type { FeatureProbe, KernelFeature } from "../runtime/kernel-features.js";
import type { Schedule } from "../scenarios/types.js";

/**
 * Refuses a schedule whose fault kinds need a kernel feature the engine's kernel lacks (netem for
 * `delay`), before anything starts: such a run would otherwise fail at its first injection, or
 * worse, run without the fault. Throws an InconclusiveError (exit 2) naming the kinds, the
 * feature and what the probe found. A feature the probe cannot judge ("unknown") does not refuse:
 * the injection itself then fails the run if the kernel refuses it.
 */
export function refuseUnmetKernelNeeds(scenario: string, schedule: Schedule, probe: (feature: KernelFeature) => FeatureProbe): void {
  const kinds = [...new Set(schedule.actions.flatMap((a) => (a.do === "inject" ? [a.fault.kind] : [])))];
  for (const feature of needsOf(kinds).kernel) {
    const found = probe(feature);
    if (found.state !== "missing") continue;
    const users = kinds.filter((k) => kindOf(k)?.needs.kernel.includes(feature) ?? false);
    throw new InconclusiveError(
      `scenario ${scenario} was not run: its fault kind${users.length > 1 ? "s" : ""} ${users.join(", ")} need${users.length > 1 ? "" : "s"} ${feature}, and ${found.detail}`,
      "splitbrain doctor says whether netem is available; see docs/scenarios.md (faults) for what each kind needs",
    );
  }
}
