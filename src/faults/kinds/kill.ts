import { candidateOf, type FaultKindImpl } from "../types.js";

/** SIGKILL the targets' processes; the heal starts them again (a candidate records down, then up). */
export const kill: FaultKindImpl = {
  kind: "kill",
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
};
