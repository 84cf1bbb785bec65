/**
 * Pure part of the `lease` candidate: a leader lease in a znode, renewed by its holder and taken
 * over by another candidate once it expired, every decision made on the deciding candidate's own
 * wall clock (Date.now). Correct while the candidates' clocks agree within the margin and no
 * process stalls; a clock fault (or a pause) breaks it, which is what it is for.
 */

/** The lease znode below the election path. */
export const RENEWAL_NODE = "lease";

/** What the znode holds: who holds the lease and until when (the holder's clock, epoch ms). */
export interface LeaseRecord {
  owner: string;
  expiresAt: number;
}

/** Lease timing from the lease length (the session timeout): renew six times per lease, stop believing a third early. */
export interface LeaseTiming {
  leaseMs: number;
  /** How long before the lease's end (its own clock) the holder stops believing it leads. */
  marginMs: number;
  /** How often it reads the znode and renews or tries to take it. */
  renewMs: number;
}

export function leaseTiming(leaseMs: number): LeaseTiming {
  return { leaseMs, marginMs: Math.round(leaseMs / 3), renewMs: Math.max(50, Math.round(leaseMs / 6)) };
}

export function encodeRecord(r: LeaseRecord): string {
  return JSON.stringify(r);
}

/** The record in the znode's data, or null when it is not one (counts as expired). */
export function parseRecord(data: string | Buffer | null | undefined): LeaseRecord | null {
  if (data === null || data === undefined) return null;
  try {
    const v: unknown = JSON.parse(typeof data === "string" ? data : data.toString("utf8"));
    if (typeof v !== "object" || v === null) return null;
    const { owner, expiresAt } = v as { owner?: unknown; expiresAt?: unknown };
    if (typeof owner !== "string" || typeof expiresAt !== "number" || !Number.isFinite(expiresAt)) return null;
    return { owner, expiresAt };
  } catch {
    return null;
  }
}

/**
 * One round's decision. `existing` is the znode as read (null: there is none); `holding` whether
 * this candidate holds a term it took (it has a token for it). Every write is a compare-and-set on
 * the version read, so of two candidates deciding on the same version only one succeeds.
 *  - create: no znode; take it with a new term.
 *  - renew: its own lease and it holds the term: extend it, keeping the token.
 *  - take: a lease that expired by its own clock (or its own, from before a restart, or
 *    unreadable): a new term, whose token is the write's zxid.
 *  - wait: someone else's lease that has not expired by its own clock.
 */
export type RenewalDecision =
  | { action: "create"; record: LeaseRecord }
  | { action: "renew"; record: LeaseRecord; version: number }
  | { action: "take"; record: LeaseRecord; version: number; previous: LeaseRecord | null }
  | { action: "wait"; holder: string; until: number };

export function decideRenewal(
  existing: { record: LeaseRecord | null; version: number } | null,
  me: string,
  holding: boolean,
  now: number,
  leaseMs: number,
): RenewalDecision {
  const record = { owner: me, expiresAt: now + leaseMs };
  if (existing === null) return { action: "create", record };
  const held = existing.record;
  if (held !== null && held.owner === me && holding) return { action: "renew", record, version: existing.version };
  if (held === null || held.owner === me || now > held.expiresAt) return { action: "take", record, version: existing.version, previous: held };
  return { action: "wait", holder: held.owner, until: held.expiresAt };
}

/** Until when (its own clock) the holder believes it leads after a write it sent at `sentAt`. */
export function believeUntil(sentAt: number, timing: LeaseTiming): number {
  return sentAt + timing.leaseMs - timing.marginMs;
}
