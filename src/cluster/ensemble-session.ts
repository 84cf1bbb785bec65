import { HistoryWriter } from "../history/writer.js";
import type { RunScope } from "../runtime/types.js";
import { eachLine, NodeLog, splitTimestamp } from "../runtime/log-sink.js";
import { Ensemble } from "./ensemble.js";
import { RoleObserver } from "./role-observer.js";
import type { EnsembleSpec } from "./spec.js";
import { join } from "node:path";

export interface ObservedEnsemble {
  ensemble: Ensemble;
  observer: RoleObserver;
  /** Stops observing and log streaming; call before teardown. */
  stop(): Promise<void>;
}

/**
 * Brings up an ensemble in a run, streams each server's log to logs/<server>.log, and starts
 * the role observer that appends `zk-role` events to the history.
 */
export async function startObservedEnsemble(options: {
  run: RunScope;
  spec: EnsembleSpec;
  image: string;
  history: HistoryWriter;
  logsDir: string;
  quorumTimeoutMs: number;
  observeIntervalMs: number;
  progress: (message: string) => void;
  signal: AbortSignal;
}): Promise<ObservedEnsemble> {
  const logs = new Map<string, NodeLog>();
  const followers: Array<{ stop(): void; done: Promise<void> }> = [];
  const follow = async (ensemble: Ensemble, name: string): Promise<void> => {
    let log = logs.get(name);
    if (log === undefined) logs.set(name, (log = new NodeLog(join(options.logsDir, `${name}.log`))));
    const sink = log;
    const streams = await ensemble.server(name).container.logs({ follow: true });
    const done = Promise.all([
      eachLine(streams.stdout, (l) => {
        const { ts, text } = splitTimestamp(l);
        sink.write("stdout", ts, text);
      }),
      eachLine(streams.stderr, (l) => {
        const { ts, text } = splitTimestamp(l);
        sink.write("stderr", ts, text);
      }),
    ]).then(() => undefined);
    followers.push({ stop: streams.stop, done });
  };

  const ensemble = await Ensemble.create({
    spec: options.spec,
    image: options.image,
    run: options.run,
    quorumTimeoutMs: options.quorumTimeoutMs,
    onProgress: options.progress,
    signal: options.signal,
    onStarted: (e, name) => follow(e, name).catch(() => undefined),
  });
  const obs = new RoleObserver({
    servers: () => ensemble.servers.map((s) => s.spec.name),
    probe: (n) => ensemble.status(n, 1000),
    onChange: (change) =>
      options.history.record({ node: change.node, type: "zk-role", role: change.role, ...(change.epoch !== undefined ? { epoch: change.epoch } : {}) }),
    intervalMs: options.observeIntervalMs,
  });
  const stop = async (): Promise<void> => {
    await obs.stop();
    for (const f of followers) f.stop();
    await Promise.race([Promise.all(followers.map((f) => f.done)), new Promise((r) => setTimeout(r, 2000))]);
    await Promise.all([...logs.values()].map((l) => l.close()));
  };
  try {
    await ensemble.startAll();
    obs.start();
    await ensemble.waitForQuorum(options.quorumTimeoutMs);
  } catch (err) {
    await stop();
    throw err;
  }
  return { ensemble, observer: obs, stop };
}
