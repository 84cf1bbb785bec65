import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LeadershipView } from "../candidates/leadership-view.js";
import { InconclusiveError } from "../errors/index.js";
import type { ExecutableKind } from "../faults/kind.js";
import type { ClusterNow } from "../faults/types.js";
import type { AnyEvent, KnownEvent } from "../history/events.js";
import { HistoryWriter } from "../history/writer.js";
import { ScheduleExecutor } from "./executor.js";
import type { FaultSpec, Schedule, ScheduledAction } from "./types.js";

/**
 * The executor against a fake environment: the kinds are fakes that write what they do into a
 * log (the "cluster"), so the order of injections and heals is what a live run would do to its
 * containers. Times are a few milliseconds; nothing is asserted about how long anything took.
 */
interface FakeEnv {
  log: string[];
  /** Kinds whose injection fails, after doing part of its work. */
  failing: Set<string>;
}

const fakeKind: ExecutableKind<FaultSpec, FakeEnv> = {
  runTargets: (spec) => ("targets" in spec ? spec.targets : "minority" in spec ? spec.minority : ["all-zk"]),
  async inject(env, fault) {
    env.log.push(`inject ${fault.id} ${fault.spec.kind} on ${fault.targets.join(",")}`);
    if (env.failing.has(fault.spec.kind)) throw new Error(`${fault.spec.kind} broke half-way`);
    return {
      heal: async () => {
        env.log.push(`heal ${fault.id}`);
      },
    };
  },
};

const cluster: ClusterNow = {
  servers: () => ["zk1", "zk2", "zk3"],
  candidates: () => [
    { node: "c1", running: true },
    { node: "c2", running: true },
  ],
  zkRoles: async () => ({ leader: "zk2", followers: ["zk1", "zk3"] }),
};

function setUp(failing: string[] = [], clusterNow: ClusterNow = cluster) {
  const dir = mkdtempSync(join(tmpdir(), "sb-executor-"));
  const history = HistoryWriter.create(join(dir, "history.jsonl"), { run: "r", scenario: "s", seed: 1, startedAt: new Date().toISOString() });
  const events: Array<KnownEvent | AnyEvent> = [];
  history.subscribe((e) => events.push(e));
  const leadership = new LeadershipView();
  leadership.observe({ t: 0, node: "c2", type: "leader" });
  const env: FakeEnv = { log: [], failing: new Set(failing) };
  const executor = new ScheduleExecutor({
    env,
    kinds: (name) => (name === "kill" || name === "pause" || name === "zk-outage" || name === "partition-zk" ? fakeKind : undefined),
    cluster: clusterNow,
    history,
    leadership,
    signal: new AbortController().signal,
    progress: () => undefined,
    sessionTimeoutMs: 1000,
  });
  const nemesis = () => events.filter((e) => e.node === "nemesis").map((e) => `${e.type} ${(e as { id?: string }).id}`);
  const logs = () => events.filter((e) => e.node === "splitbrain" && e.type === "log").map((e) => (e as { msg?: string }).msg ?? "");
  return { env, executor, nemesis, logs, close: () => history.close() };
}

function schedule(actions: ScheduledAction[]): Schedule {
  const endAt = actions[actions.length - 1]?.at ?? 0;
  return { scenario: "s", seed: 1, actions, endAt };
}

const kill = (targets: string[]): FaultSpec => ({ kind: "kill", targets });

