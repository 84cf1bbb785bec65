import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { readHistory, resolveHistoryPath } from "../history/reader.js";
import type { Meta } from "../history/events.js";
import type { ParseSummary } from "../history/parse.js";
import { InputError } from "../errors/index.js";
import { RecordedOptionError, recordedCheckOptions } from "./recorded-options.js";
import { checkerTimelineBuilder } from "./checker-timeline.js";
import { evidenceOf } from "./timeline.js";
import { checkTimeline, type Verdict } from "./verdict.js";
import { DEFAULT_CHECK_OPTIONS, type CheckOptions } from "./types.js";

export interface HistoryCheck extends Verdict {
  file: string;
  history: ParseSummary;
  options: CheckOptions;
  /** The options that came from the history header (the run's own) and no override replaced. */
  recorded?: Partial<CheckOptions>;
  /** Reader and timeline warnings (out-of-order lines, unknown types, stray heals, a torn last line). */
  warnings: string[];
}

async function check(
  target: string,
  optionsFor: (meta: Meta, file: string) => { options: CheckOptions; recorded?: Partial<CheckOptions> },
): Promise<HistoryCheck> {
  const file = await resolveHistoryPath(target);
  const builder = checkerTimelineBuilder();
  const history = await readHistory(file, (event, _line, known) => builder.add(event, known));
  const timeline = builder.finish(evidenceOf(history.meta));
  const { options, recorded } = optionsFor(history.meta, file);
  const verdict = checkTimeline(timeline, options);
  return {
    ...verdict,
    file,
    history,
    options,
    ...(recorded !== undefined ? { recorded } : {}),
    warnings: capped([...history.warnings, ...timeline.warnings, ...pollingNotes(history.meta)], options.maxReported),
  };
}

/** The first `max` notes and one that counts the rest: `check` and `check --json` print the same, of a bounded size. */
export function capped(notes: readonly string[], max: number): string[] {
  if (notes.length <= max) return [...notes];
  return [...notes.slice(0, max), `… and ${notes.length - max} more notes like these`];
}

/**
 * Observers that poll see leadership only at their polls: say so, with each interval, since an
 * overlap shorter than it can fall between two polls unseen.
 */
export function pollingNotes(meta: Meta): string[] {
  const polled = (meta.observers ?? []).filter((o) => typeof o.pollMs === "number");
  if (polled.length === 0) return [];
  const list = polled.map((o) => `${o.source} every ${o.pollMs} ms`).join(", ");
  return [`observers polled (${list}): an overlap shorter than an observer's interval can be missed by it`];
}

/** The check options in the run.json of a run directory, if there is a readable one. */
function runJsonOptions(dir: string): Partial<CheckOptions> {
  const file = join(dir, "run.json");
  if (!existsSync(file)) return {};
  try {
    const run: unknown = JSON.parse(readFileSync(file, "utf8"));
    return typeof run === "object" && run !== null ? recordedCheckOptions(run) : {};
  } catch (err) {
    if (err instanceof RecordedOptionError) throw new InputError(file, undefined, err.message, RECORDED_HINT);
    return {};
  }
}

const RECORDED_HINT = "The header's config.check is what `splitbrain run` recorded (docs/history-format.md); fix or remove the field.";

/** Reads a history file (or run directory) and runs the checkers on it with exactly these options. */
export async function checkHistory(target: string, options: CheckOptions): Promise<HistoryCheck> {
  return check(target, () => ({ options }));
}

/**
 * Reads a history file (or run directory) and judges it as its run did: the check options the
 * header recorded (`config.check`; for an older history without them, run.json's beside it),
 * then `overrides` on top, defaults for the rest.
 */
export async function checkHistoryAsRecorded(target: string, overrides: Partial<CheckOptions>): Promise<HistoryCheck> {
  return check(target, (meta, file) => {
    let fromHeader: Partial<CheckOptions>;
    try {
      fromHeader = recordedCheckOptions(meta);
    } catch (err) {
      if (err instanceof RecordedOptionError) throw new InputError(file, 1, err.message, RECORDED_HINT);
      throw err;
    }
    const found = Object.keys(fromHeader).length > 0 ? fromHeader : runJsonOptions(dirname(file));
    // Only what the run decided: a recorded value a flag overrode is not "as recorded".
    const recorded = Object.fromEntries(Object.entries(found).filter(([k]) => !(k in overrides))) as Partial<CheckOptions>;
    return { options: { ...DEFAULT_CHECK_OPTIONS, ...recorded, ...overrides }, recorded };
  });
}
