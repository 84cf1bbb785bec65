import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { release } from "node:os";

/**
 * Whether the engine's kernel has a feature a fault kind needs (tc netem for `delay`), probed on
 * the host: right when Docker runs on this machine's kernel (Linux, the local socket), unknown for
 * a remote engine or a Docker VM. A run refuses a scenario only on "missing"; on "unknown" it runs,
 * and an injection that the kernel refuses fails the run (exit 2), never running it without the fault.
 */
/** A kernel feature a fault kind can need (tc netem for delay). */
export type KernelFeature = "netem";

export type FeatureState = "available" | "missing" | "unknown";

export interface FeatureProbe {
  feature: KernelFeature;
  state: FeatureState;
  /** What was found and where, in one line. */
  detail: string;
}

/** What the host tells about netem, gathered by `netemFacts`; judged by `judgeNetem` (pure). */
export interface NetemFacts {
  platform: string;
  /** DOCKER_HOST names another machine (tcp://, ssh://). */
  remoteEngine: boolean;
  kernel: string;
  /** /sys/module/sch_netem exists: the module is loaded (or built in). */
  loaded: boolean;
  /** `unshare -n tc qdisc add dev lo root netem delay 1ms` in a throwaway network namespace (as root), when it could be run. */
  tc?: { exitCode: number; stderr: string };
  /** modules.builtin lists sch_netem. */
  builtin: boolean;
  /** modules.dep lists sch_netem (tc loads it on first use). */
  module: boolean;
  /** /lib/modules/<kernel> exists (so "not listed" means not there). */
  modulesDir: boolean;
}

export function judgeNetem(f: NetemFacts): FeatureProbe {
  const at = (state: FeatureState, detail: string): FeatureProbe => ({ feature: "netem", state, detail });
  if (f.remoteEngine) return at("unknown", "not probed: DOCKER_HOST names another machine, whose kernel splitbrain cannot see from here");
  if (f.platform !== "linux") return at("unknown", `not probed: on ${f.platform} Docker runs in a VM whose kernel splitbrain cannot see from here`);
  if (f.loaded) return at("available", `sch_netem is loaded in kernel ${f.kernel} (probed on the host)`);
  if (f.tc !== undefined) {
    if (f.tc.exitCode === 0) return at("available", `tc netem works in a network namespace of kernel ${f.kernel} (probed on the host)`);
    if (/qdisc kind is unknown/i.test(f.tc.stderr)) return at("missing", `kernel ${f.kernel} has no sch_netem: tc answers "${f.tc.stderr.trim()}" (probed on the host)`);
  }
  if (f.builtin) return at("available", `sch_netem is built into kernel ${f.kernel} (probed on the host)`);
  if (f.module) return at("available", `sch_netem is a module of kernel ${f.kernel}, loaded on first use (probed on the host)`);
  if (f.modulesDir) return at("missing", `kernel ${f.kernel} has no sch_netem: neither loaded, built in, nor among its modules (probed on the host)`);
  return at("unknown", `not probed: kernel ${f.kernel} has no /lib/modules directory and tc could not be tried (it needs root)`);
}

function lists(path: string, name: string): boolean {
  try {
    return readFileSync(path, "utf8").includes(name);
  } catch {
    return false;
  }
}

/** Whether `cmd` is on this host's PATH. */
export function hasCommand(cmd: string): boolean {
  try {
    execFileSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Gathers the facts on this host. The tc probe runs in a network namespace of its own, so it changes nothing. */
export function netemFacts(env: NodeJS.ProcessEnv): NetemFacts {
  const kernel = release();
  const host = env.DOCKER_HOST ?? "";
  const remoteEngine = host !== "" && !host.startsWith("unix://");
  const modulesDir = `/lib/modules/${kernel}`;
  let tc: NetemFacts["tc"];
  if (process.platform === "linux" && !remoteEngine && process.getuid?.() === 0 && hasCommand("unshare") && hasCommand("tc")) {
    const r = spawnSync("unshare", ["-n", "tc", "qdisc", "add", "dev", "lo", "root", "netem", "delay", "1ms"], { encoding: "utf8", timeout: 10_000 });
    if (r.error === undefined && r.status !== null) tc = { exitCode: r.status, stderr: r.stderr };
  }
  return {
    platform: process.platform,
    remoteEngine,
    kernel,
    loaded: existsSync("/sys/module/sch_netem"),
    ...(tc !== undefined ? { tc } : {}),
    builtin: lists(`${modulesDir}/modules.builtin`, "sch_netem.ko"),
    module: lists(`${modulesDir}/modules.dep`, "sch_netem.ko"),
    modulesDir: existsSync(modulesDir),
  };
}

/** Probes one kernel feature on this host. */
export function probeKernelFeature(feature: KernelFeature, env: NodeJS.ProcessEnv): FeatureProbe {
  switch (feature) {
    case "netem":
      return judgeNetem(netemFacts(env));
  }
}
