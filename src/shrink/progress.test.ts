import { describe, expect, it } from "vitest";
import { compileSchedule } from "../scenarios/compile.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { planOf, scheduleOf, withFault } from "./fault-plan.js";
import { ShrinkProgress } from "./progress.js";

const config = { sessionTimeoutMs: 6000, recoveryMs: 30_000, timeScale: 0.5, candidates: ["c1", "c2", "c3"], servers: ["zk1", "zk2", "zk3"] };
const original = planOf(compileSchedule(SCENARIOS["partition-leader"](), config, 9));
const best = withFault(withFault(original, "f1", { length: 6000 }), "f1", { at: 0 });

describe("the progress lines", () => {
  it("say what each attempt tried and found, the best so far, the runs done and the time left", () => {
    const p = new ShrinkProgress(original);
    const attempt = (n: number, plan: typeof best, sameWay: boolean, strategy: "shorten-faults" | "confirm" = "shorten-faults") => ({
      n,
      strategy,
      change: "hold f1 for 6000 ms",
      try: 1,
      faults: 1,
      lengthMs: 0,
      valid: sameWay ? (false as const) : (true as const),
      violations: sameWay ? ["overlap/overlap"] : [],
      sameWay,
      ms: 1,
      schedule: scheduleOf(plan),
    });
    expect(p.line(attempt(1, best, false), 600_000)).toBe("attempt 1 shorten-faults (hold f1 for 6000 ms, try 1): PASS; best 1 fault, 42.0 s; 1 search run(s); 600.0 s left");
    expect(p.line(attempt(2, best, true), 500_000)).toBe("attempt 2 shorten-faults (hold f1 for 6000 ms, try 1): FAIL overlap/overlap, the same way; best 1 fault, 27.0 s; 2 search run(s); 500.0 s left");
    expect(p.line(attempt(3, best, true, "confirm"), -5)).toMatch(/; 2 search run\(s\); 0 ms left$/);
  });
});
