import type { CandidateChoice } from "../../src/candidates/registry.js";
import { packageVersion } from "../../src/cli/version.js";
import { DEFAULT_ENSEMBLE, type EnsembleSize } from "../../src/cluster/spec.js";
import { hostBuildArgs } from "../../src/runtime/host-ca.js";
import type { RunScenarioOptions } from "../../src/run/run-scenario.js";
import type { SessionOptions } from "../../src/run/session.js";
import type { ScenarioSpec } from "../../src/scenarios/types.js";
import { tmpDir } from "./docker.js";

/** Logs a test's progress lines under a tag, and keeps them for assertions. */
export function progressLog(tag: string): { progress: (m: string) => void; said: string[] } {
  const said: string[] = [];
  return {
    said,
    progress: (m) => {
      said.push(m);
      console.log(`[${tag}] ${m}`);
    },
  };
}

/** A scenario run as the CLI would do it: 3 servers, 3 candidates, time scale 0.5, a fresh runs folder. */
export function scenarioRun(tag: string, scenario: ScenarioSpec, candidate: CandidateChoice, seed: number): RunScenarioOptions {
  return {
    env: process.env,
    version: packageVersion(),
    scenario,
    seed,
    servers: 3,
    candidate,
    candidates: 3,
    sessionTimeoutMs: 6000,
    recoveryMs: 30_000,
    timeScale: 0.5,
    toleranceMs: 0,
    fencing: false,
    runsRoot: tmpDir(`sb-${tag}-`),
    keep: false,
    buildArgs: hostBuildArgs(process.env),
    progress: progressLog(tag).progress,
    signal: new AbortController().signal,
  };
}

/** A session on a fresh cluster with these candidates (for tests that act on the cluster themselves). */
export function sessionRun(
  tag: string,
  candidates: SessionOptions["candidates"],
  options: { size?: EnsembleSize; progress?: (m: string) => void; check?: SessionOptions["check"] } = {},
): SessionOptions {
  return {
    env: process.env,
    version: packageVersion(),
    scenario: tag,
    seed: 1,
    spec: { ...DEFAULT_ENSEMBLE, size: options.size ?? 3 },
    ...(candidates !== undefined ? { candidates } : {}),
    needNetutil: false,
    runsRoot: tmpDir(`sb-${tag}-`),
    keep: false,
    quorumTimeoutMs: 90_000,
    observeIntervalMs: 250,
    ...(options.check !== undefined ? { check: options.check } : {}),
    progress: options.progress ?? progressLog(tag).progress,
    signal: new AbortController().signal,
  };
}
