import { UserError } from "../errors/index.js";
import { InvalidArgumentError, Option } from "commander";
import { POSSIBLE_POLICIES, type CheckOptions, type PossiblePolicy } from "../checkers/types.js";
import { ENSEMBLE_SIZES, isEnsembleSize, type EnsembleSize } from "../cluster/spec.js";
import { parseDurationText } from "../scenarios/duration.js";
import { parseShard, type Shard } from "../run/shard.js";

/**
 * A commander argument parser for a duration whose bare number is milliseconds (`--recovery-ms
 * 5000`), also with a unit like `run --recovery` (`15s`, `1500ms`, `2m`). At most 7 days.
 */
export function parseMs(value: string): number {
  return durationArg(value, "ms");
}

/** A duration: "90" (seconds), "90s", "1500ms", "2m". At most 7 days. */
export function parseDuration(value: string): number {
  return durationArg(value, "s");
}

function durationArg(value: string, bareUnit: "ms" | "s"): number {
  try {
    return parseDurationText(value, bareUnit);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

export function parseEnsembleSize(value: string): EnsembleSize {
  const n = Number(value);
  if (!isEnsembleSize(n)) throw new InvalidArgumentError(`expected one of ${ENSEMBLE_SIZES.join(", ")} servers, got "${value}"`);
  return n;
}

/** A whole number written in decimal digits (no sign, exponent, hex or blank: "1e3", "0x10", "+5" and "" are refused). */
export function decimalInt(value: string): number | undefined {
  return /^[0-9]{1,15}$/.test(value) ? Number(value) : undefined;
}

export function parsePositiveInt(value: string): number {
  const n = decimalInt(value);
  if (n === undefined || n <= 0) throw new InvalidArgumentError(`expected a whole number > 0 in decimal digits, got "${value}"`);
  return n;
}

/** How many candidates a run may have: each is a container (Docker and ZooKeeper sessions), and the ids are c1..c64. */
export const MAX_CANDIDATES = 64;

export function parseCandidateCount(value: string): number {
  const n = parsePositiveInt(value);
  if (n > MAX_CANDIDATES) throw new InvalidArgumentError(`expected at most ${MAX_CANDIDATES} candidates, got "${value}"`);
  return n;
}

/** The longest session timeout a candidate may request: ZooKeeper grants at most 20 ticks (40 s by default) anyway. */
export const MAX_SESSION_TIMEOUT_MS = 10 * 60 * 1000;

/** `--session-timeout`: more than 0 and at most 10 minutes (scenario steps are measured in it). */
export function parseSessionTimeout(value: string): number {
  const ms = parseDuration(value);
  if (ms <= 0) throw new InvalidArgumentError(`expected a session timeout longer than 0, got "${value}"`);
  if (ms > MAX_SESSION_TIMEOUT_MS) {
    throw new InvalidArgumentError(`expected at most 10m (${MAX_SESSION_TIMEOUT_MS} ms), got "${value}": ZooKeeper grants at most 20 ticks (40 s with its default tick), and scenario steps are measured in session timeouts`);
  }
  return ms;
}

/** A duration that must be longer than 0 (`--recovery`: a bound of 0 fails every election). */
export function parsePositiveDuration(value: string): number {
  const ms = parseDuration(value);
  if (ms <= 0) throw new InvalidArgumentError(`expected a duration longer than 0, got "${value}"`);
  return ms;
}

/** `--shard i/n`: the i-th of n shards, counted from 1. */
export function parseShardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
}

/**
 * `--recovery <time>`: the liveness bound (the longest leaderless time where a leader is
 * expected), spelled the same in every command; a bare number is seconds, as everywhere a
 * duration is taken (`15s`, `1500ms`, `2m` with a unit).
 */
export function recoveryOption(description: string): Option {
  return new Option("--recovery <time>", description).argParser(parsePositiveDuration);
}

/** The old spelling `--recovery-ms <ms>` (check, report, up), kept working and hidden from --help. */
export function recoveryMsOption(): Option {
  return new Option("--recovery-ms <ms>", "deprecated: use --recovery").argParser(parseMs).hideHelp();
}

/**
 * The recovery bound given as --recovery, or as the deprecated --recovery-ms (with a note saying
 * so); both at once is bad usage. Undefined when neither was given.
 */
export function recoveryOf(flags: { recovery?: number; recoveryMs?: number }, note: (line: string) => void): number | undefined {
  if (flags.recovery !== undefined && flags.recoveryMs !== undefined) throw new UserError("--recovery and --recovery-ms say the same thing", "Give --recovery alone (e.g. --recovery 15s); --recovery-ms is its old spelling.");
  if (flags.recoveryMs !== undefined) note(`note: --recovery-ms is deprecated; it is --recovery in every command now (--recovery ${flags.recoveryMs}ms)`);
  return flags.recovery ?? flags.recoveryMs;
}

/** The check options the user gave as flags (`check`, `report`); the rest come from the run's record. */
export function checkOverrides(flags: { toleranceMs?: number; recoveryMs?: number; fencing?: boolean; possible?: PossiblePolicy }): Partial<CheckOptions> {
  return {
    ...(flags.toleranceMs !== undefined ? { toleranceMs: flags.toleranceMs } : {}),
    ...(flags.recoveryMs !== undefined ? { recoveryMs: flags.recoveryMs } : {}),
    ...(flags.fencing !== undefined ? { fencing: flags.fencing } : {}),
    ...(flags.possible !== undefined ? { possible: flags.possible } : {}),
  };
}

/**
 * `--possible inconclusive|warn|fail`: what a possible overlap (not seen at once by a polled
 * observer) that rests on answers missing for longer than a poll interval makes of the check.
 */
export function possibleOption(defaultText: string): Option {
  return new Option(
    "--possible <policy>",
    `an overlap a polled observer never saw at once, resting on missing answers: inconclusive (exit 2), warn, or fail (default: ${defaultText})`,
  ).choices(POSSIBLE_POLICIES);
}

/** The smallest --time-scale: below it ZooKeeper's tick would be under its 100 ms floor and every time rounds to nothing. */
const MIN_TIME_SCALE = 0.01;

export function parseScale(value: string): number {
  const n = /^[0-9]*\.?[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isFinite(n) || n < MIN_TIME_SCALE || n > 1) throw new UserError(`--time-scale: expected a decimal number from ${MIN_TIME_SCALE} to 1, got "${value}"`);
  return n;
}

export function parseSeed(value: string): number {
  const n = decimalInt(value);
  if (n === undefined || n > 0xffffffff) throw new UserError(`--seed: expected a whole number from 0 to 4294967295 in decimal digits, got "${value}"`);
  return n;
}
