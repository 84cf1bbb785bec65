/** A server's role as splitbrain records it in `zk-role` events. */
export type ZkRole = "leading" | "following" | "observing" | "standalone" | "looking" | "down";

export interface ServerStatus {
  role: ZkRole;
  /** The last zxid the server has seen, when it serves. */
  zxid?: bigint;
  /** High 32 bits of the zxid: the epoch of the last transaction it has seen (absent while 0). */
  epoch?: number;
  /** Why the server counts as down (ECONNREFUSED, a timeout ...). */
  error?: string;
}

const MODES: Record<string, ZkRole> = {
  leader: "leading",
  follower: "following",
  observer: "observing",
  standalone: "standalone",
};

/**
 * Parses the answer to the `srvr` four-letter word. A server that answers but does not serve
 * (no quorum, in election) says so in one line: that is "looking". An empty answer too.
 */
export function parseSrvr(text: string): ServerStatus {
  const mode = /^Mode:\s*(\S+)/m.exec(text)?.[1];
  const role = mode === undefined ? undefined : MODES[mode];
  if (role === undefined) return { role: "looking" };
  const zxidText = /^Zxid:\s*(0x[0-9a-fA-F]+|\d+)/m.exec(text)?.[1];
  if (zxidText === undefined) return { role };
  const zxid = BigInt(zxidText);
  const epoch = Number(zxid >> 32n);
  // A follower that has not seen a transaction of the current epoch yet reports zxid 0x0.
  return epoch > 0 ? { role, zxid, epoch } : { role, zxid };
}
