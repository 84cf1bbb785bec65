import { z } from "zod";
import { InconclusiveError } from "../../errors/index.js";
import type { NetAdmin } from "../../runtime/types.js";
import { defineKind, faultForm, targetList } from "../kind.js";
import { healShells } from "../heal-shells.js";

/** The longest delay one fault adds (ms): longer is an outage, not a slow link. */
export const MAX_DELAY_MS = 60_000;

const ms = (what: string) =>
  z
    .number({ error: `${what} in milliseconds (a number)` })
    .nonnegative(`${what} of at least 0 ms`)
    .max(MAX_DELAY_MS, `${what} of at most ${MAX_DELAY_MS} ms`);

const schema = faultForm("delay", {
  targets: targetList,
  delayMs: ms("a delay").gt(0, "a delay above 0 ms"),
  jitterMs: ms("a jitter").optional(),
});
export type DelaySpec = z.infer<typeof schema>;

/** The node's interfaces other than loopback, as `ip` lists them ("eth0@if12" is eth0). */
const DEVICES = `$(ip -o link show | awk -F': ' '{print $2}' | cut -d@ -f1 | grep -v '^lo$')`;

/**
 * Shell script that delays every packet leaving the current network namespace's interfaces by
 * `delayMs`, ± `jitterMs` (netem; with jitter, packets overtake each other: reordering). `add`,
 * not `replace`: a second delay on the same node fails instead of silently taking the first's place.
 */
export function delayScript(delayMs: number, jitterMs: number | undefined): string {
  const jitter = jitterMs !== undefined && jitterMs > 0 ? ` ${jitterMs}ms` : "";
  return ["set -e", `for dev in ${DEVICES}; do tc qdisc add dev "$dev" root netem delay ${delayMs}ms${jitter}; done`].join("\n");
}

/** Shell script that removes the netem qdiscs, then prints what is left of them (nothing). */
export const DELAY_HEAL_SCRIPT = [
  `for dev in ${DEVICES}; do if tc qdisc show dev "$dev" root | grep -q netem; then tc qdisc del dev "$dev" root || true; fi; done`,
  "tc qdisc show | grep netem || true",
].join("\n");

/**
 * Slow links: every packet the targets send waits `delayMs` (± `jitterMs`, which also reorders
 * them), with tc netem on their interfaces through a NET_ADMIN helper. Needs the kernel's
 * sch_netem: a run that uses it is refused before anything starts when the kernel lacks it.
 */
export const delay = defineKind({
  name: "delay",
  schema,
  summary:
    "delays every packet the targets send by `delayMs`, ± `jitterMs` (which also reorders them), with tc netem on their interfaces; needs the kernel's `sch_netem` (`splitbrain doctor` says whether it is there; a run that needs it and lacks it is refused with exit 2 before anything starts)",
  healSummary: "removes the netem qdiscs, checks none is left",
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  expectLeader: () => true,
  describe: (spec) => `delay ${spec.delayMs}ms${spec.jitterMs !== undefined && spec.jitterMs > 0 ? ` ±${spec.jitterMs}ms` : ""} on ${spec.targets.join(", ")}`,
  needs: { netAdmin: true, kernel: ["netem"], clock: false },
  async inject(env, fault) {
    const applied: NetAdmin[] = [];
    const heal = (): Promise<void> => healShells(applied, DELAY_HEAL_SCRIPT, `delay ${fault.id}`, "netem left");
    try {
      await Promise.all(
        fault.targets.map(async (node) => {
          const target = env.nodes.container(node);
          if (!(await target.state()).running) {
            env.progress(`delay ${fault.id}: ${node} is not running; left as it is`);
            return;
          }
          const shell = await env.run.netAdmin(target, { node, name: fault.id, image: env.netutilImage });
          applied.push(shell);
          const r = await shell.run(delayScript(fault.spec.delayMs, fault.spec.jitterMs), 30_000);
          if (r.exitCode !== 0) throw new InconclusiveError(`delay ${fault.id}: tc netem on ${node} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
        }),
      );
    } catch (err) {
      await heal().catch(() => undefined);
      throw err;
    }
    return { heal };
  },
});
