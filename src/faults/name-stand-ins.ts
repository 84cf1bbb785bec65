import { z } from "zod";
import type { Container } from "../runtime/types.js";
import { LABEL_ROLE } from "../runtime/labels.js";
import type { FaultEnv } from "./types.js";
import { tell } from "./types.js";

/**
 * What becomes of the servers' names while an ensemble-wide fault holds them down: `gone` (Docker
 * DNS stops resolving a name whose container is stopped or removed, as Kubernetes does for pods
 * that are gone; some clients then give up for good, kazoo among them) or `kept` (the names still
 * resolve, to an address where nothing listens, as on VMs whose hosts stay up while ZooKeeper is
 * down: connections are refused and clients keep retrying).
 */
export const NAMES = ["gone", "kept"] as const;
export type Names = (typeof NAMES)[number];

export const namesField = z.enum(NAMES, { error: `what becomes of the servers' names while they are down: ${NAMES.join(" or ")} (default gone)` }).optional();

/** " (names kept)" for describe; nothing for the default. */
export function namesSuffix(names: Names | undefined): string {
  return names === "kept" ? " (names kept)" : "";
}

/** The stand-ins holding the servers' names while they are down; `remove` before the servers start again. */
export interface NameStandIns {
  remove(): Promise<void>;
}

/**
 * While the servers are down: with `kept`, one stand-in container per server, of the ZooKeeper
 * image but running only `sleep`, on the run's network under the server's name as its alias, so
 * the name resolves and every connection to it is refused. Says in the history which was used.
 */
export async function holdNames(env: FaultEnv, faultId: string, servers: readonly string[], names: Names | undefined): Promise<NameStandIns> {
  if (names !== "kept") {
    tell(env, `${faultId}: server names gone while they are down (Docker DNS stops resolving ${servers.join(", ")})`);
    return { remove: async () => undefined };
  }
  const standIns: Container[] = [];
  const remove = async (): Promise<void> => {
    // Removed before the real servers start: two containers with one alias would make the name resolve to both.
    await Promise.all(
      standIns.splice(0).map(async (c) => {
        await c.remove();
        env.run.forget(c);
      }),
    );
  };
  try {
    for (const server of servers) {
      const c = await env.run.create({
        name: env.run.containerName(`${server}-name-${faultId.replace(/[^a-zA-Z0-9_.-]/g, "-")}`),
        image: env.ensemble.image,
        hostname: server,
        entrypoint: ["sleep"],
        cmd: ["infinity"],
        labels: { [LABEL_ROLE]: "name-stand-in" },
      });
      standIns.push(c);
      await c.start();
    }
  } catch (err) {
    await remove().catch(() => undefined);
    throw err;
  }
  tell(env, `${faultId}: server names kept while they are down (${servers.join(", ")} resolve to stand-ins where connections are refused)`);
  return { remove };
}
