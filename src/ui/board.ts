import { createPlainReporter } from "./plain.js";
import type { RunReporter } from "./reporter.js";

/**
 * Where the runs of one command report: one run after another (a single reporter), or several
 * at once (`--parallel`), each through its own reporter whose output stays apart from the others'.
 */
export interface RunBoard {
  /** The reporter of the case at `index` (0-based, in the command's order), labelled `label`. */
  forCase(index: number, label: string): RunReporter;
  /** A line about the whole command. */
  progress(message: string): void;
  /** How long the whole command should take from now, about (the live view counts it down). */
  expect?(totalMs: number): void;
  close(): void;
}

/** One run at a time: every case reports to the same reporter, closed with the board. */
export function sequentialBoard(reporter: RunReporter): RunBoard {
  return {
    forCase: () => ({ ...reporter, close: () => undefined }),
    progress: (m) => reporter.progress(m),
    close: () => reporter.close(),
  };
}

/** Several runs at once, as plain lines: each line carries its run's label. */
export function createPlainBoard(out: NodeJS.WritableStream, started = Date.now()): RunBoard {
  const whole = createPlainReporter(out, started);
  return {
    forCase: (_index, label) => createPlainReporter(out, started, label),
    progress: (m) => whole.progress(m),
    close: () => undefined,
  };
}
