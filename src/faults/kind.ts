import { z } from "zod";
import type { KernelFeature } from "../runtime/kernel-features.js";
import type { ActiveFault, FaultEnv } from "./types.js";

/**
 * The contract of one fault kind. A kind is one module in kinds/ exporting one `FaultKind`, and
 * one line in registry.ts: everything about it (its scenario-file form, how its targets are
 * checked and chosen, whether a leader is expected while it is active, how it is described,
 * what it needs, how it is injected and healed) lives in that module. Nothing else switches on
 * kind names.
 */

/**
 * Who a fault hits. Resolved when the step runs (not when it compiles), because who leads
 * changes: `leader` is the candidate leading now, `follower` one that does not, `zk-leader`
 * the ZooKeeper server leading now. `random-candidate` / `random-zk` are drawn from the seed
 * at compile time. Node ids (c1, zk2) name themselves.
 */
export type TargetSpec =
  | "leader"
  | "follower"
  | "zk-leader"
  | "zk-follower"
  | "random-candidate"
  | "random-zk"
  | "all-candidates"
  | "all-zk"
  | string;

/** The nodes a schedule compiles against (ScheduleConfig has them). */
export interface ClusterShape {
  candidates: readonly string[];
  servers: readonly string[];
}

/** A kernel feature a kind needs on the engine's kernel; a run that lacks one is refused before it starts. */
export type { KernelFeature } from "../runtime/kernel-features.js";

/** What a kind needs before a run that uses it starts. */
export interface FaultNeeds {
  /** A NET_ADMIN helper in the targets' network namespaces (the netutil image: iptables, tc). */
  netAdmin: boolean;
  /** Features of the engine's kernel (tc netem for delay). */
  kernel: readonly KernelFeature[];
  /**
   * libfaketime preloaded in the candidates (clock.ts): only runs with a clock fault pay for it,
   * since every wall-clock read then reads the offset file.
   */
  clock: boolean;
}

/** A fault at injection: its id, its spec as compiled, and its targets resolved to node ids. */
export interface InjectedFault<S> {
  id: string;
  spec: S;
  targets: string[];
}

/** A compile-time problem of a fault, on one of its fields. */
export interface FieldProblem {
  /** The field, relative to the fault ("targets.1", "probability"). */
  field: string;
  message: string;
}

/** The fields of S that hold target lists. */
export type TargetField<S> = { [K in keyof S]-?: S[K] extends readonly TargetSpec[] ? K : never }[keyof S] & string;

/** What the executor needs of a kind (tests give fakes of this, with a fake environment). */
export interface ExecutableKind<S, E> {
  /** The target specs the executor resolves when the fault is injected. */
  runTargets(spec: S): readonly TargetSpec[];
  /** Injects the fault and returns its heal, which undoes exactly what the injection did. */
  inject(env: E, fault: InjectedFault<S>): Promise<ActiveFault>;
}

export interface FaultKind<S extends { kind: string }> extends ExecutableKind<S, FaultEnv> {
  readonly name: S["kind"];
  /** The form in a scenario file; the step type is inferred from it. */
  readonly schema: z.ZodType<S>;
  /** One line: what it does (docs, help, dry-run). */
  readonly summary: string;
  /** How it heals, in one line. */
  readonly healSummary: string;
  /**
   * The field holding its targets: checked against the run's nodes and its `random-*` targets
   * drawn from the seed at compile time. Kinds without one act on fixed targets (`runTargets`).
   */
  readonly targetField: TargetField<S> | undefined;
  /** Further compile-time checks against the run's nodes (beyond the schema and the targets). */
  check?(spec: S, cluster: ClusterShape): FieldProblem[];
  /**
   * Whether a correct system must still have a leader while it is active (docs/contracts.md,
   * "Whether a leader is expected"): the ZooKeeper quorum serves and some candidate can reach it.
   */
  expectLeader(spec: S, cluster: ClusterShape): boolean;
  /** "kill on leader", "partition halves on c1, zk1" (dry-run and the live view). */
  describe(spec: S): string;
  readonly needs: FaultNeeds;
}

/** Infers a kind's spec type from its schema; the one way kinds are written. */
export function defineKind<S extends { kind: string }>(kind: FaultKind<S>): FaultKind<S> {
  return kind;
}

/** The spec type of a kind. */
export type SpecOf<K> = K extends FaultKind<infer S> ? S : never;

// ---------------------------------------------------------------- shared parts of kind modules

export const NO_NEEDS: FaultNeeds = { netAdmin: false, kernel: [], clock: false };
export const NET_ADMIN: FaultNeeds = { netAdmin: true, kernel: [], clock: false };

/** A non-empty list of targets. */
export const targetList = z.array(z.string().min(1)).min(1, "name at least one target");

/** A strict object whose unknown keys are named together with the keys it takes. */
export function form<T extends z.core.$ZodLooseShape>(what: string, shape: T) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys" ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")} (${what} takes ${keys})` : undefined,
  });
}

/** A fault kind's form: `{ kind: <name>, ...fields }`. */
export function faultForm<N extends string, T extends z.core.$ZodLooseShape>(name: N, shape: T) {
  return form(`a ${name} fault`, { kind: z.literal(name), ...shape });
}

/** Whether a target spec names ZooKeeper servers (symbolically or by id). */
export function isZkTarget(t: TargetSpec, cluster: ClusterShape): boolean {
  return cluster.servers.includes(t) || t === "zk-leader" || t === "zk-follower" || t === "all-zk" || t === "random-zk";
}

/** How many of `all` the targets name (all of them for `allName`). */
export function countOf(targets: readonly TargetSpec[], all: readonly string[], allName: string): number {
  if (targets.includes(allName)) return all.length;
  return new Set(targets).size;
}

export function quorumOf(cluster: ClusterShape): number {
  return Math.floor(cluster.servers.length / 2) + 1;
}

/** With these targets out (killed, frozen), a quorum serves and some candidate is left. */
export function leaderPossibleWithout(targets: readonly TargetSpec[], cluster: ClusterShape): boolean {
  const zkHit = targets.filter((t) => isZkTarget(t, cluster));
  const cHit = targets.filter((t) => !zkHit.includes(t));
  const zkLeft = cluster.servers.length - countOf(zkHit, cluster.servers, "all-zk");
  const cLeft = cluster.candidates.length - countOf(cHit, cluster.candidates, "all-candidates");
  return zkLeft >= quorumOf(cluster) && cLeft > 0;
}

/** "kill on leader, c2". */
export function onTargets(name: string, targets: readonly TargetSpec[]): string {
  return `${name} on ${targets.join(", ")}`;
}
