import { CANDIDATE_KINDS, type CandidateChoice, type CandidateKind } from "../candidates/registry.js";
import type { EnsembleSize } from "../cluster/spec.js";
import type { PossiblePolicy } from "../checkers/types.js";
import { InconclusiveError } from "../errors/index.js";
import { checkToJson } from "../report/check-summary.js";
import { compileSchedule } from "../scenarios/compile.js";
import { liveExecution, ScheduleExecutor, type ExecutedAction } from "../scenarios/executor.js";
import { CLOCK_ENV } from "../faults/clock.js";
import { needsOf } from "../faults/registry.js";
import { probeKernelFeature } from "../runtime/kernel-features.js";
import { refuseUnmetKernelNeeds } from "./kernel-needs.js";
import type { Schedule, ScenarioSpec } from "../scenarios/types.js";
import type { BringUpGate } from "./bring-up-gate.js";
import { junitScenarioOf, scenarioValidity, type ScenarioResult } from "./scenario-result.js";
import { scaleTiming } from "./scaling.js";
import { scheduleConfigOf } from "./schedule-config.js";
import { runSession } from "./session.js";
import type { WriteMode } from "../history/events.js";
import { renderJunit } from "../report/junit.js";
import { writeRunReports } from "../report/run-reports.js";
import type { RunReporter } from "../ui/reporter.js";
import { RUN_DEFAULTS } from "./defaults.js";

export interface RunScenarioOptions {
  env: NodeJS.ProcessEnv;
  version: string;
  scenario: ScenarioSpec;
  seed: number;
  servers: EnsembleSize;
  zkImage?: string;
  candidate: CandidateChoice;
  candidates: number;
  /** --candidate-env: set last, over the kind's and the candidate file's values. */
  candidateEnv?: Record<string, string>;
  /** Bind mounts into the candidates (--curator-jars). */
  candidateBinds?: string[];
  /** Full-length values; --time-scale shortens them. */
  sessionTimeoutMs: number;
  recoveryMs: number;
  timeScale: number;
  toleranceMs: number;
  fencing: boolean;
  /** --possible: what an overlap a polled observer never saw at once makes of the check. */
  possible?: PossiblePolicy;
  /** --witness: run the witness in this mode (the candidates get SB_WITNESS). */
  witness?: WriteMode;
  runsRoot: string;
  out?: string;
  keep: boolean;
  buildArgs?: Record<string, string>;
  /** Run this schedule instead of compiling one (replay, or one the CLI compiled before anything started). */
  schedule?: Schedule;
  /** The run directory this one replays. */
  replayOf?: string;
  progress: (message: string) => void;
  signal: AbortSignal;
  /** With runs started together: wait for this gate before bringing the cluster up. */
  bringUpGate?: BringUpGate;
  /** Hooks for the live view and the plain reporter. */
  reporter?: Pick<RunReporter, "runStarted" | "event" | "scheduleStarted">;
}

/** Where the candidates elect (SB_ELECTION_PATH). */
export const ELECTION_PATH = RUN_DEFAULTS.electionPath;

/** The environment a built-in kind scales with --time-scale (Patroni's ttl, loop_wait, retry_timeout). */
function scaledEnvOf(choice: CandidateChoice, timeScale: number): Record<string, string> {
  if (choice.kind === "image") return {};
  const def: CandidateKind = CANDIDATE_KINDS[choice.kind];
  return def.scaledEnv?.(timeScale) ?? {};
}

