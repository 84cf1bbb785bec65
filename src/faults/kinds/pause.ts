import { defineKind, faultForm, leaderPossibleWithout, NO_NEEDS, onTargets, targetList } from "../kind.js";

/** Freezes the targets' processes (cgroup freezer: not killed, no signal); the heal thaws them. */
export const pause = defineKind({
  name: "pause",
  schema: faultForm("pause", { targets: targetList }),
  summary: "freezes the process (cgroup freezer)",
  healSummary: "thaws it",
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  expectLeader: (spec, cluster) => leaderPossibleWithout(spec.targets, cluster),
  describe: (spec) => onTargets("pause", spec.targets),
  needs: NO_NEEDS,
  async inject(env, fault) {
    const paused: string[] = [];
    await Promise.all(
      fault.targets.map(async (node) => {
        const container = env.nodes.container(node);
        if (!(await container.state()).running) {
          env.progress(`pause ${fault.id}: ${node} is not running; left as it is`);
          return;
        }
        await container.pause();
        paused.push(node);
      }),
    );
    return {
      heal: async () => {
        await Promise.all(
          paused.map(async (node) => {
            const container = env.nodes.container(node);
            if ((await container.state()).paused) await container.unpause();
          }),
        );
      },
    };
  },
});
