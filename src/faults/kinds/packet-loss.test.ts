import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSchedule, ScenarioCompileError } from "../../scenarios/compile.js";
import { describeFault } from "../../scenarios/format-schedule.js";
import { parseScenarioFile } from "../../scenarios/load.js";
import { SCENARIOS } from "../../scenarios/registry.js";
import type { FaultSpec, ScheduleConfig } from "../../scenarios/types.js";
import { OWN_RULES } from "../partition.js";
import { needsOf } from "../registry.js";
import { lossChain, lossHealScript, lossScript } from "./packet-loss.js";

const config: ScheduleConfig = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };

/** Runs a script with a stand-in `iptables` on PATH that logs its arguments: the script's own shell logic, no network. */
function runWithFakeIptables(script: string): { calls: string[]; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "sb-loss-"));
  const log = join(dir, "calls");
  writeFileSync(log, "");
  writeFileSync(
    join(dir, "iptables"),
    `#!/bin/sh\necho "$*" >> ${log}\ncase "$*" in *" -C "*|*" -D "*) exit 1;; esac\nexit 0\n`,
  );
  chmodSync(join(dir, "iptables"), 0o755);
  const stdout = execFileSync("sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
  return { calls: readFileSync(log, "utf8").split("\n").filter((l) => l !== ""), stdout };
}

describe("packet-loss rules", () => {
  it("drop at random between the node and each peer, both ways, on the given ports only", () => {
    const { calls } = runWithFakeIptables(lossScript({ chain: "SPLITBRAIN-LOSS-x", probability: 0.3, peerIps: ["10.0.0.2", "10.0.0.3"], ports: [2181], direction: "both" }));
    expect(calls).toEqual([
      "-w -N SPLITBRAIN-LOSS-x",
      "-w -C INPUT -j SPLITBRAIN-LOSS-x",
      "-w -I INPUT 1 -j SPLITBRAIN-LOSS-x",
      "-w -C OUTPUT -j SPLITBRAIN-LOSS-x",
      "-w -I OUTPUT 1 -j SPLITBRAIN-LOSS-x",
      "-w -A SPLITBRAIN-LOSS-x -s 10.0.0.2 -p tcp -m multiport --ports 2181 -m statistic --mode random --probability 0.3 -j DROP",
      "-w -A SPLITBRAIN-LOSS-x -d 10.0.0.2 -p tcp -m multiport --ports 2181 -m statistic --mode random --probability 0.3 -j DROP",
      "-w -A SPLITBRAIN-LOSS-x -s 10.0.0.3 -p tcp -m multiport --ports 2181 -m statistic --mode random --probability 0.3 -j DROP",
      "-w -A SPLITBRAIN-LOSS-x -d 10.0.0.3 -p tcp -m multiport --ports 2181 -m statistic --mode random --probability 0.3 -j DROP",
    ]);
  });

  it("hook one direction only when asked, and match every protocol without ports", () => {
    const incoming = lossScript({ chain: "C", probability: 1, peerIps: ["10.0.0.2"], direction: "in" });
    expect(incoming).not.toContain("OUTPUT");
    expect(incoming).toContain("iptables -w -A C -s 10.0.0.2 -m statistic --mode random --probability 1 -j DROP");
    const outgoing = lossScript({ chain: "C", probability: 0.05, peerIps: ["10.0.0.2"], ports: [2888, 3888], direction: "out" });
    expect(outgoing).not.toContain("INPUT");
    expect(outgoing).toContain("iptables -w -A C -d 10.0.0.2 -p tcp -m multiport --ports 2888,3888 -m statistic --mode random --probability 0.05 -j DROP");
    expect(lossScript({ chain: "C", probability: 0.0000001, peerIps: ["10.0.0.2"], direction: "in" })).toContain("--probability 0.0000001 ");
  });

  it("heal removes the chain's hooks from both INPUT and OUTPUT, the chain itself, and prints nothing when none is left", () => {
    const { calls, stdout } = runWithFakeIptables(lossHealScript("SPLITBRAIN-LOSS-x"));
    expect(calls).toEqual([
      "-w -D INPUT -j SPLITBRAIN-LOSS-x",
      "-w -D OUTPUT -j SPLITBRAIN-LOSS-x",
      "-w -F SPLITBRAIN-LOSS-x",
      "-w -X SPLITBRAIN-LOSS-x",
      "-w -S",
    ]);
    expect(stdout).toBe("");
  });

  it("each fault has its own chain, a valid iptables name, and a partition's heal check does not count it", () => {
    const a = lossChain("f1");
    expect(a).toBe(lossChain("f1"));
    expect(a).not.toBe(lossChain("f2"));
    expect(a).toMatch(/^SPLITBRAIN-LOSS-[0-9a-f]{8}$/);
    expect(a.length).toBeLessThanOrEqual(28);
    const own = new RegExp(OWN_RULES);
    expect(own.test(`-A INPUT -j ${a}`)).toBe(false);
    expect(own.test(`-N ${a}`)).toBe(false);
    expect(own.test("-A INPUT -j SPLITBRAIN")).toBe(true);
    expect(own.test("-A SPLITBRAIN -s 10.0.0.2/32 -j DROP")).toBe(true);
  });
});

