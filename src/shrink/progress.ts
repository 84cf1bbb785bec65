import { formatMs } from "../checkers/types.js";
import { planText } from "./describe.js";
import { planOf, smaller, type FaultPlan } from "./fault-plan.js";
import type { Attempt } from "./search.js";
import { validityWord } from "../checkers/verdict.js";

/**
 * The progress of a shrink, one line per attempt: what it tried, what it found, the best so far,
 * the search runs done and the time left. Pure: the caller gives the time left.
 */
export class ShrinkProgress {
  private best: FaultPlan;
  private runs = 0;

  constructor(original: FaultPlan) {
    this.best = original;
  }

  /** The line for an attempt that just ended. */
  line(a: Attempt, leftMs: number): string {
    if (a.strategy !== "confirm") this.runs += 1;
    if (a.sameWay && a.strategy !== "confirm") {
      const shown = planOf(a.schedule);
      if (smaller(shown, this.best)) this.best = shown;
    }
    const seen = `${validityWord(a.valid)}${a.valid === false ? ` ${a.violations.join(", ")}` : a.valid === "unknown" && a.inconclusive !== undefined ? ` (${a.inconclusive.split("\n")[0]})` : ""}`;
    return `attempt ${a.n} ${a.strategy} (${a.change}, try ${a.try}): ${seen}${a.sameWay ? ", the same way" : ""}; best ${planText(this.best, 0)}; ${this.runs} search run(s); ${formatMs(Math.max(0, leftMs))} left`;
  }
}
