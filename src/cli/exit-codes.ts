import type { Validity } from "../checkers/types.js";

/** Exit codes (DESIGN.md, contract). Only the CLI uses them. */
export const ExitCode = {
  pass: 0,
  violation: 1,
  inconclusive: 2,
  badInput: 64,
  interrupted: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export function exitCodeFor(valid: Validity): ExitCodeValue {
  if (valid === false) return ExitCode.violation;
  if (valid === "unknown") return ExitCode.inconclusive;
  return ExitCode.pass;
}
