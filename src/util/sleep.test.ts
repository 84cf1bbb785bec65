import { afterEach, describe, expect, it, vi } from "vitest";
import { sleep } from "./sleep.js";

describe("sleep", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("waits the whole length past Node's 24.8-day timer limit (slices), never firing early", async () => {
    vi.useFakeTimers();
    const day = 24 * 60 * 60 * 1000;
    let done = false;
    void sleep(28 * day).then(() => (done = true));
    await vi.advanceTimersByTimeAsync(27 * day);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(day);
    expect(done).toBe(true);
  });

  it("stops at once when aborted, with the signal's reason", async () => {
    vi.useFakeTimers();
    const ac = new AbortController();
    const p = sleep(40 * 24 * 60 * 60 * 1000, ac.signal);
    ac.abort(new Error("stop"));
    await expect(p).rejects.toThrow("stop");
  });
});
