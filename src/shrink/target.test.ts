import { describe, expect, it } from "vitest";
import { chooseTarget } from "./target.js";

describe("chooseTarget", () => {
  const kinds = ["overlap/overlap", "liveness/leaderless", "effects/stale-write"];
  it("keeps the first kind the run found unless told otherwise", () => {
    expect(chooseTarget(kinds)).toBe("overlap/overlap");
  });
  it("takes checker/kind or a checker's name", () => {
    expect(chooseTarget(kinds, "effects/stale-write")).toBe("effects/stale-write");
    expect(chooseTarget(kinds, "liveness")).toBe("liveness/leaderless");
  });
  it("names what the run found when the one asked for is not among them", () => {
    expect(() => chooseTarget(kinds, "lost-writes")).toThrow('the run found no "lost-writes" violation; it found overlap/overlap, liveness/leaderless, effects/stale-write');
    expect(() => chooseTarget([])).toThrow(/no violation/);
  });
});
