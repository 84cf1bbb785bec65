import type { LeadershipView } from "../candidates/leadership-view.js";
import { InconclusiveError } from "../errors/index.js";
import type { HistoryWriter } from "../history/writer.js";
import type { ExecutableKind } from "../faults/kind.js";
import { kindOf } from "../faults/registry.js";
import { clusterNowOf, type ActiveFault, type ClusterNow, type FaultEnv } from "../faults/types.js";
import { withTimeout } from "../util/deadline.js";
import { sleep } from "../util/sleep.js";
import type { FaultSpec, Schedule, ScheduledAction, TargetSpec } from "./types.js";

export interface ExecutionOptions<E> {
  /** What the kinds act on (the run's cluster; a fake in the executor's own tests). */
  env: E;
  /** The kind of a fault by its name: the registry's (src/faults/registry.ts), or fakes in tests. */
  kinds: (name: string) => ExecutableKind<FaultSpec, E> | undefined;
  /** Where symbolic targets are resolved. */
  cluster: ClusterNow;
  history: HistoryWriter;
  leadership: LeadershipView;
  signal: AbortSignal;
  progress: (message: string) => void;
  /** Session timeout in force (ms): how long to wait for a leader to resolve `leader`. */
  sessionTimeoutMs: number;
  onStarted?: (schedule: Schedule, startT: number) => void;
}

/** What was actually done: the schedule with its run-time targets, for run.json. */
export interface ExecutedAction {
  at: number;
  /** History time when it was carried out. */
  t: number;
  do: ScheduledAction["do"];
  id?: string;
  fault?: string;
  targets?: string[];
  note?: string;
}

/**
 * The longest an injection or a heal may take. Past it the run is inconclusive instead of
 * waiting forever; whatever the abandoned step still does ends with the run's containers at
 * teardown.
 */
const FAULT_STEP_DEADLINE_MS = 120_000;

interface Active {
  id: string;
  kind: string;
  fault: ActiveFault;
}

/**
 * Runs a schedule against a live cluster: injects and heals faults at their times, records a
 * `fault` event when an injection starts and a `heal` event when a heal is complete, and always
 * heals whatever is still active when it stops (the end, an error, or the signal).
 */
export class ScheduleExecutor<E> {
  private readonly active = new Map<string, Active>();
  readonly executed: ExecutedAction[] = [];

  constructor(private readonly options: ExecutionOptions<E>) {}

  async run(schedule: Schedule): Promise<void> {
    const { history, signal } = this.options;
    const start = history.now();
    this.options.onStarted?.(schedule, start);
    history.record({ node: "splitbrain", type: "log", msg: `schedule of ${schedule.scenario} starts (seed ${schedule.seed}, ${schedule.actions.length} actions, ends at +${schedule.endAt} ms)` });
    try {
      for (const action of schedule.actions) {
        const wait = start + action.at - history.now();
        if (wait > 0) await sleep(wait, signal);
        signal.throwIfAborted();
        await this.carryOut(action);
        if (action.do === "end") break;
      }
    } finally {
      await this.healAll(signal.aborted ? "interrupted" : "schedule ended");
    }
  }

  /** Heals every active fault (newest first) and records each heal. */
  async healAll(why: string): Promise<void> {
    const failures: string[] = [];
    for (const a of [...this.active.values()].reverse()) {
      try {
        await this.heal(a.id, why);
      } catch (err) {
        failures.push(`${a.id}: ${(err as Error).message}`);
      }
    }
    if (failures.length > 0) throw new InconclusiveError(`could not heal every fault: ${failures.join("; ")}`);
  }

  private async carryOut(action: ScheduledAction): Promise<void> {
    const { history, progress } = this.options;
    if (action.do === "end") {
      this.executed.push({ at: action.at, t: history.now(), do: "end" });
      return;
    }
    if (action.do === "heal") {
      await this.heal(action.id, "scheduled", action.at);
      return;
    }
    const kind = this.options.kinds(action.fault.kind);
    if (kind === undefined) throw new InconclusiveError(`no fault kind "${action.fault.kind}"`);
    const targets = await this.resolve(kind.runTargets(action.fault));
    const event = history.record({ node: "nemesis", type: "fault", id: action.id, fault: action.fault.kind, targets, expectLeader: action.expectLeader });
    this.executed.push({ at: action.at, t: event.t, do: "inject", id: action.id, fault: action.fault.kind, targets });
    progress(`fault ${action.id}: ${action.fault.kind} on ${targets.join(", ") || "-"}${action.expectLeader ? " (a leader is still expected)" : ""}`);
    try {
      const fault = await withTimeout(
        kind.inject(this.options.env, { id: action.id, spec: action.fault, targets }),
        FAULT_STEP_DEADLINE_MS,
        `no result within ${FAULT_STEP_DEADLINE_MS / 1000} s (the Docker engine stopped answering for one of its containers?)`,
      );
      this.active.set(action.id, { id: action.id, kind: action.fault.kind, fault });
    } catch (err) {
      const msg = `injecting ${action.id} (${action.fault.kind} on ${targets.join(", ")}) failed: ${(err as Error).message}`;
      history.record({ node: "splitbrain", type: "log", msg });
      // The fault may be half applied; its event is closed so the history stays consistent.
      history.record({ node: "nemesis", type: "heal", id: action.id });
      throw new InconclusiveError(msg);
    }
  }