describe("packet-loss in scenario files", () => {
  const file = (fault: string) => `name: x\nsteps:\n  - fault: ${fault}\n    for: 1s\n`;

  it("takes targets, a probability, ports and a direction", () => {
    const s = parseScenarioFile("x.yaml", file("{ kind: packet-loss, targets: [leader], probability: 0.3, ports: [2888, 3888], direction: in }"));
    expect(s.steps[0]).toEqual({ fault: { kind: "packet-loss", targets: ["leader"], probability: 0.3, ports: [2888, 3888], direction: "in" }, for: "1s" });
  });

  it("names a probability out of range, a bad port, a bad direction and an unknown key by their paths", () => {
    const message = (fault: string): string => {
      try {
        parseScenarioFile("x.yaml", file(fault));
      } catch (err) {
        return (err as Error).message;
      }
      return "valid";
    };
    expect(message("{ kind: packet-loss, targets: [c1], probability: 0 }")).toContain("x.yaml: steps.0.fault.probability: a probability above 0");
    expect(message("{ kind: packet-loss, targets: [c1], probability: 1.5 }")).toContain("steps.0.fault.probability: a probability of at most 1");
    expect(message("{ kind: packet-loss, targets: [c1] }")).toContain("steps.0.fault.probability: a probability: a number above 0 and at most 1");
    expect(message("{ kind: packet-loss, targets: [c1], probability: 0.3, ports: [70000] }")).toContain("steps.0.fault.ports.0: a TCP port, 1 to 65535");
    expect(message("{ kind: packet-loss, targets: [c1], probability: 0.3, direction: sideways }")).toContain("steps.0.fault.direction:");
    expect(message("{ kind: packet-loss, targets: [c1], probability: 0.3, loss: 1 }")).toContain(
      'unknown key "loss" (a packet-loss fault takes kind, targets, probability, ports, direction)',
    );
    expect(message("{ kind: explode }")).toContain("use one of partition-from-zk, partition-zk, partition, kill, pause, zk-outage, zk-total-loss, packet-loss");
  });

  it("checks its targets against the run's nodes when it compiles, expects a leader, and needs the network helper", () => {
    const bad = { name: "x", summary: "", description: "", steps: [{ fault: { kind: "packet-loss" as const, targets: ["c9"], probability: 0.3 }, for: "1s" }] };
    expect(() => compileSchedule(bad, config, 1)).toThrow(ScenarioCompileError);
    expect(() => compileSchedule(bad, config, 1)).toThrow(/steps\.0\.fault\.targets\.0: unknown target "c9"/);
    const s = compileSchedule(SCENARIOS["flaky-zk-link"](), config, 1);
    const inject = s.actions[0];
    expect(inject).toEqual({ at: 18_000, do: "inject", id: "f1", fault: { kind: "packet-loss", targets: ["leader"], probability: 0.3, ports: [2181] }, expectLeader: true });
    expect(describeFault((inject as { fault: FaultSpec }).fault)).toBe("packet-loss 30% on leader, ports 2181");
    expect(needsOf(["packet-loss"])).toEqual({ netAdmin: true, kernel: [], clock: false });
  });

  it("random draws packet loss too, and never on a server while the whole ensemble is down", () => {
    const options = { away: "kill" as const, durationMs: 600_000, sessionTimeoutMs: 6000 };
    let drawn = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const s = compileSchedule(SCENARIOS.random({ ...options, seed }), config, seed);
      const active = new Map<string, FaultSpec>();
      for (const a of s.actions) {
        if (a.do === "heal") active.delete(a.id);
        if (a.do !== "inject") continue;
        const zkLoss = (f: FaultSpec): boolean => f.kind === "packet-loss" && f.targets.some((t) => t.startsWith("zk"));
        const whole = (f: FaultSpec): boolean => f.kind === "zk-outage" || f.kind === "zk-total-loss";
        if (a.fault.kind === "packet-loss") drawn += 1;
        if (whole(a.fault)) expect([...active.values()].filter(zkLoss)).toEqual([]);
        if (zkLoss(a.fault)) expect([...active.values()].filter(whole)).toEqual([]);
        active.set(a.id, a.fault);
      }
    }
    expect(drawn).toBeGreaterThan(10);
  });
});
