import { InconclusiveError } from "../errors/index.js";
import type { NetAdmin, RunScope } from "../runtime/types.js";
import { describeGrudge, grudgeTargets, type Grudge } from "./grudge.js";
import type { NodeDirectory } from "./nodes.js";
import { healShells } from "./heal-shells.js";

/** The iptables chain splitbrain owns in a node's network namespace. */
export const CHAIN = "SPLITBRAIN";

/** How a partition heals, in one line (docs, help). */
export const PARTITION_HEAL = "removes exactly its rules, checks none is left";

export interface PartitionContext {
  run: RunScope;
  nodes: NodeDirectory;
  /** The NET_ADMIN helper image (iptables, iproute2). */
  netutilImage: string;
}

/** Shell script that drops packets from `ips` in the current network namespace. */
export function dropScript(ips: readonly string[]): string {
  const lines = [
    "set -e",
    `iptables -w -N ${CHAIN} 2>/dev/null || iptables -w -F ${CHAIN}`,
    `iptables -w -C INPUT -j ${CHAIN} 2>/dev/null || iptables -w -I INPUT 1 -j ${CHAIN}`,
    ...ips.map((ip) => `iptables -w -A ${CHAIN} -s ${ip} -j DROP`),
  ];
  return lines.join("\n");
}

/**
 * The lines of `iptables -S` that are the partition's own: its chain, not the chains of other
 * faults whose names start with it (SPLITBRAIN-LOSS-...).
 */
export const OWN_RULES = `(^| )${CHAIN}( |$)`;

/** Shell script that removes exactly what dropScript added, then prints what is left of it (nothing). */
export const HEAL_SCRIPT = [
  `while iptables -w -D INPUT -j ${CHAIN} 2>/dev/null; do :; done`,
  `iptables -w -F ${CHAIN} 2>/dev/null || true`,
  `iptables -w -X ${CHAIN} 2>/dev/null || true`,
  `iptables -w -S | grep -E -- '${OWN_RULES}' || true`,
].join("\n");

interface Applied {
  node: string;
  shell: NetAdmin;
  peers: string[];
}

/**
 * A partition in force: iptables rules in each receiving node's network namespace, applied by a
 * NET_ADMIN shell in it (`RunScope.netAdmin`; the node's image is not touched). The harness's
 * own traffic (role probes from the host) is never dropped: only the peers' addresses are.
 */
export class Partition {
  private constructor(
    private readonly ctx: PartitionContext,
    readonly id: string,
    readonly grudge: Grudge,
    private readonly applied: Applied[],
    /** Nodes that were not running, so got no rules. */
    readonly skipped: string[],
  ) {}

  static async apply(ctx: PartitionContext, id: string, grudge: Grudge): Promise<Partition> {
    const applied: Applied[] = [];
    const skipped: string[] = [];
    const ips = new Map<string, string | undefined>();
    for (const node of ctx.nodes.names()) ips.set(node, await ctx.nodes.ip(node));
    try {
      await Promise.all(
        grudgeTargets(grudge).map(async (node) => {
          const target = ctx.nodes.container(node);
          const peers = [...(grudge.get(node) ?? [])].sort();
          const peerIps = peers.map((p) => ips.get(p)).filter((ip): ip is string => ip !== undefined);
          if (ips.get(node) === undefined || !(await target.state()).running) {
            skipped.push(node);
            return;
          }
          const shell = await ctx.run.netAdmin(target, { node, name: id, image: ctx.netutilImage });
          applied.push({ node, shell, peers });
          const r = await shell.run(dropScript(peerIps), 30_000);
          if (r.exitCode !== 0) throw new InconclusiveError(`partition ${id}: iptables on ${node} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
        }),
      );
    } catch (err) {
      await new Partition(ctx, id, grudge, applied, skipped).heal().catch(() => undefined);
      throw err;
    }
    return new Partition(ctx, id, grudge, applied, skipped);
  }

  /** The grudge as "node: [peers]" for logs and run.json. */
  describe(): Record<string, string[]> {
    return describeGrudge(this.grudge);
  }

  /**
   * Removes exactly the rules this partition added, checks that none of them is left in any
   * namespace it touched, and removes the helpers. Throws when a rule could not be removed.
   */
  heal(): Promise<void> {
    return healShells(
      this.applied.map((a) => a.shell),
      HEAL_SCRIPT,
      `partition ${this.id}`,
      "rules left",
    );
  }
}

/**
 * Lists splitbrain's rules in a node's current network namespace, of every fault (partitions and
 * packet loss; empty when clean), with a throwaway helper. Used to verify heals and by tests.
 */
export async function rulesIn(ctx: PartitionContext, node: string): Promise<string[]> {
  const shell = await ctx.run.netAdmin(ctx.nodes.container(node), { node, name: `check-${Math.random().toString(16).slice(2, 8)}`, image: ctx.netutilImage });
  try {
    const r = await shell.run(`iptables -w -S | grep ${CHAIN} || true`, 30_000);
    return r.stdout.split("\n").filter((l) => l.trim() !== "");
  } finally {
    await shell.close();
  }
}
