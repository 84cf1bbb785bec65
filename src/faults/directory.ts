import type { Candidate } from "../candidates/runner.js";
import type { Ensemble } from "../cluster/ensemble.js";
import type { NodeDirectory } from "./nodes.js";

/** The nodes of a run: the ensemble's servers and the candidates. */
export function directoryOf(ensemble: Ensemble, fleet: readonly Candidate[], network: string): NodeDirectory {
  const container = (node: string) => {
    const c = fleet.find((x) => x.node === node);
    if (c !== undefined) return c.handle;
    return ensemble.server(node).container;
  };
  return {
    names: () => [...ensemble.servers.map((s) => s.spec.name), ...fleet.map((c) => c.node)],
    container,
    ip: async (node) => {
      const handle = container(node);
      const state = await handle.state().catch(() => undefined);
      if (state === undefined || !state.running) return undefined;
      return handle.ip(network);
    },
    onStarted: (listener) => {
      const off = [ensemble.onServerStarted(listener), ...fleet.map((c) => c.onStarted(() => listener(c.node)))];
      return () => {
        for (const f of off) f();
      };
    },
  };
}
