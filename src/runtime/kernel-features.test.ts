import { describe, expect, it } from "vitest";
import { judgeNetem, type NetemFacts } from "./kernel-features.js";

const linux: NetemFacts = { platform: "linux", remoteEngine: false, kernel: "6.1.0-13-amd64", loaded: false, builtin: false, module: false, modulesDir: true };

describe("whether the kernel has netem", () => {
  it("is missing when tc in a throwaway namespace does not know the qdisc (this machine's kernel)", () => {
    const p = judgeNetem({ ...linux, modulesDir: false, tc: { exitCode: 2, stderr: "Error: Specified qdisc kind is unknown.\n" } });
    expect(p.state).toBe("missing");
    expect(p.detail).toBe('kernel 6.1.0-13-amd64 has no sch_netem: tc answers "Error: Specified qdisc kind is unknown." (probed on the host)');
  });

  it("is available when loaded, when tc works, when built in, or as a module tc loads on first use", () => {
    expect(judgeNetem({ ...linux, loaded: true }).state).toBe("available");
    expect(judgeNetem({ ...linux, tc: { exitCode: 0, stderr: "" } }).state).toBe("available");
    expect(judgeNetem({ ...linux, builtin: true }).state).toBe("available");
    expect(judgeNetem({ ...linux, module: true }).state).toBe("available");
  });

  it("is missing when the kernel's module list has no sch_netem, and unknown when nothing can be told", () => {
    expect(judgeNetem(linux).state).toBe("missing");
    expect(judgeNetem({ ...linux, modulesDir: false }).state).toBe("unknown");
    // tc failing for another reason (no permission) decides nothing.
    expect(judgeNetem({ ...linux, modulesDir: false, tc: { exitCode: 2, stderr: "RTNETLINK answers: Operation not permitted" } }).state).toBe("unknown");
  });

  it("is unknown for an engine on another machine or in a VM, whatever this host has", () => {
    expect(judgeNetem({ ...linux, loaded: true, remoteEngine: true }).state).toBe("unknown");
    expect(judgeNetem({ ...linux, platform: "darwin" }).detail).toMatch(/^not probed: on darwin Docker runs in a VM/);
  });
});
