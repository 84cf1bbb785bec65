import { z } from "zod";
import { InconclusiveError } from "../errors/index.js";
import type { Container } from "../runtime/types.js";
import { isZkTarget, type ClusterShape, type FieldProblem } from "./kind.js";
import type { FaultEnv } from "./types.js";

/**
 * The clock faults (clock-skew, clock-strobe) move the wall clock of candidates with Debian's
 * libfaketime (0.9.10), preloaded at process start in runs whose schedule has a clock fault. The
 * offset lives in a file in the candidate's container that libfaketime reads on every wall-clock
 * read (FAKETIME_NO_CACHE): a fault writes "+20" there, its heal "+0". The monotonic clock is
 * left alone (FAKETIME_DONT_FAKE_MONOTONIC), as an NTP step does: timers keep their pace.
 */

/** Where splitbrain's candidate images keep libfaketime (a link to Debian's arch-specific path). */
export const FAKETIME_LIBRARY = "/usr/local/lib/faketime/libfaketime.so.1";
/** The offset file inside a candidate's container; absent until a clock fault writes it (no offset). */
export const CLOCK_OFFSET_FILE = "/tmp/splitbrain-clock-offset";

/** The environment candidates start with in a run that has a clock fault. */
export const CLOCK_ENV: Readonly<Record<string, string>> = {
  LD_PRELOAD: FAKETIME_LIBRARY,
  FAKETIME_TIMESTAMP_FILE: CLOCK_OFFSET_FILE,
  // Read the file on every wall-clock read (about 10 µs per Date.now() instead of 0.1 µs,
  // measured with Node 20 and Debian's libfaketime 0.9.10 on a bookworm host; a candidate reads
  // the clock a few times a second): the offset takes effect at once, with no cache to wait out.
  // FAKETIME_CACHE_DURATION=1 would make reads cheap again but an offset late by up to 1 s.
  FAKETIME_NO_CACHE: "1",
  // A skew is a wall-clock step; CLOCK_MONOTONIC (timers, the ZooKeeper client's timeouts) runs on.
  FAKETIME_DONT_FAKE_MONOTONIC: "1",
};

/** The largest offset a clock fault takes: a day. */
export const MAX_OFFSET_MS = 24 * 60 * 60 * 1000;

/**
 * A signed offset as scenario files write it: "+20s", "-500ms", "+2m". Returns ms, or an Error's
 * message saying what is accepted.
 */
export function parseOffset(text: string): number | string {
  const m = /^\s*([+-])\s*(\d+(?:\.\d+)?)\s*(ms|s|m)\s*$/.exec(text);
  if (m === null) return `"${text}" is not a clock offset: give a sign, a number and a unit, like +20s, -500ms or +2m`;
  const ms = Math.round(Number(m[2]) * { ms: 1, s: 1000, m: 60_000 }[m[3] as "ms" | "s" | "m"]);
  if (ms === 0) return `"${text}" moves the clock by nothing: give an offset other than 0`;
  if (ms > MAX_OFFSET_MS) return `"${text}" is more than a day: give an offset of at most 24 hours`;
  return m[1] === "-" ? -ms : ms;
}

/** The offset field of a clock fault's form. */
export const offsetField = z.string({ error: 'an offset with a sign and a unit, like "+20s" or "-500ms"' }).superRefine((text, ctx) => {
  const r = parseOffset(text);
  if (typeof r === "string") ctx.addIssue({ code: "custom", message: r });
});

/** The offset in ms of a field the schema accepted. */
export function offsetMs(text: string): number {
  const r = parseOffset(text);
  if (typeof r === "string") throw new Error(r);
  return r;
}

/** libfaketime's form of an offset: signed seconds with up to three decimals ("+20", "-0.5", "+0"). */
export function faketimeText(ms: number): string {
  const s = (Math.abs(ms) / 1000).toFixed(3).replace(/\.?0+$/, "");
  return `${ms < 0 ? "-" : "+"}${s === "" ? "0" : s}`;
}

/** Shell script that replaces the offset file at once (a rename: libfaketime never reads half a line). */
export function writeOffsetScript(ms: number): string {
  return `printf '%s\\n' '${faketimeText(ms)}' > ${CLOCK_OFFSET_FILE}.new && mv -f ${CLOCK_OFFSET_FILE}.new ${CLOCK_OFFSET_FILE}`;
}

/**
 * The program in splitbrain's candidate images that prints the wall clock in ms as the
 * candidate's own runtime reads it: Node's Date.now() (candidate-node), the JVM's
 * System.currentTimeMillis() (candidate-java), Python's time.time() (candidate-patroni). An image
 * without it (your own) is read with `date`.
 */
export const CLOCK_PROBE = "sb-clock-ms";

