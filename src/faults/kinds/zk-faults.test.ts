import { execFileSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { compileSchedule } from "../../scenarios/compile.js";
import { describeFault } from "../../scenarios/format-schedule.js";
import { parseScenarioFile } from "../../scenarios/load.js";
import { SCENARIOS } from "../../scenarios/registry.js";
import type { FaultSpec, ScheduleConfig } from "../../scenarios/types.js";
import { needsOf } from "../registry.js";
import { corruptScript, GARBLE_BYTES, GARBLE_OFFSET, parseCorruptReport } from "./zk-corrupt.js";
import { isolateChain, isolateScript } from "./zk-leader-isolate.js";
import { wipedServers } from "./zk-partial-loss.js";
import { roll, rollOrder } from "./zk-rolling-restart.js";

const config: ScheduleConfig = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 1, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };

/** Runs a script with stand-in commands on PATH that log their arguments: the script's own shell logic, nothing else. */
function runWithFakes(script: string, commands: string[]): { calls: string[]; stdout: string } {
  const dir = mkdtempSync(join(tmpdir(), "sb-zkf-"));
  const log = join(dir, "calls");
  writeFileSync(log, "");
  for (const c of commands) {
    writeFileSync(join(dir, c), `#!/bin/sh\necho "${c} $*" >> ${log}\ncase "$*" in *" -C "*|*" -D "*) exit 1;; esac\nexit 0\n`);
    chmodSync(join(dir, c), 0o755);
  }
  const stdout = execFileSync("sh", ["-c", script], { env: { PATH: `${dir}:/usr/bin:/bin` }, encoding: "utf8" });
  return { calls: readFileSync(log, "utf8").split("\n").filter((l) => l !== ""), stdout };
}

/** The problems of a one-fault scenario, or "valid". */
function compileProblems(fault: FaultSpec, servers = config.servers): string {
  try {
    compileSchedule({ name: "x", summary: "", description: "", steps: [{ fault, for: "1s" }] }, { ...config, servers }, 1);
    return "valid";
  } catch (err) {
    return (err as Error).message;
  }
}

function firstInject(fault: FaultSpec) {
  return compileSchedule({ name: "x", summary: "", description: "", steps: [{ fault, for: "1s" }] }, config, 1).actions[0];
}

function fileProblem(fault: string): string {
  try {
    parseScenarioFile("x.yaml", `name: x\nsteps:\n  - fault: ${fault}\n    for: 1s\n`);
    return "valid";
  } catch (err) {
    return (err as Error).message;
  }
}

describe("zk-leader-isolate", () => {
  it("drops only the peer ports between the leader and each other server, both ways, in its own chain", () => {
    const { calls } = runWithFakes(isolateScript("SPLITBRAIN-ISO-x", ["10.0.0.2", "10.0.0.3"]), ["iptables"]);
    expect(calls).toEqual([
      "iptables -w -N SPLITBRAIN-ISO-x",
      "iptables -w -C INPUT -j SPLITBRAIN-ISO-x",
      "iptables -w -I INPUT 1 -j SPLITBRAIN-ISO-x",
      "iptables -w -C OUTPUT -j SPLITBRAIN-ISO-x",
      "iptables -w -I OUTPUT 1 -j SPLITBRAIN-ISO-x",
      "iptables -w -A SPLITBRAIN-ISO-x -s 10.0.0.2 -p tcp -m multiport --ports 2888,3888 -j DROP",
      "iptables -w -A SPLITBRAIN-ISO-x -d 10.0.0.2 -p tcp -m multiport --ports 2888,3888 -j DROP",
      "iptables -w -A SPLITBRAIN-ISO-x -s 10.0.0.3 -p tcp -m multiport --ports 2888,3888 -j DROP",
      "iptables -w -A SPLITBRAIN-ISO-x -d 10.0.0.3 -p tcp -m multiport --ports 2888,3888 -j DROP",
    ]);
    expect(isolateChain("f1")).toMatch(/^SPLITBRAIN-ISO-[0-9a-f]{8}$/);
    expect(isolateChain("f1")).not.toBe(isolateChain("f2"));
  });

  it("targets the ZooKeeper leader when it runs, expects a leader, needs the network helper and 3 servers", () => {
    expect(firstInject({ kind: "zk-leader-isolate" })).toMatchObject({ do: "inject", fault: { kind: "zk-leader-isolate" }, expectLeader: true });
    expect(describeFault({ kind: "zk-leader-isolate" })).toBe("zk-leader-isolate on zk-leader");
    expect(needsOf(["zk-leader-isolate"])).toEqual({ netAdmin: true, kernel: [], clock: false });
    expect(compileProblems({ kind: "zk-leader-isolate" }, ["zk1"])).toBe("steps.0.fault.kind: zk-leader-isolate needs an ensemble of at least 3 servers (this run has 1; use --servers 3 or 5)");
    expect(fileProblem("{ kind: zk-leader-isolate, targets: [zk1] }")).toContain('unknown key "targets" (a zk-leader-isolate fault takes kind)');
  });
});

