import { spawnSync } from "node:child_process";
import { join } from "node:path";

export const BIN = join(import.meta.dirname, "..", "..", "bin", "splitbrain");

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the built bin/splitbrain as a user would (no TTY, colours off unless asked). After
 * `timeoutMs` it is sent SIGTERM (it then tears down and exits 130).
 */
export function splitbrain(args: string[], env: Record<string, string | undefined> = {}, timeoutMs = 120_000): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", FORCE_COLOR: undefined, ...env },
    timeout: timeoutMs,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
