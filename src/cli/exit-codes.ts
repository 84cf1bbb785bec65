import type { Validity } from "../checkers/types.js";
import { verdictExitCode } from "../checkers/verdict.js";

/** Exit codes (docs/contracts.md). Only the CLI uses them. */
export const ExitCode = {
  pass: 0,
  violation: 1,
  inconclusive: 2,
  badInput: 64,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(valid: Validity): ExitCodeValue {
  return verdictExitCode(valid);
}
