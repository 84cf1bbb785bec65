import { kindOf } from "../../faults/registry.js";
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
  () => ({ kind: "kill", targets: ["zk-leader"] }),
  () => ({ kind: "pause", targets: ["zk-leader"] }),
  () => ({ kind: "zk-leader-isolate" }),
  () => ({ kind: "zk-corrupt", targets: ["random-zk"], what: "log", how: "truncate" }),
  () => ({ kind: "zk-rolling-restart" }),
  () => ({ kind: "zk-outage" }),
  () => ({ kind: "zk-outage", names: "kept" }),
  () => ({ kind: "zk-total-loss" }),
  () => ({ kind: "zk-partial-loss" }),
  () => ({ kind: "packet-loss", targets: ["leader"], probability: 0.3, ports: [2181] }),
  () => ({ kind: "packet-loss", targets: ["random-zk"], probability: 0.3, ports: [2888, 3888] }),
  () => ({ kind: "clock-skew", targets: ["random-candidate"], offset: "+30s" }),
  () => ({ kind: "clock-skew", targets: ["leader"], offset: "-30s" }),
  () => ({ kind: "clock-strobe", targets: ["random-candidate"], offset: "+30s", periodMs: 1000 }),
];

/** The targets a fault acts on when it runs, as its kind says. */
const runTargets = (f: FaultSpec): readonly string[] => kindOf(f.kind)?.runTargets(f) ?? [];
/** Acts on every server (outage, total loss). */
const WHOLE_ENSEMBLE = (f: FaultSpec): boolean => runTargets(f).includes("all-zk");
/** Acts on some ZooKeeper servers. */
const ZK_TARGETED = (f: FaultSpec): boolean => !WHOLE_ENSEMBLE(f) && runTargets(f).some((t) => t === "random-zk" || t.startsWith("zk"));
/** Moves candidates' clocks. */
const CLOCK = (f: FaultSpec): boolean => kindOf(f.kind)?.needs.clock ?? false;

/**
 * A seeded mix of the faults above for `durationMs` (before scaling): faults start every one to
 * three session timeouts and last one to four, so some overlap. Every fault heals exactly when
 * its drawn length is over. The same seed gives the same mix.
 *
 * Conflict rules: a whole-ensemble fault (outage, total or partial loss, rolling restart) never overlaps another fault on
 * ZooKeeper servers, whole or single: its heal would restart servers the other still holds
 * down, or the other's heal would restart a server inside the outage. A drawn fault that would
 * conflict becomes a kill of a random candidate. Clock faults never overlap each other (the
 * first one's heal would set back the clock the second moved), and with `clockFaults` false
 * (candidates without libfaketime in their image) a drawn clock fault becomes a kill of a random
 * candidate too, so a seed draws the same mix otherwise.
 */
export function randomMix(seed: number, durationMs: number, sessionTimeoutMs: number, clockFaults = false): ScenarioSpec {
  const rand = seededRandom(seed ^ 0x5eed);
  const events: Array<{ at: number; step: StepSpec; order: number }> = [];
  let t = 3 * sessionTimeoutMs;
  let n = 0;
  let ensembleBusyUntil = 0;
  let zkBusyUntil = 0;
  let clockBusyUntil = 0;
  while (t < durationMs) {
    let fault = pick(rand, FAULTS)();
    if (
      (WHOLE_ENSEMBLE(fault) && t < Math.max(ensembleBusyUntil, zkBusyUntil)) ||
      (ZK_TARGETED(fault) && t < ensembleBusyUntil) ||
      (CLOCK(fault) && (!clockFaults || t < clockBusyUntil))
    ) {
      fault = { kind: "kill", targets: ["random-candidate"] };
    }
    const length = Math.round((1 + rand() * 3) * sessionTimeoutMs);
    const id = `r${++n}`;
    if (WHOLE_ENSEMBLE(fault)) ensembleBusyUntil = t + length;
    if (ZK_TARGETED(fault)) zkBusyUntil = Math.max(zkBusyUntil, t + length);
    if (CLOCK(fault)) clockBusyUntil = t + length;
    // At the same instant, heals go before injects (order 0 < 1), so faults that touch do not overlap.
    events.push({ at: t, step: { inject: fault, id }, order: 1 }, { at: t + length, step: { heal: id }, order: 0 });
    t += Math.round((1 + rand() * 2) * sessionTimeoutMs);
  }
  events.sort((a, b) => a.at - b.at || a.order - b.order);
  const steps: StepSpec[] = [];
  let now = 0;
  for (const e of events) {
    if (e.at > now) steps.push({ wait: e.at - now });
    now = e.at;
    steps.push(e.step);
  }
  return {
    name: "random",
    summary:
      "a seeded mix of partitions, packet loss, kills, pauses, ZooKeeper leader isolations, rolling restarts, outages, total and partial losses, candidates' clock skews and strobes, some overlapping, for --duration",
    description:
      "Faults drawn from the seed start every one to three session timeouts and last one to four; a whole-ensemble fault never overlaps another fault on ZooKeeper servers, and clock faults (drawn for the candidates in splitbrain's candidate-node image only) never overlap each other. Use --seed to repeat a run.",
    steps,
  };
}
