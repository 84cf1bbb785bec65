import { afterEach, describe, expect, it, vi } from "vitest";
import { LEADER } from "./judge.js";
import { bounded } from "./observe.js";

describe("a probe with a deadline", () => {
  afterEach(() => vi.useRealTimers());

  it("answers what the probe answers in time", async () => {
    await expect(bounded(() => Promise.resolve(LEADER), 1000)()).resolves.toEqual(LEADER);
  });

  it("is unknown, not stuck, when the probe never settles", async () => {
    vi.useFakeTimers();
    const answer = bounded(() => new Promise(() => undefined), 6000)();
    await vi.advanceTimersByTimeAsync(6000);
    await expect(answer).resolves.toEqual({ role: "unknown", reason: "no answer within 6000 ms (the probe itself hung)" });
  });
});
