import { candidatesOnly, offsetField, offsetMs, offsetTargets, resetTargets } from "../clock.js";
import { defineKind, faultForm, targetList } from "../kind.js";

/**
 * Steps the targets' wall clock by `offset` (libfaketime, src/faults/clock.ts): what an NTP step
 * or a badly set host clock does. Their monotonic clock and timers run on. The heal sets it back.
 */
export const clockSkew = defineKind({
  name: "clock-skew",
  schema: faultForm("clock-skew", { targets: targetList, offset: offsetField }),
  summary:
    "steps the targets' wall clock by `offset` (\"+20s\", \"-500ms\"; libfaketime, preloaded in the candidates of runs that have a clock fault; their monotonic clock runs on); candidates only, in splitbrain's candidate-node image",
  healSummary: "sets the offset back to 0 and checks the candidate's processes see the real time",
  targetField: "targets",
  check: (spec, cluster) => candidatesOnly(spec.targets, cluster),
  runTargets: (spec) => spec.targets,
  // ZooKeeper's sessions and the harness's timestamps do not read the candidates' wall clocks.
  expectLeader: () => true,
  describe: (spec) => `clock-skew ${spec.offset} on ${spec.targets.join(", ")}`,
  needs: { netAdmin: false, kernel: [], clock: true },
  async inject(env, fault) {
    const what = `clock-skew ${fault.id}`;
    await offsetTargets(env, fault.targets, offsetMs(fault.spec.offset), what);
    return { heal: () => resetTargets(env, fault.targets, what) };
  },
});