describe("zk-rolling-restart", () => {
  it("restarts the followers first and the leader last, each serving again before the next", async () => {
    expect(rollOrder(["zk1", "zk2", "zk3"], "zk1")).toEqual(["zk2", "zk3", "zk1"]);
    expect(rollOrder(["zk1", "zk2", "zk3"], undefined)).toEqual(["zk1", "zk2", "zk3"]);
    const calls: string[] = [];
    await roll(["zk2", "zk3", "zk1"], {
      stop: async (s) => void calls.push(`stop ${s}`),
      start: async (s) => void calls.push(`start ${s}`),
      servesAgain: async (s) => (calls.push(`serves ${s}`), true),
      say: () => undefined,
    });
    expect(calls).toEqual(["stop zk2", "start zk2", "serves zk2", "stop zk3", "start zk3", "serves zk3", "stop zk1", "start zk1", "serves zk1"]);
  });

  it("stops at a server that does not serve again and says which were left", async () => {
    const stopped: string[] = [];
    const steps = { stop: async (s: string) => void stopped.push(s), start: async () => undefined, servesAgain: async (s: string) => s !== "zk3", say: () => undefined };
    await expect(roll(["zk2", "zk3", "zk1"], steps)).rejects.toThrow("zk-rolling-restart: zk3 did not serve again within 90 s after its restart; zk1 left unrestarted");
    expect(stopped).toEqual(["zk2", "zk3"]);
  });

  it("acts on the whole ensemble, expects a leader, and random never overlaps it with another fault on the servers", () => {
    expect(firstInject({ kind: "zk-rolling-restart" })).toMatchObject({ fault: { kind: "zk-rolling-restart" }, expectLeader: true });
    expect(needsOf(["zk-rolling-restart"])).toEqual({ netAdmin: false, kernel: [], clock: false });
    let drawn = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const s = compileSchedule(SCENARIOS.random({ away: "kill", seed, durationMs: 600_000, sessionTimeoutMs: 6000 }), config, seed);
      const active = new Map<string, FaultSpec>();
      for (const a of s.actions) {
        if (a.do === "heal") active.delete(a.id);
        if (a.do !== "inject") continue;
        if (a.fault.kind === "zk-rolling-restart") {
          drawn += 1;
          expect([...active.values()].filter((f) => JSON.stringify(f).includes('"zk'))).toEqual([]);
        }
        active.set(a.id, a.fault);
      }
    }
    expect(drawn).toBeGreaterThan(3);
  });
});

describe("zk-partial-loss", () => {
  it("wipes a majority by default, or `count` servers, always the first ones in the ensemble's order", () => {
    expect(wipedServers({ kind: "zk-partial-loss" }, ["zk1", "zk2", "zk3"])).toEqual(["zk1", "zk2"]);
    expect(wipedServers({ kind: "zk-partial-loss" }, ["zk1", "zk2", "zk3", "zk4", "zk5"])).toEqual(["zk1", "zk2", "zk3"]);
    expect(wipedServers({ kind: "zk-partial-loss", count: 1 }, ["zk1", "zk2", "zk3"])).toEqual(["zk1"]);
  });

  it("expects no leader while a majority is wiped, a leader while a quorum keeps running", () => {
    expect(firstInject({ kind: "zk-partial-loss" })).toMatchObject({ expectLeader: false });
    expect(firstInject({ kind: "zk-partial-loss", count: 1 })).toMatchObject({ expectLeader: true });
    expect(describeFault({ kind: "zk-partial-loss" })).toBe("zk-partial-loss of a majority");
    expect(describeFault({ kind: "zk-partial-loss", count: 1 })).toBe("zk-partial-loss of 1 server");
  });

  it("refuses a count of every server, or none, by its path", () => {
    expect(compileProblems({ kind: "zk-partial-loss", count: 3 })).toBe("steps.0.fault.count: fewer than the 3 servers of this run (every server wiped is zk-total-loss)");
    expect(fileProblem("{ kind: zk-partial-loss, count: 0 }")).toContain("steps.0.fault.count: at least 1 server");
    expect(fileProblem("{ kind: zk-partial-loss, count: 1.5 }")).toContain("steps.0.fault.count: how many servers lose their data: a whole number");
  });

  it("has a built-in scenario: a majority wiped for three session timeouts", () => {
    const s = compileSchedule(SCENARIOS["zk-partial-loss"](), config, 1);
    expect(s.actions.slice(0, 2)).toEqual([
      { at: 18_000, do: "inject", id: "f1", fault: { kind: "zk-partial-loss" }, expectLeader: false },
      { at: 36_000, do: "heal", id: "f1" },
    ]);
  });
});

