import { describe, expect, it } from "vitest";
import { seededRandom } from "../scenarios/random.js";
import { planLength, scheduleOf, type FaultPlan, type PlannedFault } from "./fault-plan.js";
import { shrink, split, type Outcome, type Runner, type ShrinkOptions } from "./search.js";

/** Eight faults, one after another with waits between: f3 and f6 together are the bug. */
function eightFaults(): FaultPlan {
  const faults: PlannedFault[] = Array.from({ length: 8 }, (_, i) => ({
    id: `f${i + 1}`,
    fault: { kind: "kill", targets: [`c${(i % 3) + 1}`] },
    expectLeader: true,
    at: 10_000 + i * 30_000,
    length: 20_000,
  }));
  return { scenario: "random", seed: 1, faults, settleMs: 42_000 };
}

/**
 * The bug: a run fails with an overlap when f3 is held at least 6 s and f6 is present (with
 * probability `p`); a plan without f3 but with f1 fails another way (liveness).
 */
function bugOf(plan: FaultPlan): "overlap" | "liveness" | undefined {
  const f3 = plan.faults.find((f) => f.id === "f3");
  const f6 = plan.faults.find((f) => f.id === "f6");
  if (f3 !== undefined && f6 !== undefined && (f3.length ?? Infinity) >= 6000) return "overlap";
  if (f3 === undefined && plan.faults.some((f) => f.id === "f1")) return "liveness";
  return undefined;
}

/** A fake runner over a fake clock: a run takes its plan's length plus 20 s of bring-up and teardown. */
function fakeRunner(p: number, seed = 3): { runner: Runner; clock: { t: number }; ran: FaultPlan[] } {
  const rand = seededRandom(seed);
  const clock = { t: 0 };
  const ran: FaultPlan[] = [];
  const runner: Runner = async (plan) => {
    ran.push(plan);
    const ms = planLength(plan) + 20_000;
    clock.t += ms;
    const bug = bugOf(plan);
    const flaky = rand() < p;
    const out: Outcome =
      bug === "overlap" && flaky
        ? { valid: false, violations: ["overlap/overlap"], ms }
        : bug === "liveness"
          ? { valid: false, violations: ["liveness/leaderless"], ms }
          : { valid: true, violations: [], ms };
    return out;
  };
  return { runner, clock, ran };
}

function options(clock: { t: number }, over: Partial<ShrinkOptions> = {}): ShrinkOptions {
  return { target: "overlap/overlap", tries: 1, confirm: 3, maxRuns: 500, budgetMs: 10 * 3600_000, parallel: 1, now: () => clock.t, estimateMs: (p) => planLength(p) + 20_000, ...over };
}

describe("shrink against a fake runner", () => {
  it("finds the known minimal subset of faults, then drops the waits, shortens and moves the faults", async () => {
    const { runner, clock } = fakeRunner(1);
    const r = await shrink(eightFaults(), runner, options(clock));
    expect(r.best.faults.map((f) => f.id).sort()).toEqual(["f3", "f6"]);
    const f3 = r.best.faults.find((f) => f.id === "f3")!;
    // shortened toward 6 s, the shortest that still fails (within the 1 s resolution)
    expect(f3.length).toBeGreaterThanOrEqual(6000);
    expect(f3.length).toBeLessThanOrEqual(7000);
    expect(f3.length).toBeLessThan(20_000);
    // the waits before and between them are gone: the first fault starts at 0
    expect(Math.min(...r.best.faults.map((f) => f.at))).toBe(0);
    expect(planLength(r.best)).toBeLessThan(planLength(eightFaults()));
    expect(r.stopped).toBe("done");
    expect(r.confirmation).toEqual({ runs: 3, failed: 3 });
  });

  it("with flaky failures, never reports a plan that did not fail the same way in a run", async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const { runner, clock } = fakeRunner(0.5, seed);
      const r = await shrink(eightFaults(), runner, options(clock, { tries: 2 }));
      expect(bugOf(r.best)).toBe("overlap");
      if (r.best !== r.original) {
        const shown = r.bestShownBy!;
        expect(shown.sameWay).toBe(true);
        expect(shown.valid).toBe(false);
        expect(shown.schedule).toEqual(scheduleOf(r.best));
        expect(r.attempts).toContain(shown);
      }
      // every plan the search took as failing really failed the same way in one of its runs
      expect(r.best.faults.length).toBeLessThan(8);
    }
  });

  it("does not count a failure of another kind (liveness instead of overlap)", async () => {
    const { runner, clock } = fakeRunner(1);
    const r = await shrink(eightFaults(), runner, options(clock));
    const liveness = r.attempts.filter((a) => a.violations.includes("liveness/leaderless"));
    expect(liveness.length).toBeGreaterThan(0);
    expect(liveness.every((a) => !a.sameWay)).toBe(true);
    expect(r.best.faults.some((f) => f.id === "f1")).toBe(false);
  });

  it("respects --max-runs: the search makes at most that many runs, then confirms", async () => {
    const { runner, clock, ran } = fakeRunner(1);
    const r = await shrink(eightFaults(), runner, options(clock, { maxRuns: 4, confirm: 2 }));
    expect(r.stopped).toBe("max-runs");
    expect(r.searchRuns).toBe(4);
    expect(r.attempts.filter((a) => a.strategy !== "confirm")).toHaveLength(4);
    expect(ran).toHaveLength(6);
    expect(r.confirmation?.runs).toBe(2);
  });

  it("respects --budget: no search run ends after the budget", async () => {
    const { runner, clock } = fakeRunner(1);
    const budgetMs = 30 * 60_000;
    const ends: number[] = [];
    const r = await shrink(eightFaults(), runner, options(clock, { budgetMs, confirm: 0, onAttempt: () => ends.push(clock.t) }));
    expect(r.stopped).toBe("budget");
    expect(ends.length).toBeGreaterThan(0);
    for (const t of ends) expect(t).toBeLessThanOrEqual(budgetMs);
  });

  it("runs the tries of a candidate and the confirmation --parallel at a time", async () => {
    const { clock } = fakeRunner(1);
    let running = 0;
    let most = 0;
    const runner: Runner = async (plan) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 1));
      running -= 1;
      return bugOf(plan) === "overlap" ? { valid: false, violations: ["overlap/overlap"], ms: 1 } : { valid: true, violations: [], ms: 1 };
    };
    const r = await shrink(eightFaults(), runner, options(clock, { tries: 3, parallel: 3, confirm: 3 }));
    expect(most).toBe(3);
    expect(r.confirmation).toEqual({ runs: 3, failed: 3 });
  });

  it("keeps the best so far when interrupted, and confirms nothing", async () => {
    const { runner: inner, clock } = fakeRunner(1);
    const controller = new AbortController();
    let runs = 0;
    const runner: Runner = async (plan, a) => {
      runs += 1;
      if (runs === 12) {
        controller.abort(new Error("SIGINT"));
        throw new Error("interrupted");
      }
      return inner(plan, a);
    };
    const r = await shrink(eightFaults(), runner, options(clock, { signal: controller.signal }));
    expect(r.stopped).toBe("interrupted");
    expect(r.confirmation).toBeUndefined();
    expect(r.attempts).toHaveLength(11);
    expect(bugOf(r.best)).toBe("overlap");
    expect(r.best.faults.length).toBeLessThan(8);
  });

  it("an error of the runner that is not an interrupt is thrown", async () => {
    const { clock } = fakeRunner(1);
    await expect(shrink(eightFaults(), () => Promise.reject(new Error("docker gone")), options(clock))).rejects.toThrow("docker gone");
  });
});