/**
 * Shell script printing three clock readings in ms: the real clock (libfaketime unloaded), the
 * clock the candidate's runtime sees (the container's environment, with libfaketime), the real
 * clock again.
 */
export const READ_CLOCKS_SCRIPT = `env -u LD_PRELOAD date +%s%3N; if command -v ${CLOCK_PROBE} >/dev/null 2>&1; then ${CLOCK_PROBE}; else date +%s%3N; fi; env -u LD_PRELOAD date +%s%3N`;

/** The offset seen, bracketed by the two real readings: [faked - after, faked - before]. Pure. */
export function offsetBounds(output: string): { low: number; high: number } | undefined {
  const n = output.trim().split(/\s+/).map(Number);
  if (n.length !== 3 || n.some((x) => !Number.isSafeInteger(x))) return undefined;
  const [before, faked, after] = n as [number, number, number];
  return { low: faked - after, high: faked - before };
}

/** Readings of a clock are this close to what was written (ms): a reading takes a few ms; ms are truncated. */
export const CLOCK_SLACK_MS = 50;

/** Whether `expected` lies within the bounds read, with the slack. Pure. */
export function offsetSeen(bounds: { low: number; high: number }, expected: number): boolean {
  return expected >= bounds.low - CLOCK_SLACK_MS && expected <= bounds.high + CLOCK_SLACK_MS;
}

/** The offset a candidate's processes see now, as bounds (exec in its container). */
export async function readOffset(container: Container): Promise<{ low: number; high: number } | undefined> {
  // A JVM's start is in the reading (about 0.5 s): the bounds are that much wider, never wrong.
  const r = await container.exec(["sh", "-c", READ_CLOCKS_SCRIPT], { timeoutMs: 30_000 });
  return r.exitCode === 0 ? offsetBounds(r.stdout) : undefined;
}

/**
 * Sets a candidate's clock offset and checks that its processes see it: a candidate whose image
 * lacks libfaketime, or that did not start with it preloaded, is named (inconclusive) rather than
 * left with an offset that never took effect.
 */
export async function setOffset(container: Container, node: string, ms: number, what: string): Promise<void> {
  const w = await container.exec(["sh", "-c", writeOffsetScript(ms)], { timeoutMs: 15_000 });
  if (w.exitCode !== 0) throw new InconclusiveError(`${what}: could not write the clock offset in ${node} (exit ${w.exitCode}): ${(w.stderr || w.stdout).trim()}`);
  const seen = await readOffset(container);
  if (seen === undefined || !offsetSeen(seen, ms)) {
    throw new InconclusiveError(
      `${what}: ${node}'s clock did not take the offset ${faketimeText(ms)} s (${seen === undefined ? "no reading" : `seen ${seen.low}..${seen.high} ms`}): the clock faults need libfaketime in the candidate's image, as splitbrain's candidate images have it (docs/scenarios.md, "Clock faults")`,
    );
  }
}

/** Clock faults act on candidates only: the ZooKeeper image has no libfaketime, and sessions do not read wall clocks. */
export function candidatesOnly(targets: readonly string[], cluster: ClusterShape): FieldProblem[] {
  return targets.flatMap((t, i) =>
    isZkTarget(t, cluster) ? [{ field: `targets.${i}`, message: `"${t}" is a ZooKeeper server: clock faults move candidates' clocks only (leader, follower, random-candidate, all-candidates or a candidate id)` }] : [],
  );
}

/**
 * Writes the offset into a candidate's container. A running one gets it through its shell (an
 * atomic rename) and is checked to see it; a stopped or frozen one (kill, pause) gets the file
 * through the runtime (no process reads it meanwhile), so it starts or thaws with it.
 */
export async function putOffset(container: Container, node: string, ms: number, what: string): Promise<void> {
  const state = await container.state();
  if (state.running && !state.paused) await setOffset(container, node, ms, what);
  else await container.putFiles([{ path: CLOCK_OFFSET_FILE, content: `${faketimeText(ms)}\n`, mode: 0o644 }]);
}

/**
 * Sets the offset on every target at once. On a failure, the offsets already set are taken back
 * before the error is thrown.
 */
export async function offsetTargets(env: FaultEnv, targets: readonly string[], ms: number, what: string): Promise<void> {
  try {
    await Promise.all(targets.map((node) => putOffset(env.nodes.container(node), node, ms, what)));
  } catch (err) {
    await resetTargets(env, targets, what).catch(() => undefined);
    throw err;
  }
}

/** Writes "+0" on every target (running or not: a killed candidate restarts with the right clock). */
export async function resetTargets(env: FaultEnv, targets: readonly string[], what: string): Promise<void> {
  await Promise.all(targets.map((node) => putOffset(env.nodes.container(node), node, 0, `${what} heal`)));
}