  private async heal(id: string, why: string, at?: number): Promise<void> {
    const { history, progress } = this.options;
    const a = this.active.get(id);
    if (a === undefined) return;
    this.active.delete(id);
    try {
      await withTimeout(a.fault.heal(), FAULT_STEP_DEADLINE_MS, `no result within ${FAULT_STEP_DEADLINE_MS / 1000} s`);
    } catch (err) {
      history.record({ node: "splitbrain", type: "log", msg: `healing ${id} (${a.kind}) failed: ${(err as Error).message}` });
      history.record({ node: "nemesis", type: "heal", id });
      throw new InconclusiveError(`healing ${id} (${a.kind}) failed: ${(err as Error).message}`);
    }
    const event = history.record({ node: "nemesis", type: "heal", id });
    this.executed.push({ at: at ?? -1, t: event.t, do: "heal", id, note: why });
    progress(`healed ${id} (${a.kind}${why === "scheduled" ? "" : `, ${why}`})`);
  }

  /** Resolves symbolic targets against the cluster as it is now. */
  private async resolve(specs: readonly TargetSpec[]): Promise<string[]> {
    const out: string[] = [];
    for (const spec of specs) {
      for (const node of await this.resolveOne(spec)) if (!out.includes(node)) out.push(node);
    }
    return out;
  }

  private async resolveOne(spec: TargetSpec): Promise<string[]> {
    const { cluster, leadership, progress } = this.options;
    const servers = cluster.servers();
    const fleet = cluster.candidates();
    const candidates = fleet.map((c) => c.node);
    switch (spec) {
      case "all-zk":
        return servers;
      case "all-candidates":
        return candidates;
      case "leader": {
        const deadline = Date.now() + this.options.sessionTimeoutMs;
        while (leadership.leaders().length === 0 && Date.now() < deadline) await sleep(100, this.options.signal);
        const leader = leadership.leaders()[0];
        if (leader !== undefined) return [leader];
        const fallback = cluster.candidates().find((c) => c.running)?.node ?? candidates[0];
        progress(`no candidate leads now: "leader" falls back to ${fallback}`);
        this.options.history.record({ node: "splitbrain", type: "log", msg: `no leader to target; using ${fallback}` });
        return fallback === undefined ? [] : [fallback];
      }
      case "follower": {
        const leaders = new Set(leadership.leaders());
        const follower = fleet.find((c) => c.running && !leaders.has(c.node))?.node ?? fleet.find((c) => !leaders.has(c.node))?.node;
        return follower === undefined ? [] : [follower];
      }
      case "zk-leader":
      case "zk-follower": {
        const roles = await cluster.zkRoles();
        const found = spec === "zk-leader" ? roles.leader : roles.followers[0];
        if (found !== undefined) return [found];
        // No server answers in that role now (an election is under way): say whom it hits instead.
        const fallback = spec === "zk-leader" ? servers[0] : (servers.find((s) => s !== roles.leader) ?? servers[0]);
        progress(`no ZooKeeper server is ${spec === "zk-leader" ? "leading" : "following"} now: "${spec}" falls back to ${fallback ?? "nothing"}`);
        this.options.history.record({ node: "splitbrain", type: "log", msg: `no ZooKeeper ${spec === "zk-leader" ? "leader" : "follower"} to target; using ${fallback ?? "none"}` });
        return fallback === undefined ? [] : [fallback];
      }
      default:
        return [spec];
    }
  }
}

/** The executor's environment for a live run: the run's cluster and the registry's kinds. */
export function liveExecution(env: FaultEnv): Pick<ExecutionOptions<FaultEnv>, "env" | "kinds" | "cluster"> {
  return { env, kinds: kindOf, cluster: clusterNowOf(env) };
}
