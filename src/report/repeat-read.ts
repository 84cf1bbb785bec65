import { existsSync, realpathSync } from "node:fs";
import { basename, join } from "node:path";
import { readRepeatJson, type RepeatRun } from "../files/repeat-file.js";

/**
 * The runs of a repeat.json (`run --repeat --out`), each run directory looked up beside it when
 * the recorded path is gone (an artifact downloaded elsewhere). The run directories found are
 * added to `seen`, so that `merge` does not count them again as plain runs.
 */
export function readRepeatFile(dir: string, seen: Set<string>): { baseSeed: number; count: number; runs: RepeatRun[] } {
  const parsed = readRepeatJson(join(dir, "repeat.json"));
  const runs = parsed.runs.map((r) => {
    const beside = join(dir, basename(r.runDir));
    const runDir = existsSync(beside) ? beside : r.runDir;
    if (existsSync(runDir)) seen.add(realpathSync(runDir));
    const { inconclusive, ...rest } = r;
    return { ...rest, ...(inconclusive !== undefined ? { inconclusive } : {}), runDir };
  });
  return { baseSeed: parsed.repeat.baseSeed, count: parsed.repeat.count, runs };
}

/**
 * The runs of several repeat.json files (the shards of one `run --repeat`) as one repeat: a run
 * found twice (the same scenario and repeat index, e.g. a shard given twice) counts once.
 */
export function joinRepeatRuns(parts: ReadonlyArray<readonly RepeatRun[]>): RepeatRun[] {
  const byKey = new Map<string, RepeatRun>();
  for (const part of parts) for (const r of part) if (!byKey.has(`${r.scenario}\u0000${r.index}`)) byKey.set(`${r.scenario}\u0000${r.index}`, r);
  return [...byKey.values()];
}
