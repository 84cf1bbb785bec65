import { kindOf } from "../faults/registry.js";
import type { FaultSpec, Schedule, ScheduleConfig, ScenarioSpec } from "./types.js";
import { printable } from "../util/printable.js";

/** "18.0s", or "28.206s" when the value is not a whole tenth. */
function seconds(ms: number, digits = ms % 100 === 0 ? 1 : 3): string {
  return `${(ms / 1000).toFixed(digits)}s`;
}

/** "kill on leader", "partition halves on c1, zk1", "partition-zk, minority zk-leader" (also the live view's wording); each kind words itself. */
export function describeFault(fault: FaultSpec): string {
  return kindOf(fault.kind)?.describe(fault) ?? fault.kind;
}

/**
 * A compiled schedule as the lines `--dry-run` and `scenarios validate` print: the
 * configuration it was compiled for, then one line per action with its time.
 */
export function formatSchedule(scenario: ScenarioSpec, schedule: Schedule, config: ScheduleConfig, source?: string): string {
  const lines = [
    `scenario ${printable(scenario.name)}${source !== undefined ? ` (${printable(source)})` : ""}: ${printable(scenario.summary)}`,
    `  seed ${schedule.seed}; candidates ${config.candidates.join(", ")}; servers ${config.servers.join(", ")}; ` +
      `session timeout ${seconds(config.sessionTimeoutMs)}, recovery ${seconds(config.recoveryMs)}, time scale ${config.timeScale}${config.timeScale !== 1 ? " (the times below are scaled)" : ""}`,
  ];
  // One precision for the whole column: tenths, or milliseconds when some time needs them.
  const digits = schedule.actions.every((a) => a.at % 100 === 0) ? 1 : 3;
  const width = Math.max(...schedule.actions.map((a) => seconds(a.at, digits).length));
  for (const a of schedule.actions) {
    const at = `  ${seconds(a.at, digits).padStart(width)}  `;
    if (a.do === "inject") lines.push(`${at}inject ${printable(a.id)}: ${printable(describeFault(a.fault))} (leader expected: ${a.expectLeader ? "yes" : "no"})`);
    else if (a.do === "heal") lines.push(`${at}heal   ${printable(a.id)}`);
    else lines.push(`${at}end`);
  }
  return lines.join("\n");
}
