import { kill } from "./kinds/kill.js";
import { partitionFromZk } from "./kinds/partition-from-zk.js";
import { partitionShape } from "./kinds/partition-shape.js";
import { partitionZk } from "./kinds/partition-zk.js";
import { pause } from "./kinds/pause.js";
import { zkOutage } from "./kinds/zk-outage.js";
import { zkTotalLoss } from "./kinds/zk-total-loss.js";
import type { FaultKindImpl } from "./types.js";

/** Every fault kind, by the name scenarios use. A new fault is one file in kinds/ and one line here. */
export const FAULT_KINDS: Record<string, FaultKindImpl> = {
  "partition-from-zk": partitionFromZk,
  "partition-zk": partitionZk,
  partition: partitionShape,
  kill,
  pause,
  "zk-outage": zkOutage,
  "zk-total-loss": zkTotalLoss,
};