describe("zk-corrupt", () => {
  /** A version-2 directory with an older and a newer file of the kind; returns the newer one's path. */
  function dataDir(prefix: string, newest: Buffer): { dir: string; newer: string; older: string } {
    const dir = join(mkdtempSync(join(tmpdir(), "sb-corrupt-")), "version-2");
    mkdirSync(dir);
    const older = join(dir, `${prefix}1`);
    const newer = join(dir, `${prefix}200000001`);
    writeFileSync(older, Buffer.alloc(4096, 7));
    utimesSync(older, new Date(1_000_000), new Date(1_000_000));
    writeFileSync(newer, newest);
    return { dir, newer, older };
  }
  const run = (script: string) => execFileSync("bash", ["-c", script], { encoding: "utf8" });

  it("truncates the newest log to half of its data, not of its zero preallocation, and reports sizes and checksums", () => {
    // 16-byte header, 4000 bytes of records, then zeros (ZooKeeper's preallocation).
    const log = Buffer.concat([Buffer.alloc(16, 1), Buffer.alloc(4000, 9), Buffer.alloc(60_000, 0)]);
    const { dir, newer, older } = dataDir("log.", log);
    const report = parseCorruptReport(run(corruptScript({ what: "log", how: "truncate" }, dir)));
    expect(report).toMatchObject({ path: newer, size: log.length, dataEnd: 4016, sizeAfter: 2008 });
    expect(report?.after).not.toBe(report?.before);
    expect(readFileSync(newer)).toEqual(log.subarray(0, 2008));
    expect(readFileSync(older)).toEqual(Buffer.alloc(4096, 7));
  });

  it("garbles 64 bytes after the header of the newest snapshot, its size unchanged", () => {
    const snap = Buffer.alloc(1000, 5);
    const { dir, newer } = dataDir("snapshot.", snap);
    const report = parseCorruptReport(run(corruptScript({ what: "snapshot", how: "garble" }, dir)));
    expect(report).toMatchObject({ size: 1000, sizeAfter: 1000 });
    const after = readFileSync(newer);
    expect(after.subarray(GARBLE_OFFSET, GARBLE_OFFSET + GARBLE_BYTES)).toEqual(Buffer.alloc(GARBLE_BYTES, 0xff));
    expect(after.subarray(0, GARBLE_OFFSET)).toEqual(snap.subarray(0, GARBLE_OFFSET));
    expect(after.subarray(GARBLE_OFFSET + GARBLE_BYTES)).toEqual(snap.subarray(GARBLE_OFFSET + GARBLE_BYTES));
  });

  it("exits 3 and says so when there is no such file yet", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-corrupt-"));
    let out = "";
    try {
      run(corruptScript({ what: "log", how: "garble" }, dir));
    } catch (err) {
      out = `${(err as { status: number }).status} ${(err as { stdout: string }).stdout}`;
    }
    expect(out).toBe(`3 no log.* file in ${dir}\n`);
  });

  it("takes one server, what and how; expects a leader with the others serving", () => {
    expect(firstInject({ kind: "zk-corrupt", targets: ["zk-follower"], what: "log", how: "truncate" })).toMatchObject({ expectLeader: true });
    expect(describeFault({ kind: "zk-corrupt", targets: ["zk2"], what: "snapshot", how: "garble" })).toBe("zk-corrupt (garble the snapshot) on zk2");
    expect(compileProblems({ kind: "zk-corrupt", targets: ["c1"], what: "log", how: "garble" })).toBe(
      'steps.0.fault.targets.0: "c1" is not one ZooKeeper server (use zk-leader, zk-follower, random-zk or zk1, zk2, zk3)',
    );
    expect(compileProblems({ kind: "zk-corrupt", targets: ["zk1", "zk2"], what: "log", how: "garble" })).toBe("steps.0.fault.targets: name exactly one server (zk-leader, zk-follower, random-zk or zk1 ...)");
    expect(fileProblem("{ kind: zk-corrupt, targets: [zk1], what: config, how: garble }")).toContain("steps.0.fault.what: what to corrupt: snapshot or log");
    expect(fileProblem("{ kind: zk-corrupt, targets: [zk1], what: log }")).toContain("steps.0.fault.how: how to corrupt it: truncate or garble");
  });
});

describe("names during an outage", () => {
  it("zk-outage and zk-total-loss take names: gone (the default) or kept, and the schedule run.json stores carries it", () => {
    expect(fileProblem("{ kind: zk-outage, names: kept }")).toBe("valid");
    expect(fileProblem("{ kind: zk-total-loss, names: gone }")).toBe("valid");
    expect(fileProblem("{ kind: zk-outage, names: vanished }")).toContain("steps.0.fault.names: what becomes of the servers' names while they are down: gone or kept (default gone)");
    expect(firstInject({ kind: "zk-total-loss", names: "kept" })).toMatchObject({ fault: { kind: "zk-total-loss", names: "kept" }, expectLeader: false });
    expect(describeFault({ kind: "zk-outage", names: "kept" })).toBe("zk-outage (names kept)");
    expect(describeFault({ kind: "zk-outage" })).toBe("zk-outage");
  });
});
