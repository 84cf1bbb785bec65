/** Pure part of the startup-window bug mode (Parabol): a lease taken once at boot, never renewed. */

export const LEASE_NODE = "primary-lock";

export type LeaseDecision =
  | { action: "create"; expiresAt: number }
  | { action: "overwrite"; expiresAt: number; version: number; previous: number | null }
  | { action: "blocked"; until: number };

export function encodeLease(expiresAt: number, owner: string): string {
  return JSON.stringify({ expiresAt, owner });
}

/** The expiry time stored in the lock, or null when the data is not a lease. */
export function parseLeaseExpiry(data: string | Buffer | null | undefined): number | null {
  if (data === null || data === undefined) return null;
  const text = typeof data === "string" ? data : data.toString("utf8");
  try {
    const v: unknown = JSON.parse(text);
    if (typeof v === "number" && Number.isFinite(v)) return v;
    if (typeof v === "object" && v !== null && "expiresAt" in v) {
      const e = (v as { expiresAt: unknown }).expiresAt;
      if (typeof e === "number" && Number.isFinite(e)) return e;
    }
  } catch {
    // not JSON
  }
  return null;
}

/** `existing` is null when the lock node does not exist. An unreadable lease counts as expired. */
export function decideLease(
  existing: { expiresAt: number | null; version: number } | null,
  now: number,
  windowMs: number,
): LeaseDecision {
  const expiresAt = now + windowMs;
  if (existing === null) return { action: "create", expiresAt };
  if (existing.expiresAt !== null && existing.expiresAt > now) return { action: "blocked", until: existing.expiresAt };
  return { action: "overwrite", expiresAt, version: existing.version, previous: existing.expiresAt };
}
