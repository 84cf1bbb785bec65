import type { FaultKindImpl } from "../types.js";

/** Freezes the targets' processes (cgroup freezer: not killed, no signal); the heal thaws them. */
export const pause: FaultKindImpl = {
  kind: "pause",
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
};
