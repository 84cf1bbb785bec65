import { InvalidArgumentError } from "commander";

/** A commander argument parser for a non-negative number of milliseconds. */
export function parseMs(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n) || n < 0) {
    throw new InvalidArgumentError(`expected a number of milliseconds >= 0, got "${value}"`);
  }
  return n;
}
