import { InterruptedError } from "../errors/index.js";
import type { CliContext } from "./context.js";

/**
 * Runs `fn` with an AbortSignal that fires on the first SIGINT or SIGTERM, or on an uncaught
 * error, so the work under way can heal faults and tear down before returning. A second signal
 * forces the exit (130) and says what may be left behind.
 *
 * `say` tells the user that the run is stopping; give the reporter's progress while a live view
 * draws the terminal (a line written past it would tear a frame). Default: a line on stderr.
 */
export async function withInterrupts<T>(
  ctx: CliContext,
  fn: (signal: AbortSignal) => Promise<T>,
  say: (line: string) => void = (line) => ctx.stderr.write(`\n${line}\n`),
): Promise<T> {
  const controller = new AbortController();
  let count = 0;
  const onSignal = (name: NodeJS.Signals): void => {
    count += 1;
    if (count === 1) {
      say(`${name}: stopping; healing faults and removing containers (press Ctrl-C again to force)`);
      controller.abort(new InterruptedError(name));
      return;
    }
    ctx.stderr.write(`\n${name} again: exiting now; anything left behind is removed by \`splitbrain gc\`\n`);
    process.exit(130);
  };
  const onFatal = (err: unknown): void => {
    ctx.stderr.write(`\nunexpected error, stopping: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    if (!controller.signal.aborted) controller.abort(err instanceof Error ? err : new Error(String(err)));
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.on("uncaughtException", onFatal);
  process.on("unhandledRejection", onFatal);
  try {
    const result = await fn(controller.signal);
    if (controller.signal.aborted) throw controller.signal.reason;
    return result;
  } catch (err) {
    // Whatever the failure, an interrupt is what the user asked for: report that.
    if (controller.signal.reason instanceof InterruptedError) throw controller.signal.reason;
    throw err;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("uncaughtException", onFatal);
    process.off("unhandledRejection", onFatal);
  }
}
