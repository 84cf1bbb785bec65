import { pick, seededRandom } from "../random.js";
import type { FaultSpec, ScenarioSpec, StepSpec } from "../types.js";

const FAULTS: Array<() => FaultSpec> = [
  () => ({ kind: "partition-from-zk", targets: ["leader"] }),
  () => ({ kind: "partition-from-zk", targets: ["random-candidate"] }),
  () => ({ kind: "partition-zk", minority: ["zk-leader"] }),
  () => ({ kind: "kill", targets: ["leader"] }),
  () => ({ kind: "kill", targets: ["random-candidate"] }),
  () => ({ kind: "kill", targets: ["random-zk"] }),
  () => ({ kind: "pause", targets: ["leader"] }),
  () => ({ kind: "pause", targets: ["random-candidate"] }),
  () => ({ kind: "zk-outage" }),
  () => ({ kind: "zk-total-loss" }),
];

/**
 * A seeded mix of the faults above for `durationMs` (before scaling): faults start every one to
 * three session timeouts and last one to four, so some overlap. The same seed gives the same mix.
 */
export function randomMix(seed: number, durationMs: number, sessionTimeoutMs: number): ScenarioSpec {
  const rand = seededRandom(seed ^ 0x5eed);
  const steps: StepSpec[] = [{ wait: "3st" }];
  const open: Array<{ id: string; until: number }> = [];
  let t = 3 * sessionTimeoutMs;
  let n = 0;
  // Whole-ensemble faults do not overlap each other: both stop every server.
  let ensembleBusyUntil = 0;
  while (t < durationMs) {
    const make = pick(rand, FAULTS);
    let fault = make();
    const whole = fault.kind === "zk-outage" || fault.kind === "zk-total-loss";
    if (whole && t < ensembleBusyUntil) fault = { kind: "kill", targets: ["random-candidate"] };
    const length = Math.round((1 + rand() * 3) * sessionTimeoutMs);
    const id = `r${++n}`;
    // Heal the faults that end before this one starts, in time order.
    open.sort((a, b) => a.until - b.until);
    while (open.length > 0 && (open[0] as { until: number }).until <= t) {
      const done = open.shift() as { id: string; until: number };
      steps.push({ heal: done.id });
    }
    steps.push({ inject: fault, id });
    open.push({ id, until: t + length });
    if (fault.kind === "zk-outage" || fault.kind === "zk-total-loss") ensembleBusyUntil = t + length;
    const gap = Math.round((1 + rand() * 2) * sessionTimeoutMs);
    steps.push({ wait: gap });
    t += gap;
  }
  open.sort((a, b) => a.until - b.until);
  for (const o of open) {
    if (o.until > t) {
      steps.push({ wait: o.until - t });
      t = o.until;
    }
    steps.push({ heal: o.id });
  }
  return {
    name: "random",
    summary: "a seeded mix of partitions, kills, pauses, outages and total losses, some overlapping, for --duration",
    description: "Faults drawn from the seed start every one to three session timeouts and last one to four. Use --seed to repeat a run.",
    steps,
  };
}
