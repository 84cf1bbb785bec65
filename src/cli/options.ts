import { InvalidArgumentError } from "commander";
import type { CheckOptions } from "../checkers/types.js";
import { ENSEMBLE_SIZES, isEnsembleSize, type EnsembleSize } from "../cluster/spec.js";
import { parseShard, type Shard } from "../run/shard.js";

/** A commander argument parser for a non-negative number of milliseconds. */
export function parseMs(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected a number of milliseconds >= 0, got "${value}"`);
  }
  return n;
}

/** A duration: "90" (seconds), "90s", "1500ms", "2m". */
export function parseDuration(value: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(value.trim());
  if (m === null) throw new InvalidArgumentError(`expected a duration like 90s, 1500ms or 2m, got "${value}"`);
  const n = Number(m[1]);
  const unit = m[2] ?? "s";
  return unit === "ms" ? n : unit === "m" ? n * 60_000 : n * 1000;
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
export function checkOverrides(flags: { toleranceMs?: number; recoveryMs?: number; fencing?: boolean }): Partial<CheckOptions> {
  return {
    ...(flags.toleranceMs !== undefined ? { toleranceMs: flags.toleranceMs } : {}),
    ...(flags.recoveryMs !== undefined ? { recoveryMs: flags.recoveryMs } : {}),
    ...(flags.fencing !== undefined ? { fencing: flags.fencing } : {}),
  };
}
