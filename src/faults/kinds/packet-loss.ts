import { createHash } from "node:crypto";
import { z } from "zod";
import { InconclusiveError } from "../../errors/index.js";
import type { NetAdmin } from "../../runtime/types.js";
import { defineKind, faultForm, NET_ADMIN, targetList } from "../kind.js";
import { healShells } from "../heal-shells.js";

/** The most ports one rule matches (iptables' multiport takes 15). */
export const MAX_LOSS_PORTS = 15;

const DIRECTIONS = ["in", "out", "both"] as const;
export type LossDirection = (typeof DIRECTIONS)[number];

const schema = faultForm("packet-loss", {
  targets: targetList,
  probability: z
    .number({ error: "a probability: a number above 0 and at most 1 (0.3 drops 30 % of the packets)" })
    .gt(0, "a probability above 0 (0.3 drops 30 % of the packets)")
    .max(1, "a probability of at most 1 (1 drops every packet)"),
  ports: z
    .array(z.number().int().min(1, "a TCP port, 1 to 65535").max(65535, "a TCP port, 1 to 65535"))
    .min(1, "name at least one port, or leave ports out for every port")
    .max(MAX_LOSS_PORTS, `at most ${MAX_LOSS_PORTS} ports`)
    .optional(),
  direction: z.enum(DIRECTIONS).optional(),
});
export type PacketLossSpec = z.infer<typeof schema>;

/**
 * The iptables chain of one loss fault: its own per fault id, so partitions (chain SPLITBRAIN)
 * and several losses on one node coexist, and each heal removes exactly its own rules.
 */
export function lossChain(faultId: string): string {
  return `SPLITBRAIN-LOSS-${createHash("sha1").update(faultId).digest("hex").slice(0, 8)}`;
}

/** What the rules of one node match: its peers' addresses, the ports, the direction. */
export interface LossRules {
  chain: string;
  probability: number;
  peerIps: readonly string[];
  ports?: readonly number[];
  direction: LossDirection;
}

/** "0.3", "0.0000001": never an exponent (iptables reads a plain decimal). */
function decimal(p: number): string {
  return p.toFixed(9).replace(/0+$/, "").replace(/\.$/, "");
}

/**
 * Shell script that, in the current network namespace, drops packets between this node and each
 * peer at random with the probability (iptables `statistic`), on TCP to or from the ports when
 * given. Traffic from and to anything that is not a peer (the harness's probes) is never dropped.
 */
export function lossScript(r: LossRules): string {
  const match = `${r.ports !== undefined ? `-p tcp -m multiport --ports ${r.ports.join(",")} ` : ""}-m statistic --mode random --probability ${decimal(r.probability)} -j DROP`;
  const hooks = r.direction === "both" ? ["INPUT", "OUTPUT"] : r.direction === "in" ? ["INPUT"] : ["OUTPUT"];
  return [
    "set -e",
    `iptables -w -N ${r.chain} 2>/dev/null || iptables -w -F ${r.chain}`,
    ...hooks.map((h) => `iptables -w -C ${h} -j ${r.chain} 2>/dev/null || iptables -w -I ${h} 1 -j ${r.chain}`),
    // In INPUT a peer is the source, in OUTPUT the destination.
    ...r.peerIps.flatMap((ip) => [
      ...(r.direction !== "out" ? [`iptables -w -A ${r.chain} -s ${ip} ${match}`] : []),
      ...(r.direction !== "in" ? [`iptables -w -A ${r.chain} -d ${ip} ${match}`] : []),
    ]),
  ].join("\n");
}

/** Shell script that removes exactly the chain's rules and hooks, then prints what is left of them (nothing). */
export function lossHealScript(chain: string): string {
  return [
    `while iptables -w -D INPUT -j ${chain} 2>/dev/null; do :; done`,
    `while iptables -w -D OUTPUT -j ${chain} 2>/dev/null; do :; done`,
    `iptables -w -F ${chain} 2>/dev/null || true`,
    `iptables -w -X ${chain} 2>/dev/null || true`,
    `iptables -w -S | grep -F -- ${chain} || true`,
  ].join("\n");
}

function describeLoss(spec: PacketLossSpec): string {
  const pct = `${Number((spec.probability * 100).toFixed(2))}%`;
  const ports = spec.ports !== undefined ? `, ports ${spec.ports.join(", ")}` : "";
  const direction = spec.direction !== undefined && spec.direction !== "both" ? `, ${spec.direction} only` : "";
  return `packet-loss ${pct} on ${spec.targets.join(", ")}${ports}${direction}`;
}

/**
 * Flaky links, not clean cuts: each packet between a target and the other nodes of the run is
 * dropped at random with the probability (optionally only TCP to or from some ports, and one
 * direction), in the target's network namespace through a NET_ADMIN helper. TCP retransmits, so
 * sessions stay up but slow and stuttering: where a correct candidate must not declare itself or
 * another dead too early ("false death"), so a leader is expected throughout.
 */
export const packetLoss = defineKind({
  name: "packet-loss",
  schema,
  summary:
    "drops each packet between the targets and the other nodes at random with `probability` (iptables `statistic` in the targets' network namespaces, its own chain per fault; the harness's probes are never dropped); `ports` limits it to TCP to or from those ports (2181 the client port, 2888/3888 the peer ports), `direction` to `in` or `out` (default `both`)",
  healSummary: "removes exactly its own chain and hooks, checks none is left",
  targetField: "targets",
  runTargets: (spec) => spec.targets,
  expectLeader: () => true,
  describe: describeLoss,
  needs: NET_ADMIN,
  async inject(env, fault) {
    const chain = lossChain(fault.id);
    const direction = fault.spec.direction ?? "both";
    const ips = new Map<string, string | undefined>();
    for (const node of env.nodes.names()) ips.set(node, await env.nodes.ip(node));
    const applied: NetAdmin[] = [];
    const heal = (): Promise<void> => healShells(applied, lossHealScript(chain), `packet-loss ${fault.id}`, "rules left");
    try {
      await Promise.all(
        fault.targets.map(async (node) => {
          const target = env.nodes.container(node);
          if (ips.get(node) === undefined || !(await target.state()).running) {
            env.progress(`packet-loss ${fault.id}: ${node} is not running; left as it is`);
            return;
          }
          const peerIps = [...ips].filter(([peer, ip]) => peer !== node && ip !== undefined).map(([, ip]) => ip as string);
          const shell = await env.run.netAdmin(target, { node, name: fault.id, image: env.netutilImage });
          applied.push(shell);
          const script = lossScript({ chain, probability: fault.spec.probability, peerIps, direction, ...(fault.spec.ports !== undefined ? { ports: fault.spec.ports } : {}) });
          const r = await shell.run(script, 30_000);
          if (r.exitCode !== 0) throw new InconclusiveError(`packet-loss ${fault.id}: iptables on ${node} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
        }),
      );
    } catch (err) {
      await heal().catch(() => undefined);
      throw err;
    }
    return { heal };
  },
});
