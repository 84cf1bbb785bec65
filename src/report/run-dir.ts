import { existsSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { basename, join } from "node:path";
import { randomBytes } from "node:crypto";

export interface RunDir {
  runId: string;
  path: string;
  history: string;
  logs: string;
}

/** 20260101T120000Z: a UTC time that sorts and is safe in names. */
export function compactUtc(date: Date): string {
  return date.toISOString().replace(/[-:]/g, "").replace(/\.\d{3}Z$/, "Z");
}

/** A run id: UTC time plus 4 random hex digits (unique across parallel runs). */
export function newRunId(date: Date, random: () => string = () => randomBytes(2).toString("hex")): string {
  return `${compactUtc(date)}-${random()}`;
}

/**
 * Creates `runs/<UTC time>-<scenario>/` (or `out`) with logs/, and points `runs/latest` at it
 * (docs/contracts.md, run directory).
 */
export function createRunDir(options: { root: string; scenario: string; startedAt: Date; runId: string; out?: string }): RunDir {
  let path = options.out ?? join(options.root, `${compactUtc(options.startedAt)}-${options.scenario}`);
  if (options.out === undefined && existsSync(path)) path = `${path}-${options.runId.slice(-4)}`;
  mkdirSync(join(path, "logs"), { recursive: true });
  if (options.out === undefined) {
    const latest = join(options.root, "latest");
    rmSync(latest, { force: true });
    try {
      symlinkSync(basename(path), latest);
    } catch {
      // a file system without symlinks: the run directory still exists
    }
  }
  return { runId: options.runId, path, history: join(path, "history.jsonl"), logs: join(path, "logs") };
}
