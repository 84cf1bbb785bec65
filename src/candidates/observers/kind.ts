import type { z } from "zod";
import type { Candidate } from "../runner.js";
import type { Answer } from "./judge.js";

/**
 * An observer kind: one way of watching a candidate from outside (docs/candidates.md,
 * "Observers"). Each kind is one module in kinds/, listed once in registry.ts; the candidate
 * file's schema, the history header, the polling loops and `silent()` only ask the kind. A kind
 * watches in one of three ways: it probes each candidate (`probe`), it asks one place about the
 * whole fleet (`fleet`), or it reads the candidates' output lines (`line`).
 */
export interface ObserverKind<S> {
  /** The key of its entry in a candidate file's `observe:` list, and its default source name. */
  readonly kind: string;
  /** Its entry's settings. */
  readonly schema: z.ZodType<S>;
  /** How often it polls, ms; undefined when it does not poll (it reads lines). */
  pollMs(spec: S): number | undefined;
  /** How long one probe may wait for its answer, ms. */
  timeoutMs(spec: S): number;
  /** Kinds that probe each candidate: one probe of `candidate`. */
  probe?(spec: S, candidate: Candidate, ctx: ObserverContext): () => Promise<Answer>;
  /** Kinds that ask one place about every candidate: a reader of all their answers at once. */
  fleet?(spec: S, ctx: ObserverContext): FleetReader;
  /** Kinds that read output: what a line of a candidate's stdout or stderr says, if anything. */
  line?(spec: S, text: string): Answer | undefined;
}

/** What a probe may need of the run. */
export interface ObserverContext {
  /** The run's network: candidates' addresses. */
  network: string;
  /** The ensemble's connect string as the harness reaches it (undefined while no server has an address). */
  zkConnect: () => string | undefined;
  /** The candidates' node ids. */
  candidates: readonly string[];
}

export interface FleetReader {
  read(): Promise<Map<string, Answer>>;
  close(): void;
}

/** A probe's failure as a short reason: the error code when there is one, else the first line of its message. */
export function failureReason(err: unknown): string {
  const e = err as { code?: string; message?: string };
  if (typeof e.code === "string") return e.code;
  const msg = e.message ?? String(err);
  return msg.split("\n")[0]?.slice(0, 160) ?? msg;
}
