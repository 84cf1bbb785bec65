import { z } from "zod";
import { candidatesOnly, faketimeText, offsetField, offsetMs, offsetTargets, resetTargets } from "../clock.js";
import { defineKind, faultForm, targetList } from "../kind.js";
import { tell } from "../types.js";

/** The shortest and longest strobe period (ms): a flip is two execs in each target (a write, a reading). */
export const MIN_STROBE_PERIOD_MS = 500;
export const MAX_STROBE_PERIOD_MS = 600_000;

/**
 * The offset a strobe holds `elapsedMs` after its injection: `offset` in the first period, 0 in
 * the second, and so on (Jepsen's strobe-clock, with two values). Pure.
 */
export function strobeOffsetAt(elapsedMs: number, periodMs: number, offset: number): number {
  return Math.floor(Math.max(0, elapsedMs) / periodMs) % 2 === 0 ? offset : 0;
}

/**
 * Flips the targets' wall clock between +`offset` and the real time every `periodMs` while it is
 * active (a clock that NTP keeps stepping back and forth). The heal stops the flips and sets it back.
 */
export const clockStrobe = defineKind({
  name: "clock-strobe",
  schema: faultForm("clock-strobe", {
    targets: targetList,
    offset: offsetField,
    periodMs: z
      .number({ error: "a period in milliseconds (a number)" })
      .int("a period of whole milliseconds")
      .min(MIN_STROBE_PERIOD_MS, `a period of at least ${MIN_STROBE_PERIOD_MS} ms`)
      .max(MAX_STROBE_PERIOD_MS, `a period of at most ${MAX_STROBE_PERIOD_MS} ms`),
  }),
  summary:
    "flips the targets' wall clock between `offset` and the real time every `periodMs` while it is active (libfaketime, as `clock-skew`); candidates only, in splitbrain's candidate-node image",
  healSummary: "stops the flips, sets the offset back to 0 and checks the candidate's processes see the real time",
  targetField: "targets",
  check: (spec, cluster) => candidatesOnly(spec.targets, cluster),
  runTargets: (spec) => spec.targets,
  expectLeader: () => true,
  describe: (spec) => `clock-strobe ${spec.offset} every ${spec.periodMs}ms on ${spec.targets.join(", ")}`,
  needs: { netAdmin: false, kernel: [], clock: true },
  async inject(env, fault) {
    const what = `clock-strobe ${fault.id}`;
    const offset = offsetMs(fault.spec.offset);
    const period = fault.spec.periodMs;
    const flipped = (ms: number): void => env.note?.(`${what}: clock of ${fault.targets.join(", ")} at ${faketimeText(ms)} s`);
    await offsetTargets(env, fault.targets, offset, what);
    flipped(offset);
    const started = Date.now();
    let stopped = false;
    let timer: NodeJS.Timeout | undefined;
    let flipping: Promise<void> = Promise.resolve();
    // Each flip is due at the next period boundary after the last one ended, so flips never pile up.
    const next = (): void => {
      if (stopped) return;
      const elapsed = Date.now() - started;
      const due = (Math.floor(elapsed / period) + 1) * period;
      timer = setTimeout(() => {
        const now = strobeOffsetAt(due, period, offset);
        flipping = offsetTargets(env, fault.targets, now, what)
          .then(() => flipped(now))
          .catch((err: unknown) => tell(env, `${what}: a flip failed: ${err instanceof Error ? err.message : String(err)}`))
          .finally(next);
      }, due - elapsed);
    };
    next();
    return {
      heal: async () => {
        stopped = true;
        if (timer !== undefined) clearTimeout(timer);
        await flipping;
        await resetTargets(env, fault.targets, what);
      },
    };
  },
});