describe("ScheduleExecutor (fake environment)", () => {
  it("carries out the actions in order, resolving the targets when each runs", async () => {
    const { env, executor, nemesis, close } = setUp();
    await executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: kill(["leader"]), expectLeader: true },
        { at: 1, do: "inject", id: "b", fault: { kind: "zk-outage" }, expectLeader: false },
        { at: 2, do: "heal", id: "b" },
        { at: 3, do: "inject", id: "c", fault: { kind: "partition-zk", minority: ["zk-leader"] }, expectLeader: true },
        { at: 4, do: "heal", id: "c" },
        { at: 5, do: "heal", id: "a" },
        { at: 6, do: "end" },
      ]),
    );
    close();
    expect(env.log).toEqual(["inject a kill on c2", "inject b zk-outage on zk1,zk2,zk3", "heal b", "inject c partition-zk on zk2", "heal c", "heal a"]);
    expect(nemesis()).toEqual(["fault a", "fault b", "heal b", "fault c", "heal c", "heal a"]);
    expect(executor.executed.map((x) => `${x.do} ${x.id ?? ""}`.trim())).toEqual(["inject a", "inject b", "heal b", "inject c", "heal c", "heal a", "end"]);
  });

  it("pauses and kills the ZooKeeper leader and a follower as the servers answer when the fault runs", async () => {
    const { env, executor, close } = setUp();
    await executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: { kind: "pause", targets: ["zk-leader"] }, expectLeader: true },
        { at: 1, do: "inject", id: "b", fault: kill(["zk-follower"]), expectLeader: true },
        { at: 2, do: "end" },
      ]),
    );
    close();
    expect(env.log.slice(0, 2)).toEqual(["inject a pause on zk2", "inject b kill on zk1"]);
  });

  it("says in the history whom zk-leader hits when no server leads (an election under way)", async () => {
    const electing: ClusterNow = { ...cluster, zkRoles: async () => ({ followers: [] }) };
    const { env, executor, logs, close } = setUp([], electing);
    await executor.run(schedule([{ at: 0, do: "inject", id: "a", fault: kill(["zk-leader"]), expectLeader: true }, { at: 1, do: "end" }]));
    close();
    expect(env.log[0]).toBe("inject a kill on zk1");
    expect(logs()).toContain("no ZooKeeper leader to target; using zk1");
  });

  it("a heal undoes the fault it names, not the newest one", async () => {
    const { env, executor, close } = setUp();
    await executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: kill(["c1"]), expectLeader: true },
        { at: 0, do: "inject", id: "b", fault: { kind: "pause", targets: ["zk1"] }, expectLeader: true },
        { at: 1, do: "heal", id: "a" },
        { at: 2, do: "heal", id: "b" },
        { at: 3, do: "end" },
      ]),
    );
    close();
    expect(env.log).toEqual(["inject a kill on c1", "inject b pause on zk1", "heal a", "heal b"]);
  });

  it("heals the faults still active when the schedule ends, newest first, and records each heal", async () => {
    const { env, executor, nemesis, close } = setUp();
    await executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: kill(["c1"]), expectLeader: true },
        { at: 0, do: "inject", id: "b", fault: kill(["c2"]), expectLeader: true },
        { at: 1, do: "end" },
      ]),
    );
    close();
    expect(env.log).toEqual(["inject a kill on c1", "inject b kill on c2", "heal b", "heal a"]);
    expect(nemesis()).toEqual(["fault a", "fault b", "heal b", "heal a"]);
    expect(executor.executed.filter((x) => x.do === "heal").map((x) => x.note)).toEqual(["schedule ended", "schedule ended"]);
  });

  it("an injection that fails makes the run inconclusive, closes its fault in the history and heals what was injected", async () => {
    const { env, executor, nemesis, close } = setUp(["pause"]);
    const run = executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: kill(["c1"]), expectLeader: true },
        { at: 1, do: "inject", id: "b", fault: { kind: "pause", targets: ["c2"] }, expectLeader: true },
        { at: 2, do: "inject", id: "c", fault: kill(["c2"]), expectLeader: true },
        { at: 3, do: "end" },
      ]),
    );
    await expect(run).rejects.toThrow(InconclusiveError);
    await expect(run).rejects.toThrow(/injecting b \(pause on c2\) failed: pause broke half-way/);
    close();
    expect(env.log).toEqual(["inject a kill on c1", "inject b pause on c2", "heal a"]);
    expect(nemesis()).toEqual(["fault a", "fault b", "heal b", "heal a"]);
  });

  it("refuses a fault of a kind it does not know, before injecting anything of it", async () => {
    const { env, executor, close } = setUp();
    const run = executor.run(
      schedule([
        { at: 0, do: "inject", id: "a", fault: kill(["c1"]), expectLeader: true },
        { at: 1, do: "inject", id: "x", fault: { kind: "zk-total-loss" }, expectLeader: false },
        { at: 2, do: "end" },
      ]),
    );
    await expect(run).rejects.toThrow(/no fault kind "zk-total-loss"/);
    close();
    expect(env.log).toEqual(["inject a kill on c1", "heal a"]);
  });
});
