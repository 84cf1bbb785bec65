/**
 * The error hierarchy. The CLI maps these to exit codes (docs/contracts.md): a UserError is bad usage or
 * invalid input (64), an InconclusiveError means the run or check could not be completed (2).
 * Anything else is a bug in splitbrain and is reported with its stack.
 */
export class UserError extends Error {
  override name = "UserError";
  /** What the user can do about it, shown under the message. */
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** Bad content in a file the user gave us: names the file and, when known, the line. */
export class InputError extends UserError {
  override name = "InputError";
  readonly file: string;
  readonly line: number | undefined;
  constructor(file: string, line: number | undefined, problem: string, hint?: string) {
    super(line === undefined ? `${file}: ${problem}` : `${file}:${line}: ${problem}`, hint);
    this.file = file;
    this.line = line;
  }
}

/** The run or the check could not be completed: not the user's fault, not a verdict. */
export class InconclusiveError extends Error {
  override name = "InconclusiveError";
  readonly hint: string | undefined;
  constructor(message: string, hint?: string) {
    super(message);
    this.hint = hint;
  }
}

/** The user interrupted (Ctrl-C, SIGTERM); everything started was torn down before this reaches the CLI. */
export class InterruptedError extends Error {
  override name = "InterruptedError";
  constructor(readonly signalName: string) {
    super(`interrupted by ${signalName}`);
  }
}
