import { defineKind, faultForm, leaderPossibleWithout, NO_NEEDS, onTargets, targetList } from "../kind.js";
import { candidateOf } from "../types.js";

/** SIGKILL the targets' processes; the heal starts them again (a candidate records down, then up). */
export const kill = defineKind({
  name: "kill",
  schema: faultForm("kill", { targets: targetList }),
  summary: "SIGKILL (candidates get a `down` event)",
  healSummary: "starts them again (`up`)",
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  expectLeader: (spec, cluster) => leaderPossibleWithout(spec.targets, cluster),
  describe: (spec) => onTargets("kill", spec.targets),
  needs: NO_NEEDS,
  async inject(env, fault) {
    await Promise.all(
      fault.targets.map(async (node) => {
        const c = candidateOf(env, node);
        if (c !== undefined) await c.kill(`killed by fault ${fault.id}`);
        else await env.ensemble.killServer(node);
      }),
    );
    return {
      heal: async () => {
        await Promise.all(
          fault.targets.map(async (node) => {
            const c = candidateOf(env, node);
            if (c !== undefined) {
              if (!c.running) await c.start();
            } else if (!(await env.ensemble.server(node).container.state()).running) {
              await env.ensemble.startServer(node);
            }
          }),
        );
      },
    };
  },
});
