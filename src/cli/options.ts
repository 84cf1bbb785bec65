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

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`expected a whole number > 0, got "${value}"`);
  return n;
}

/** `--shard i/n`: the i-th of n shards, counted from 1. */
export function parseShardOption(value: string): Shard {
  try {
    return parseShard(value);
  } catch (err) {
    throw new InvalidArgumentError((err as Error).message);
  }
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
