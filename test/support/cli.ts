import { spawn } from "node:child_process";
import { join } from "node:path";
import { Writable } from "node:stream";
import { runCli as runCliMain } from "../../src/cli/main.js";

export const BIN = join(import.meta.dirname, "..", "..", "bin", "splitbrain");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written to it (not a TTY, like a pipe). */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, text: () => chunks.join("") };
}

/**
 * Runs the CLI in this process: the same `runCli` bin/splitbrain calls, with stdout and stderr
 * captured (not a TTY, colours off unless asked) and the exit code returned instead of set on the
 * process. No process is started, so a test can run hundreds of commands. What only a real process
 * shows (its exit, signals, a closed pipe) is tested through `splitbrain` below.
 */
export async function runCli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  const stdout = capture();
  const stderr = capture();
  let code: number | null = 0;
  await runCliMain(["node", BIN, ...args], {
    stdout: stdout.stream,
    stderr: stderr.stream,
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    setExitCode: (c) => {
      code = c;
    },
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/**
 * Runs the built bin/splitbrain as a user would (a real process, no TTY, colours off unless
 * asked), without blocking this process while it runs. After `timeoutMs` it is sent SIGTERM (it
 * then tears down and exits 130).
 */
export function splitbrain(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<CliRun> {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    stdio: ["ignore", "pipe", "pipe"],
    timeout: timeoutMs,
  });
  let stdout = "";
  let stderr = "";
  child.stdout.setEncoding("utf8").on("data", (s: string) => (stdout += s));
  child.stderr.setEncoding("utf8").on("data", (s: string) => (stderr += s));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}
