import { spawn, type ChildProcess } from "node:child_process";
import { BIN } from "./cli.js";

export interface Running {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** Resolves when the output matches, rejects when the process ends first or after timeoutMs. */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts bin/splitbrain in the background, as a user would in a terminal (without a TTY). */
export function startSplitbrain(args: string[], env: Record<string, string | undefined> = {}): Running {
  const child = spawn(process.execPath, [BIN, ...args], {
    env: { ...process.env, NO_COLOR: "1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (c: Buffer) => (out += c.toString()));
  child.stderr?.on("data", (c: Buffer) => (err += c.toString()));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on("close", (code, signal) => resolve({ code, signal })),
  );
  const waitFor = (pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> =>
    new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const tick = (): void => {
        const m = pattern.exec(out + err);
        if (m !== null) return resolve(m);
        if (child.exitCode !== null || child.signalCode !== null) {
          return reject(new Error(`splitbrain ended before ${pattern}:\n${out}${err}`));
        }
        if (Date.now() > deadline) return reject(new Error(`no ${pattern} within ${timeoutMs} ms:\n${out}${err}`));
        setTimeout(tick, 50);
      };
      tick();
    });
  return { child, stdout: () => out, stderr: () => err, waitFor, exit };
}
