import type { ServerStatus, ZkRole } from "./srvr.js";

export interface RoleChange {
  node: string;
  role: ZkRole;
  epoch?: number;
}

/**
 * Remembers each server's last reported role and epoch and says what changed. Pure: the
 * observer feeds it probe results and records the changes it returns as `zk-role` events.
 */
export class RoleTracker {
  private readonly last = new Map<string, { role: ZkRole; epoch: number | undefined }>();

  update(node: string, status: ServerStatus): RoleChange | undefined {
    const before = this.last.get(node);
    // The epoch only matters while serving; a looking or down server keeps no epoch.
    const epoch = status.role === "looking" || status.role === "down" ? undefined : status.epoch;
    if (before !== undefined && before.role === status.role && before.epoch === epoch) return undefined;
    this.last.set(node, { role: status.role, epoch });
    return epoch === undefined ? { node, role: status.role } : { node, role: status.role, epoch };
  }

  role(node: string): ZkRole | undefined {
    return this.last.get(node)?.role;
  }
}
