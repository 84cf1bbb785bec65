import { hostname } from "node:os";
import type Docker from "dockerode";
import { LABEL_HOST, LABEL_PID, LABEL_RUN } from "../labels.js";
import { removeByLabel, type TeardownReport } from "./run-scope.js";

export interface LeftoverRun {
  runId: string;
  containers: string[];
  networks: string[];
  /** Why it counts as alive or dead: "pid 123 on this host is running", ... */
  owner: string;
  alive: boolean;
}

/** Whether a harness process is still running; a process on another host is taken as alive. */
export type IsAlive = (pid: number, host: string) => boolean;

export const processIsAlive: IsAlive = (pid, host) => {
  if (host !== hostname()) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** Lists the runs that have labelled containers or networks on the engine, and whether their owner lives. */
export async function findRuns(docker: Docker, isAlive: IsAlive = processIsAlive): Promise<LeftoverRun[]> {
  const runs = new Map<string, LeftoverRun>();
  const filter = { label: [LABEL_RUN] };
  const entry = (labels: Record<string, string> | undefined): LeftoverRun | undefined => {
    const runId = labels?.[LABEL_RUN];
    if (runId === undefined) return undefined;
    let run = runs.get(runId);
    if (run === undefined) {
      const pid = Number(labels?.[LABEL_PID]);
      const host = labels?.[LABEL_HOST] ?? "";
      const known = Number.isInteger(pid) && pid > 0;
      const alive = known && isAlive(pid, host);
      const owner = known ? `pid ${pid} on ${host === hostname() ? "this host" : host} ${alive ? "is running" : "is gone"}` : "no owner recorded";
      run = { runId, containers: [], networks: [], owner, alive };
      runs.set(runId, run);
    }
    return run;
  };
  for (const c of await docker.listContainers({ all: true, filters: filter })) {
    entry(c.Labels)?.containers.push((c.Names[0] ?? c.Id).replace(/^\//, ""));
  }
  for (const n of await docker.listNetworks({ filters: filter })) {
    entry(n.Labels)?.networks.push(n.Name);
  }
  return [...runs.values()];
}

/** Removes what runs whose harness is gone left behind (or every run's, with `all`). */
export async function collectGarbage(
  docker: Docker,
  options: { all?: boolean; isAlive?: IsAlive } = {},
): Promise<{ removed: Array<LeftoverRun & { report: TeardownReport }>; kept: LeftoverRun[] }> {
  const runs = await findRuns(docker, options.isAlive);
  const removed: Array<LeftoverRun & { report: TeardownReport }> = [];
  const kept: LeftoverRun[] = [];
  for (const run of runs) {
    if (run.alive && options.all !== true) {
      kept.push(run);
      continue;
    }
    removed.push({ ...run, report: await removeByLabel(docker, run.runId) });
  }
  return { removed, kept };
}
