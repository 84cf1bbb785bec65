import type { CliContext } from "./context.js";

/** Plain progress lines on stderr ("[12.3s] Ensemble started ..."), so stdout stays for results. */
export function progressPrinter(ctx: CliContext, started = Date.now()): (message: string) => void {
  return (message) => {
    const s = ((Date.now() - started) / 1000).toFixed(1);
    ctx.stderr.write(`[${s.padStart(5)}s] ${message}\n`);
  };
}
