/** What commands need from the process, passed in so tests and commands share no global state. */
export interface CliContext {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  setExitCode(code: number): void;
}
