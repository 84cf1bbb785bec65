import { execFileSync } from "node:child_process";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSchedule } from "../../scenarios/compile.js";
import { describeFault } from "../../scenarios/format-schedule.js";
import { parseScenarioFile } from "../../scenarios/load.js";
import { needsOf } from "../registry.js";
import { DELAY_HEAL_SCRIPT, delayScript } from "./delay.js";

/**
 * Runs a script with stand-ins for `ip` (a namespace with lo and eth0) and `tc` (which keeps the
 * root qdisc of each device in a file): the script's own shell logic, no network.
 */
function runWithFakeTc(script: string, netemOn: string[] = []): { calls: string[]; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "sb-delay-"));
  const log = join(dir, "calls");
  writeFileSync(log, "");
  writeFileSync(join(dir, "state"), netemOn.map((d) => `${d}\n`).join(""));
  writeFileSync(join(dir, "ip"), "#!/bin/sh\nprintf '1: lo: <LOOPBACK,UP> mtu 65536\\n2: eth0@if12: <BROADCAST,UP> mtu 1500\\n'\n");
  writeFileSync(
    join(dir, "tc"),
    [
      "#!/bin/sh",
      `echo "$*" >> ${log}`,
      `state=${join(dir, "state")}`,
      'case "$1 $2" in',
      '  "qdisc add") echo "$4" >> "$state";;',
      '  "qdisc del") grep -v "^$4$" "$state" > "$state.new" || true; mv "$state.new" "$state";;',
      '  "qdisc show") if [ "$3" = dev ]; then grep -q "^$4$" "$state" && echo "qdisc netem 8001: root"; else while read d; do echo "qdisc netem 8001: dev $d root"; done < "$state"; fi;;',
      "esac",
      "exit 0",
    ].join("\n"),
  );
  chmodSync(join(dir, "ip"), 0o755);
  chmodSync(join(dir, "tc"), 0o755);
  const stdout = execFileSync("sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
  return { calls: readFileSync(log, "utf8").split("\n").filter((l) => l !== ""), stdout };
}

describe("delay with tc netem", () => {
  it("adds netem on every interface but loopback, with the jitter when given", () => {
    expect(runWithFakeTc(delayScript(200, 50)).calls).toEqual(["qdisc add dev eth0 root netem delay 200ms 50ms"]);
    expect(runWithFakeTc(delayScript(200, undefined)).calls).toEqual(["qdisc add dev eth0 root netem delay 200ms"]);
  });

  it("heal removes the netem qdiscs and prints nothing when none is left", () => {
    const r = runWithFakeTc(DELAY_HEAL_SCRIPT, ["eth0"]);
    expect(r.calls).toEqual(["qdisc show dev eth0 root", "qdisc del dev eth0 root", "qdisc show"]);
    expect(r.stdout).toBe("");
  });

  it("is a scenario-file fault with a delay and an optional jitter, named by path when wrong", () => {
    const file = (fault: string) => `name: x\nsteps:\n  - fault: ${fault}\n    for: 1s\n`;
    const s = parseScenarioFile("x.yaml", file("{ kind: delay, targets: [leader], delayMs: 200, jitterMs: 50 }"));
    expect(s.steps[0]).toEqual({ fault: { kind: "delay", targets: ["leader"], delayMs: 200, jitterMs: 50 }, for: "1s" });
    expect(() => parseScenarioFile("x.yaml", file("{ kind: delay, targets: [leader], delayMs: 0 }"))).toThrow("x.yaml: steps.0.fault.delayMs: a delay above 0 ms");
    expect(() => parseScenarioFile("x.yaml", file("{ kind: delay, targets: [leader], delayMs: 90000 }"))).toThrow("steps.0.fault.delayMs: a delay of at most 60000 ms");
  });

  it("compiles like any fault (the kernel is asked only when a run starts), expects a leader, and needs netem", () => {
    const config = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1, candidates: ["c1", "c2"], servers: ["zk1", "zk2", "zk3"] };
    const scenario = { name: "slow", summary: "", description: "", steps: [{ fault: { kind: "delay" as const, targets: ["leader"], delayMs: 200, jitterMs: 50 }, for: "1s" }] };
    const inject = compileSchedule(scenario, config, 1).actions[0];
    expect(inject).toMatchObject({ do: "inject", expectLeader: true });
    expect(describeFault(scenario.steps[0]!.fault)).toBe("delay 200ms ±50ms on leader");
    expect(needsOf(["delay"])).toEqual({ netAdmin: true, kernel: ["netem"], clock: false });
  });
});
