import type Docker from "dockerode";
import { createContainer } from "./container.js";

/**
 * Whether this engine lets a helper with NET_ADMIN run iptables in another container's network
 * namespace (what partitions need), and whether tc netem works there (what delay needs). Starts a
 * throwaway target and helper, labelled, and removes both.
 */
export async function checkNetAdmin(
  docker: Docker,
  image: string,
  labels: Record<string, string>,
): Promise<{ ok: boolean; detail: string; netem?: { ok: boolean; detail: string } }> {
  const suffix = Math.random().toString(16).slice(2, 8);
  const target = await createContainer(docker, { name: `sb-doctor-target-${suffix}`, image, labels });
  try {
    await target.start();
    const helper = await createContainer(docker, {
      name: `sb-doctor-netadmin-${suffix}`,
      image,
      labels,
      networkMode: `container:${target.id}`,
      capAdd: ["NET_ADMIN"],
    });
    try {
      await helper.start();
      const r = await helper.exec(["iptables", "-w", "-L", "INPUT", "-n"], { timeoutMs: 15_000 });
      if (r.exitCode === 0) {
        // netem (for delay) on the engine's kernel: on the throwaway target's loopback, gone with it.
        const tc = await helper.exec(["tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"], { timeoutMs: 15_000 });
        const netem =
          tc.exitCode === 0
            ? { ok: true, detail: "tc netem works in a container's network namespace (probed in the NET_ADMIN helper, on the engine's kernel)" }
            : { ok: false, detail: `tc netem failed (exit ${tc.exitCode}): ${(tc.stderr || tc.stdout).trim().split("\n")[0]} (probed in the NET_ADMIN helper, on the engine's kernel)` };
        return { ok: true, detail: "iptables works in a container's network namespace", netem };
      }
      return { ok: false, detail: `iptables failed (exit ${r.exitCode}): ${(r.stderr || r.stdout).trim().split("\n")[0]}` };
    } finally {
      await helper.remove();
    }
  } finally {
    await target.remove();
  }
}
