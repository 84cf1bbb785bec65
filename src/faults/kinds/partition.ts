import { z } from "zod";
import { bridge, halves, isolate, majoritiesRing, type Grudge } from "../grudge.js";
import { defineKind, faultForm, NET_ADMIN, targetList } from "../kind.js";
import { Partition, PARTITION_HEAL } from "../partition.js";

const SHAPES = ["isolate", "halves", "bridge", "majorities-ring"] as const;

/** Jepsen's shapes over every node of the run (servers and candidates). */
export const partition = defineKind({
  name: "partition",
  schema: faultForm("partition", { shape: z.enum(SHAPES), targets: targetList }),
  summary: "Jepsen's shapes over every node",
  healSummary: PARTITION_HEAL,
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  // Shapes that cut the ensemble or the candidates in parts have no safe default.
  expectLeader: (spec) => spec.shape === "isolate" && spec.targets.length === 1,
  describe: (spec) => `partition ${spec.shape} on ${spec.targets.join(", ")}`,
  needs: NET_ADMIN,
  async inject(env, fault) {
    const all = env.nodes.names();
    const first = fault.targets[0] ?? all[0] ?? "";
    const grudges: Record<(typeof SHAPES)[number], () => Grudge> = {
      isolate: () => isolate(first, all),
      bridge: () => bridge(all, first),
      "majorities-ring": () => majoritiesRing(all),
      halves: () => halves(all),
    };
    const p = await Partition.apply({ run: env.run, nodes: env.nodes, netutilImage: env.netutilImage, ...(env.note !== undefined ? { note: env.note } : {}) }, fault.id, grudges[fault.spec.shape]());
    return { heal: () => p.heal() };
  },
});
