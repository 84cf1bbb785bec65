import { InvalidArgumentError } from "commander";
import type { PossiblePolicy } from "../checkers/types.js";
import { UserError } from "../errors/index.js";
import { checkEngineReach } from "../run/engine-reach.js";
import { engineEnv, parseEngineList } from "../run/engines.js";
import type { Shard } from "../run/shard.js";
import type { CliContext } from "./context.js";
import { buildArgsFromEnv } from "./images.js";
import { packageVersion } from "./version.js";
import { RUN_DEFAULTS } from "../run/defaults.js";

/** The flags of `run` (plain runs and suites alike), as commander hands them over. */
export interface RunFlags {
  scenarioFile?: string;
  servers: 1 | 3 | 5 | 7;
  candidate: string;
  candidates: number;
  bug?: string;
  seed?: number;
  sessionTimeout: number;
  recovery: number;
  timeScale: number;
  duration: number;
  away: "kill" | "partition";
  toleranceMs: number;
  fencing: boolean;
  possible?: PossiblePolicy;
  witness?: "plain" | "fenced";
  zkImage?: string;
  out?: string;
  keep: boolean;
  tui: boolean;
  dryRun: boolean;
  curatorJars?: string;
  junit?: string;
  suite?: string;
  incident?: string;
  observeZk: boolean;
  candidateEnv: Record<string, string>;
  shard?: Shard;
  parallel: number;
  engines?: string[];
  repeat?: number;
  untilFail: boolean;
}

export function collectEnv(value: string, previous: Record<string, string>): Record<string, string> {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(value);
  if (m === null) throw new UserError(`--candidate-env: expected NAME=value, got "${value}"`, "e.g. --candidate-env SB_PATRONI_TTL=30");
  if (value.includes("\u0000")) throw new UserError("--candidate-env: a value cannot hold a NUL character");
  return { ...previous, [m[1] as string]: m[2] as string };
}

export function parseEngines(value: string): string[] {
  try {
    return parseEngineList(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/** --engines, else SPLITBRAIN_ENGINES; undefined means the environment's one engine. */
export function enginesOf(ctx: CliContext, flags: RunFlags): string[] | undefined {
  if (flags.engines !== undefined) return flags.engines;
  const fromEnv = ctx.env["SPLITBRAIN_ENGINES"];
  if (fromEnv === undefined || fromEnv.trim() === "") return undefined;
  try {
    return parseEngineList(fromEnv);
  } catch (err) {
    throw new UserError(`SPLITBRAIN_ENGINES: ${(err as Error).message}`, "Set it to comma-separated engine addresses, e.g. unix:///var/run/docker.sock,tcp://10.0.0.2:2376, or unset it.");
  }
}

/**
 * Before anything runs on engines other than this machine's socket (--engines, or a DOCKER_HOST
 * over tcp:// or ssh://): each must let the harness reach its containers' addresses, or the
 * command stops here with the engine named (run/engine-reach.ts).
 */
export async function checkEnginesReach(ctx: CliContext, engines: readonly string[] | undefined, progress: (line: string) => void): Promise<void> {
  const host = ctx.env["DOCKER_HOST"];
  const list = engines ?? (host !== undefined && /^(tcp|ssh):\/\//.test(host) ? [host] : []);
  for (let slot = 0; slot < list.length; slot += 1) {
    await checkEngineReach(engineEnv(ctx.env, list, slot), packageVersion(), progress, buildArgsFromEnv(ctx.env).buildArgs);
  }
}

/** The run options every scenario of a `run` (or a suite) shares, from the flags. */
export function commonRunOptions(ctx: CliContext, flags: RunFlags, seed: number) {
  return {
    env: ctx.env,
    version: packageVersion(),
    seed,
    servers: flags.servers,
    ...(flags.zkImage !== undefined ? { zkImage: flags.zkImage } : {}),
    candidates: flags.candidates,
    sessionTimeoutMs: flags.sessionTimeout,
    recoveryMs: flags.recovery,
    timeScale: flags.timeScale,
    toleranceMs: flags.toleranceMs,
    fencing: flags.fencing,
    ...(flags.possible !== undefined ? { possible: flags.possible } : {}),
    ...(flags.witness !== undefined ? { witness: flags.witness } : {}),
    runsRoot: RUN_DEFAULTS.runsRoot,
    keep: flags.keep,
    ...buildArgsFromEnv(ctx.env),
  };
}