/** Runs one scenario on a fresh cluster (the session writes run.json) and writes its reports (verdict.json, junit.xml, timeline.html). */
export async function runScenario(options: RunScenarioOptions): Promise<ScenarioResult> {
  const timing = scaleTiming(options.servers, options.sessionTimeoutMs, options.recoveryMs, options.timeScale);
  const scheduleConfig = scheduleConfigOf(options);
  let schedule: Schedule;
  try {
    schedule = options.schedule ?? compileSchedule(options.scenario, scheduleConfig, options.seed);
  } catch (err) {
    throw new InconclusiveError(`scenario ${options.scenario.name} does not compile: ${(err as Error).message}`);
  }
  // Refused before anything starts when the kernel lacks what a fault needs (netem for delay).
  refuseUnmetKernelNeeds(options.scenario.name, schedule, (feature) => probeKernelFeature(feature, options.env));
  const needs = needsOf(schedule.actions.flatMap((a) => (a.do === "inject" ? [a.fault.kind] : [])));
  let executed: ExecutedAction[] = [];
  // With runs started together, one bring-up at a time per engine: the others wait their turn.
  const release = options.bringUpGate === undefined ? undefined : await options.bringUpGate.acquire(options.signal, () => options.progress("waiting for another run's bring-up on this engine"));
  const letThrough = (): void => release?.();
  let session: Awaited<ReturnType<typeof runSession<string | undefined>>>;
  try {
    session = await runSession(
      {
        onBroughtUp: letThrough,
        env: options.env,
        version: options.version,
        scenario: options.scenario.name,
        seed: options.seed,
        spec: timing.ensemble,
        ...(options.zkImage !== undefined ? { zkImage: options.zkImage } : {}),
        candidates: {
          choice: options.candidate,
          count: options.candidates,
          sessionTimeoutMs: timing.sessionTimeoutMs,
          electionPath: ELECTION_PATH,
          extraEnv: {
            SB_WINDOW_MS: String(timing.windowMs),
            // libfaketime only where a clock fault will move the clock (src/faults/clock.ts).
            ...(needs.clock ? CLOCK_ENV : {}),
            ...scaledEnvOf(options.candidate, options.timeScale),
            ...(options.candidate.env ?? {}),
            ...(options.candidateEnv ?? {}),
          },
          ...(options.candidateEnv !== undefined ? { candidateEnv: options.candidateEnv } : {}),
          ...(options.candidateBinds !== undefined ? { binds: options.candidateBinds } : {}),
        },
        ...(options.witness !== undefined ? { witness: options.witness } : {}),
        needNetutil: needs.netAdmin,
        runsRoot: options.runsRoot,
        ...(options.out !== undefined ? { out: options.out } : {}),
        keep: options.keep,
        quorumTimeoutMs: 90_000,
        observeIntervalMs: RUN_DEFAULTS.observeIntervalMs,
        ...(options.buildArgs !== undefined ? { buildArgs: options.buildArgs } : {}),
        record: {
          scenarioSpec: options.scenario,
          schedule,
          scheduleConfig,
          timeScale: options.timeScale,
          scaled: timing,
          candidate: options.candidate,
          ...(options.replayOf !== undefined ? { replayOf: options.replayOf } : {}),
        },
        // run.json gets what was actually done, with the targets resolved at run time.
        recordAtEnd: () => ({ executed }),
        check: { toleranceMs: options.toleranceMs, recoveryMs: timing.recoveryMs, fencing: options.fencing, ...(options.possible !== undefined ? { possible: options.possible } : {}) },
        progress: options.progress,
        signal: options.signal,
        ...(options.reporter !== undefined
          ? { onRunStarted: (info) => options.reporter?.runStarted(info), onEvent: (e) => options.reporter?.event(e) }
          : {}),
      },
      async (cluster) => {
        const executor = new ScheduleExecutor({
          ...liveExecution({
            run: cluster.run,
            ensemble: cluster.ensemble,
            fleet: cluster.fleet,
            nodes: cluster.nodes,
            netutilImage: cluster.netutilImage,
            progress: cluster.progress,
            note: (msg) => cluster.history.record({ node: "splitbrain", type: "log", msg }),
          }),
          history: cluster.history,
          leadership: cluster.leadership,
          signal: cluster.signal,
          progress: cluster.progress,
          sessionTimeoutMs: timing.sessionTimeoutMs,
          ...(options.reporter !== undefined ? { onStarted: (sch: Schedule, t: number) => options.reporter?.scheduleStarted(sch, t) } : {}),
        });
        try {
          await executor.run(schedule);
          return undefined;
        } catch (err) {
          if (err instanceof InconclusiveError && !cluster.signal.aborted) {
            cluster.history.record({ node: "splitbrain", type: "log", msg: `run inconclusive: ${err.message}` });
            return err.message;
          }
          throw err;
        } finally {
          executed = executor.executed;
        }
      },
    );
  } finally {
    letThrough();
  }
  const inconclusive = session.body;
  const result: ScenarioResult = {
    scenario: options.scenario.name,
    runId: session.runId,
    runDir: session.runDir,
    seed: options.seed,
    check: session.check,
    ...(inconclusive !== undefined ? { inconclusive } : {}),
    timings: session.timings,
    schedule,
    executed,
  };
  const check = session.check;
  if (check !== undefined) {
    const valid = scenarioValidity(result);
    const written = await writeRunReports(session.runDir, {
      verdict: {
        ...checkToJson({ ...check, valid }),
        scenario: options.scenario.name,
        seed: options.seed,
        ...(inconclusive !== undefined ? { inconclusive } : {}),
      },
      junit: renderJunit([junitScenarioOf(result)]),
      history: session.history,
      timelineVerdict: { valid, checkers: check.checkers },
    });
    for (const s of written.skipped) options.progress(`not written: ${s.error instanceof Error ? s.error.message : String(s.error)} (verdict.json and junit.xml were)`);
  }
  return result;
}
