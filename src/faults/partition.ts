import { InconclusiveError } from "../errors/index.js";
import type { NetAdmin, RunScope } from "../runtime/types.js";
import { describeGrudge, grudgeTargets, reapplyPlan, type Grudge } from "./grudge.js";
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
  /** Says what the partition did when a node came back (a `log` line in the history). */
  note?: (message: string) => void;
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
  /** Re-applications run one at a time, and the heal after them. */
  private queue: Promise<void> = Promise.resolve();
  private readonly problems: string[] = [];
  private unsubscribe: () => void = () => undefined;
  private healed = false;

  private constructor(
    private readonly ctx: PartitionContext,
    readonly id: string,
    readonly grudge: Grudge,
    private readonly applied: Applied[],
    /** Nodes that were not running, so got no rules. */
    readonly skipped: string[],
  ) {}

  /**
   * The partition holds by node, not by address: when a node's container starts again while it
   * is in force (a server restarted or rebuilt empty on a new address, a candidate restarted),
   * its own rules are put into its new network namespace and every node that must not hear from
   * it drops its current address. Runs before the run goes on with the node (NodeDirectory).
   */
  private follow(): void {
    this.unsubscribe = this.ctx.nodes.onStarted((node) => {
      const next = this.queue.then(() => this.reapply(node));
      this.queue = next.catch(() => undefined);
      return next;
    });
  }

  private async reapply(node: string): Promise<void> {
    if (this.healed) return;
    const plan = reapplyPlan(this.grudge, node);
    if (!plan.own && plan.peersOf.length === 0) return;
    try {
      const ips = await currentIps(this.ctx);
      const done: string[] = [];
      if (plan.own) {
        const before = this.applied.findIndex((a) => a.node === node);
        if (before >= 0) {
          const [old] = this.applied.splice(before, 1);
          await old?.shell.close().catch(() => undefined);
        }
        const skipped = this.skipped.indexOf(node);
        if (skipped >= 0) this.skipped.splice(skipped, 1);
        await applyTo(this.ctx, this.id, `${this.id}-${Math.random().toString(16).slice(2, 6)}`, this.grudge, node, ips, this.applied);
        done.push(`${node}'s own rules in its new network namespace`);
      }
      for (const target of plan.peersOf) {
        const a = this.applied.find((x) => x.node === target);
        if (a === undefined || !(await a.shell.alive())) continue;
        await drop(this.id, a.shell, target, peerIpsOf(this.grudge, ips, target));
        done.push(target);
      }
      if (done.length > 0) this.ctx.note?.(`partition ${this.id}: ${node} started again${ips.get(node) !== undefined ? ` on ${ips.get(node)}` : ""}; rules re-applied: ${done.join(", ")}`);
    } catch (err) {
      const message = `${node}: ${(err as Error).message}`;
      this.problems.push(message);
      this.ctx.note?.(`partition ${this.id} could not follow ${message}`);
    }
  }

  static async apply(ctx: PartitionContext, id: string, grudge: Grudge): Promise<Partition> {
    const applied: Applied[] = [];
    const skipped: string[] = [];
    const ips = await currentIps(ctx);
    try {
      await Promise.all(
        grudgeTargets(grudge).map(async (node) => {
          if (ips.get(node) === undefined || !(await ctx.nodes.container(node).state()).running) {
            skipped.push(node);
            return;
          }
          await applyTo(ctx, id, id, grudge, node, ips, applied);
        }),
      );
    } catch (err) {
      await new Partition(ctx, id, grudge, applied, skipped).heal().catch(() => undefined);
      throw err;
    }
    const partition = new Partition(ctx, id, grudge, applied, skipped);
    partition.follow();
    return partition;
  }

  /** The grudge as "node: [peers]" for logs and run.json. */
  describe(): Record<string, string[]> {
    return describeGrudge(this.grudge);
  }

  /**
   * Removes exactly the rules this partition added, checks that none of them is left in any
   * namespace it touched, and removes the helpers. Throws when a rule could not be removed.
   */
  async heal(): Promise<void> {
    this.unsubscribe();
    await this.queue;
    this.healed = true;
    await healShells(
      this.applied.map((a) => a.shell),
      HEAL_SCRIPT,
      `partition ${this.id}`,
      "rules left",
    );
    // A node the partition could not follow was not cut off for part of the fault: say so.
    if (this.problems.length > 0) throw new InconclusiveError(`partition ${this.id} did not hold while nodes moved: ${this.problems.join("; ")}`);
  }
}

/** Every node's current address (undefined: not running or no address). */
async function currentIps(ctx: PartitionContext): Promise<Map<string, string | undefined>> {
  const ips = new Map<string, string | undefined>();
  for (const n of ctx.nodes.names()) ips.set(n, await ctx.nodes.ip(n));
  return ips;
}

/** The current addresses of the peers `node` must not hear from (peers without one are left out). */
function peerIpsOf(grudge: Grudge, ips: ReadonlyMap<string, string | undefined>, node: string): string[] {
  return [...(grudge.get(node) ?? [])]
    .sort()
    .map((p) => ips.get(p))
    .filter((ip): ip is string => ip !== undefined);
}

/** Opens a NET_ADMIN shell in `node`'s network namespace, records it in `applied` (so a heal removes it) and drops its peers. */
async function applyTo(ctx: PartitionContext, id: string, shellName: string, grudge: Grudge, node: string, ips: ReadonlyMap<string, string | undefined>, applied: Applied[]): Promise<void> {
  const shell = await ctx.run.netAdmin(ctx.nodes.container(node), { node, name: shellName, image: ctx.netutilImage });
  applied.push({ node, shell, peers: [...(grudge.get(node) ?? [])].sort() });
  await drop(id, shell, node, peerIpsOf(grudge, ips, node));
}

/** Runs dropScript in a node's shell; a failure leaves the fault undecided. */
async function drop(id: string, shell: NetAdmin, node: string, ips: readonly string[]): Promise<void> {
  const r = await shell.run(dropScript(ips), 30_000);
  if (r.exitCode !== 0) throw new InconclusiveError(`partition ${id}: iptables on ${node} failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim()}`);
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
