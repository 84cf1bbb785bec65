import { InconclusiveError } from "../errors/index.js";
import type { NetAdmin } from "../runtime/types.js";

/**
 * The heal of a fault made with NET_ADMIN shells: runs `script` in every shell whose namespace
 * still exists (a script prints what is left of the fault; nothing means clean), closes every
 * shell whatever happens, and throws one InconclusiveError naming each node where something was
 * left or went wrong: "<fault> could not be healed completely: c2: <left> after heal: ...".
 */
export async function healShells(shells: readonly NetAdmin[], script: string, fault: string, left: string): Promise<void> {
  const problems: string[] = [];
  await Promise.all(
    shells.map(async (shell) => {
      try {
        if (await shell.alive()) {
          const r = await shell.run(script, 30_000);
          if (r.exitCode !== 0 || r.stdout.trim() !== "") problems.push(`${shell.node}: ${left} after heal: ${r.stdout.trim() || r.stderr.trim()}`);
        }
      } catch (err) {
        problems.push(`${shell.node}: ${(err as Error).message}`);
      } finally {
        await shell.close().catch(() => undefined);
      }
    }),
  );
  if (problems.length > 0) throw new InconclusiveError(`${fault} could not be healed completely: ${problems.join("; ")}`);
}
