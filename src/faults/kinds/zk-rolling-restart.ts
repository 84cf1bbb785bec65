import { InconclusiveError } from "../../errors/index.js";
import { defineKind, faultForm, NO_NEEDS } from "../kind.js";
import { SERVING_AGAIN_TIMEOUT_MS, tell } from "../types.js";

/** The order of a roll: the followers in the ensemble's order, the leader (if one leads) last. */
export function rollOrder(servers: readonly string[], leader: string | undefined): string[] {
  return [...servers.filter((s) => s !== leader), ...(leader !== undefined && servers.includes(leader) ? [leader] : [])];
}

/** What a roll does to one server; the live ensemble's, or fakes in tests. */
export interface RollSteps {
  stop(server: string): Promise<void>;
  start(server: string): Promise<void>;
  /** Resolves true once the server serves again, false when it did not within its time. */
  servesAgain(server: string): Promise<boolean>;
  say(message: string): void;
}

/**
 * Restarts the servers one at a time in `order`: stop, start, wait until it serves, next. Stops
 * at the first server that does not serve again (the rest are not touched) and rejects.
 */
export async function roll(order: readonly string[], steps: RollSteps): Promise<void> {
  for (const server of order) {
    await steps.stop(server);
    await steps.start(server);
    if (!(await steps.servesAgain(server))) {
      throw new InconclusiveError(`zk-rolling-restart: ${server} did not serve again within ${SERVING_AGAIN_TIMEOUT_MS / 1000} s after its restart; ${order.slice(order.indexOf(server) + 1).join(", ") || "no server"} left unrestarted`);
    }
    steps.say(`zk-rolling-restart: ${server} restarted and serving`);
  }
}

/**
 * A rolling restart, as an operator upgrading ZooKeeper does it: each server stopped cleanly,
 * started and awaited until it serves before the next; followers first, the leader (as `srvr`
 * answers when the fault is injected) last. The roll runs from the injection on; the heal waits
 * for it to be done, so the fault lasts as long as the roll takes or as the step's `for`,
 * whichever is longer, and the heal is a no-op once the roll is over.
 */
export const zkRollingRestart = defineKind({
  name: "zk-rolling-restart",
  schema: faultForm("zk-rolling-restart", {}),
  summary:
    "restarts the servers one at a time (clean stop, start, wait until it serves, next), followers first and the ZooKeeper leader last: an operator's upgrade. The roll starts at the injection and runs on its own",
  healSummary: "waits for the roll to be over (a no-op once it is): the fault lasts as long as the roll or as its `for`, whichever is longer; fails if a server did not serve again",
  targetField: undefined,
  runTargets: () => ["all-zk"],
  // Every server but one serves at any time, and elections are short: a correct system keeps (or quickly regains) a leader.
  expectLeader: () => true,
  describe: () => "zk-rolling-restart",
  needs: NO_NEEDS,
  async inject(env, fault) {
    const { ensemble } = env;
    const servers = ensemble.servers.map((s) => s.spec.name);
    const { leader } = await ensemble.statuses();
    const order = rollOrder(servers, leader);
    tell(env, `zk-rolling-restart ${fault.id}: restarting ${order.join(", ")} in this order${leader !== undefined ? ` (${leader} leads, so last)` : " (no server leads now)"}`);
    const done = roll(order, {
      stop: (s) => ensemble.stopServer(s, 5),
      start: (s) => ensemble.startServer(s),
      servesAgain: async (s) => {
        const st = await ensemble.waitForServer(s, SERVING_AGAIN_TIMEOUT_MS);
        return st.role === "leading" || st.role === "following";
      },
      say: (m) => tell(env, m),
    });
    // The roll's failure is reported by the heal; never an unhandled rejection meanwhile.
    done.catch(() => undefined);
    return { heal: () => done };
  },
});
