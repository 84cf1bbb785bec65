import { existsSync, readFileSync, realpathSync } from "node:fs";
import { basename, join } from "node:path";
import { z } from "zod";
import { InputError } from "../errors/index.js";
import { pathMessages } from "../scenarios/load.js";
import type { RepeatRun } from "./repeat-summary.js";

const RepeatRunSchema = z.object({
  scenario: z.string(),
  index: z.number().int().positive(),
  seed: z.number().int(),
  valid: z.union([z.literal(true), z.literal(false), z.literal("unknown")]),
  violations: z.array(z.string()),
  inconclusive: z.string().optional(),
  seconds: z.number(),
  runDir: z.string(),
});

const RepeatFileSchema = z.object({
  repeat: z.object({ baseSeed: z.number().int(), count: z.number().int().positive() }),
  runs: z.array(RepeatRunSchema),
});

/**
 * The runs of a repeat.json (`run --repeat --out`), each run directory looked up beside it when
 * the recorded path is gone (an artifact downloaded elsewhere). The run directories found are
 * added to `seen`, so that `merge` does not count them again as plain runs.
 */
export function readRepeatFile(dir: string, seen: Set<string>): { baseSeed: number; count: number; runs: RepeatRun[] } {
  const file = join(dir, "repeat.json");
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8")) as unknown;
  } catch (err) {
    throw new InputError(file, undefined, `not valid JSON (${(err as Error).message})`);
  }
  const parsed = RepeatFileSchema.safeParse(value);
  if (!parsed.success) throw new InputError(file, undefined, `not a repeat.json as splitbrain writes it: ${pathMessages(parsed.error).join("; ")}`);
  const runs = parsed.data.runs.map((r) => {
    const beside = join(dir, basename(r.runDir));
    const runDir = existsSync(beside) ? beside : r.runDir;
    if (existsSync(runDir)) seen.add(realpathSync(runDir));
    const { inconclusive, ...rest } = r;
    return { ...rest, ...(inconclusive !== undefined ? { inconclusive } : {}), runDir };
  });
  return { baseSeed: parsed.data.repeat.baseSeed, count: parsed.data.repeat.count, runs };
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