describe("naming roles", () => {
  /**
   * A pause fails the same way only when it hits the leader. A run elects one of c1..c3 at
   * random (seeded), so "pause c1" fails in about a third of the runs, "pause leader" in all.
   */
  function leaderBug(seed: number): { runner: Runner; clock: { t: number }; ran: FaultPlan[]; leaders: string[] } {
    const rand = seededRandom(seed);
    const clock = { t: 0 };
    const ran: FaultPlan[] = [];
    const leaders: string[] = [];
    const runner: Runner = async (plan, attempt) => {
      ran.push(plan);
      const leader = `c${1 + Math.floor(rand() * 3)}`;
      leaders.push(leader);
      const ms = planLength(plan) + 20_000;
      clock.t += ms;
      const hit = plan.faults.some((f) => f.fault.kind === "pause" && (f.fault.targets?.[0] === "leader" || f.fault.targets?.[0] === leader));
      return hit ? { valid: false, violations: ["overlap/overlap"], ms, runDir: `run-${attempt.n}` } : { valid: true, violations: [], ms, runDir: `run-${attempt.n}` };
    };
    return { runner, clock, ran, leaders };
  }
  const onePause: FaultPlan = { scenario: "random", seed: 1, settleMs: 30_000, faults: [{ id: "r2", fault: { kind: "pause", targets: ["c1"] }, expectLeader: true, at: 27_000, length: 20_000 }] };

  it("a fault naming the node that led when it was injected names the leader instead, and then fails every time", async () => {
    const { runner, clock, leaders } = leaderBug(11);
    // The original run showed c1 leading when r2 paused it; a later run shows whoever led in it.
    const rolesOf = async (runDir: string | undefined) => {
      const n = runDir === undefined ? undefined : Number(runDir.slice("run-".length));
      const leader = n === undefined ? "c1" : leaders[n - 1];
      return new Map([["r2", new Map([[leader as string, "leader" as const]])]]);
    };
    const r = await shrink(onePause, runner, options(clock, { tries: 3, confirm: 10, maxRuns: 30, rolesOf }));
    expect(r.best.faults.map((f) => f.fault)).toEqual([{ kind: "pause", targets: ["leader"] }]);
    expect(r.attempts.some((a) => a.strategy === "name-roles" && a.change === "target leader instead of c1 in r2 (c1 was the leader when it was injected)")).toBe(true);
    expect(r.confirmation).toEqual({ runs: 10, failed: 10 });
  });

  it("without the roles (or when the renamed plan does not fail), the fault keeps its node", async () => {
    const { runner, clock } = leaderBug(11);
    const r = await shrink(onePause, runner, options(clock, { tries: 3, confirm: 0, maxRuns: 30 }));
    expect(r.best.faults[0]?.fault).toEqual({ kind: "pause", targets: ["c1"] });
    expect(r.attempts.some((a) => a.strategy === "name-roles")).toBe(false);
    const never: Runner = async (_plan, attempt) => ({ valid: true, violations: [], ms: 1000, runDir: `run-${attempt.n}` });
    const kept = await shrink(onePause, never, options({ t: 0 }, { tries: 1, confirm: 0, maxRuns: 30, rolesOf: async () => new Map([["r2", new Map([["c1", "leader" as const]])]]) }));
    expect(kept.best).toBe(onePause);
    expect(kept.attempts.filter((a) => a.strategy === "name-roles")).toHaveLength(1);
  });
});

describe("split", () => {
  it("cuts a list into n nearly equal parts in order", () => {
    expect(split([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4, 5]]);
    expect(split([1, 2, 3], 3)).toEqual([[1], [2], [3]]);
  });
});
