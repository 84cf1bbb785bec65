import type { FaultKind, FaultNeeds, KernelFeature, SpecOf } from "./kind.js";
import { clockSkew } from "./kinds/clock-skew.js";
import { clockStrobe } from "./kinds/clock-strobe.js";
import { delay } from "./kinds/delay.js";
import { kill } from "./kinds/kill.js";
import { packetLoss } from "./kinds/packet-loss.js";
import { partitionFromZk } from "./kinds/partition-from-zk.js";
import { partitionZk } from "./kinds/partition-zk.js";
import { partition } from "./kinds/partition.js";
import { pause } from "./kinds/pause.js";
import { zkCorrupt } from "./kinds/zk-corrupt.js";
import { zkLeaderIsolate } from "./kinds/zk-leader-isolate.js";
import { zkOutage } from "./kinds/zk-outage.js";
import { zkPartialLoss } from "./kinds/zk-partial-loss.js";
import { zkRollingRestart } from "./kinds/zk-rolling-restart.js";
import { zkTotalLoss } from "./kinds/zk-total-loss.js";

/** The names scenarios use, in the order help and errors list them. */
export const FAULT_KIND_NAMES = ["partition-from-zk", "partition-zk", "partition", "kill", "pause", "zk-outage", "zk-total-loss", "packet-loss", "delay", "zk-leader-isolate", "zk-rolling-restart", "zk-partial-loss", "zk-corrupt", "clock-skew", "clock-strobe"] as const;
export type FaultKindName = (typeof FAULT_KIND_NAMES)[number];

/**
 * Every fault kind, by name. A new fault is one module in kinds/, its name above and one line
 * here; the compiler rejects a name without its kind, a kind without its name, and a kind
 * filed under another kind's name.
 */
export const FAULT_KINDS = {
  "partition-from-zk": partitionFromZk,
  "partition-zk": partitionZk,
  partition,
  kill,
  pause,
  "zk-outage": zkOutage,
  "zk-total-loss": zkTotalLoss,
  "packet-loss": packetLoss,
  delay,
  "zk-leader-isolate": zkLeaderIsolate,
  "zk-rolling-restart": zkRollingRestart,
  "zk-partial-loss": zkPartialLoss,
  "zk-corrupt": zkCorrupt,
  "clock-skew": clockSkew,
  "clock-strobe": clockStrobe,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind's own spec type is checked by defineKind
} satisfies { [N in FaultKindName]: FaultKind<any> & { readonly name: N } };

/** A fault as scenarios write it: the union of every kind's spec, inferred from their schemas. */
export type FaultSpec = { [N in FaultKindName]: SpecOf<(typeof FAULT_KINDS)[N]> }[FaultKindName];

/** The kind of a spec, typed for a spec of any kind (its own fields are its kind's). */
export function kindOf(name: string): FaultKind<FaultSpec> | undefined {
  return Object.hasOwn(FAULT_KINDS, name) ? (FAULT_KINDS[name as FaultKindName] as unknown as FaultKind<FaultSpec>) : undefined;
}

/** What a run of these kinds needs (unknown names need nothing: the executor refuses them). */
export function needsOf(kinds: Iterable<string>): FaultNeeds {
  let netAdmin = false;
  let clock = false;
  const kernel = new Set<KernelFeature>();
  for (const name of kinds) {
    const k = kindOf(name);
    if (k === undefined) continue;
    netAdmin ||= k.needs.netAdmin;
    clock ||= k.needs.clock;
    for (const f of k.needs.kernel) kernel.add(f);
  }
  return { netAdmin, kernel: [...kernel], clock };
}
