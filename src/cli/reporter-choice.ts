import { createPlainBoard, sequentialBoard, type RunBoard } from "../ui/board.js";
import { createPlainReporter } from "../ui/plain.js";
import type { RunReporter } from "../ui/reporter.js";
import type { CliContext } from "./context.js";

/** Whether a run shows the live view: on a terminal, not in CI, not with --no-tui. */
export function wantsLiveView(ctx: CliContext, tui: boolean): boolean {
  const ci = ctx.env["CI"] !== undefined && ctx.env["CI"] !== "" && ctx.env["CI"] !== "false";
  return tui && !ci && ctx.stdout.isTTY === true;
}

/**
 * The live view on a terminal (not in CI, not with --no-tui); plain lines on stderr otherwise.
 * The live view (ink and React, most of a second to load) is imported only when it is shown, so
 * that commands in pipes and CI, and commands without a live view, start at once.
 */
export async function chooseReporter(ctx: CliContext, tui: boolean): Promise<RunReporter> {
  if (!wantsLiveView(ctx, tui)) return createPlainReporter(ctx.stderr);
  const { createLiveReporter } = await import("../ui/live/index.js");
  const live = createLiveReporter({ stdout: ctx.stdout as NodeJS.WriteStream });
  return {
    ...live,
    // The live view draws faults and heals from the history's events; the executor's
    // progress lines about them would say it twice.
    progress: (message) => {
      if (/^(fault \S+:|healed \S+ )/.test(message)) return;
      live.progress(message);
    },
  };
}

/**
 * Where the runs of a command report. One at a time: the reporter above. Several at once
 * (--parallel): on a terminal a live board with a block per run; elsewhere plain lines, each
 * tagged with its run.
 */
export async function chooseBoard(ctx: CliContext, tui: boolean, parallel: number): Promise<RunBoard> {
  if (parallel <= 1) return sequentialBoard(await chooseReporter(ctx, tui));
  if (!wantsLiveView(ctx, tui)) return createPlainBoard(ctx.stderr);
  const { createLiveBoard } = await import("../ui/live/board.js");
  return createLiveBoard({ stdout: ctx.stdout as NodeJS.WriteStream });
}
