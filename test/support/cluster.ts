import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type Docker from "dockerode";
import type { CandidateChoice } from "../../src/candidates/registry.js";
import type { Candidate } from "../../src/candidates/runner.js";
import type { ObservedEnsemble } from "../../src/cluster/ensemble-session.js";
import { DEFAULT_ENSEMBLE, type EnsembleSize } from "../../src/cluster/spec.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { readHistory } from "../../src/history/reader.js";
import { HistoryWriter } from "../../src/history/writer.js";
import { ClusterFixture } from "../../src/run/cluster-fixture.js";
import { currentOwner } from "../../src/runtime/labels.js";
import { DockerRun } from "../../src/runtime/docker/run-scope.js";
import { sleep } from "../../src/util/sleep.js";
import { tmpDir } from "./docker.js";

export interface TestCluster {
  runId: string;
  run: DockerRun;
  observed: ObservedEnsemble;
  fleet: Candidate[];
  history: HistoryWriter;
  historyPath: string;
  dir: string;
}

/**
 * Brings up a real ensemble and candidates for a test, runs `fn`, and always stops the
 * candidates, the observer and removes every container and network: the same fixture, in the
 * same order, as a run (src/run/cluster-fixture.ts).
 */
export async function withCluster(
  docker: Docker,
  options: { size?: EnsembleSize; tickTime?: number; zkImage: string; candidateImage?: string; choice?: CandidateChoice; count?: number; sessionTimeoutMs?: number; extraEnv?: Record<string, string> },
  fn: (c: TestCluster) => Promise<void>,
): Promise<string> {
  const runId = `test-${randomBytes(3).toString("hex")}`;
  const dir = tmpDir("sb-cluster-");
  const historyPath = join(dir, "history.jsonl");
  const history = HistoryWriter.create(historyPath, { run: runId, scenario: "test", seed: 0, startedAt: new Date().toISOString() });
  const signal = new AbortController().signal;
  const log = (m: string): void => console.log(`[${runId}] ${m}`);
  await using cluster = new ClusterFixture<DockerRun>(async (run) => {
    await run?.teardown();
    history.close();
  });
  const run = await cluster.openRun(() => DockerRun.open(docker, currentOwner(runId)));
  const observed = await cluster.startEnsemble({
    spec: { ...DEFAULT_ENSEMBLE, size: options.size ?? 3, ...(options.tickTime !== undefined ? { tickTime: options.tickTime } : {}) },
    image: options.zkImage,
    history,
    logsDir: dir,
    quorumTimeoutMs: 90_000,
    observeIntervalMs: 250,
    progress: log,
    signal,
  });
  let fleet: Candidate[] = [];
  if (options.candidateImage !== undefined) {
    const choice = options.choice;
    fleet = await cluster.startFleet({
      count: options.count ?? 3,
      image: options.candidateImage,
      ...(choice !== undefined && choice.kind !== "image" && choice.cmd !== undefined ? { cmd: choice.cmd } : {}),
      env: {
        zk: observed.ensemble.connectString,
        electionPath: "/splitbrain/election",
        sessionTimeoutMs: options.sessionTimeoutMs ?? 6000,
        ...(choice?.bug !== undefined ? { bug: choice.bug } : {}),
        ...(options.extraEnv !== undefined ? { extra: options.extraEnv } : {}),
      },
      history,
      logsDir: dir,
      progress: log,
      signal,
      settleMs: 500,
    });
  }
  await fn({ runId, run, observed, fleet, history, historyPath, dir });
  return runId;
}

export async function historyEvents(path: string): Promise<ReadEvent[]> {
  const events: ReadEvent[] = [];
  await readHistory(path, (e) => events.push(e));
  return events.sort((a, b) => a.t - b.t);
}

/** Who believes they lead group "default" at the end of the history so far. */
export function leadersOf(events: readonly ReadEvent[]): Set<string> {
  const leaders = new Set<string>();
  for (const e of events) {
    const group = (e as { group?: string }).group ?? "default";
    if (e.type === "leader" && group === "default") leaders.add(e.node);
    else if ((e.type === "follower" && group === "default") || e.type === "down") leaders.delete(e.node);
  }
  return leaders;
}

/** Polls the history until `predicate` holds for the current leaders; returns them, or throws after timeoutMs. */
export async function waitForLeaders(path: string, predicate: (leaders: Set<string>) => boolean, timeoutMs: number, what: string): Promise<Set<string>> {
  const deadline = Date.now() + timeoutMs;
  let leaders = new Set<string>();
  while (Date.now() < deadline) {
    leaders = leadersOf(await historyEvents(path));
    if (predicate(leaders)) return leaders;
    await sleep(200);
  }
  throw new Error(`${what}: not within ${timeoutMs} ms (leaders now: ${[...leaders].join(", ") || "none"})`);
}
