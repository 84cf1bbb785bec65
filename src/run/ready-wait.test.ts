import { describe, expect, it } from "vitest";
import { InconclusiveError } from "../errors/index.js";
import { waitUntilReady } from "./ready-wait.js";

describe("waitUntilReady", () => {
  it("returns as soon as nothing blocks, asking again until then", async () => {
    const answers = ["no definite answer from http on c1: ECONNREFUSED", "no leader seen yet by http", undefined];
    let asked = 0;
    await waitUntilReady(async () => answers[asked++], { timeoutMs: 60_000, everyMs: 1 });
    expect(asked).toBe(3);
  });

  it("past the deadline, is inconclusive and names the last thing it waited for", async () => {
    let clock = 0;
    const blockers = ["no leader seen yet by http", "no definite answer from http on c2: ECONNREFUSED"];
    let i = 0;
    const caught = await waitUntilReady(
      async () => {
        clock += 5000;
        return blockers[Math.min(i++, 1)];
      },
      { timeoutMs: 8000, everyMs: 1, now: () => clock },
    ).catch((err: unknown) => err);
    expect(caught).toBeInstanceOf(InconclusiveError);
    expect((caught as Error).message).toBe("the candidates were not ready within 8 s: no definite answer from http on c2: ECONNREFUSED");
  });
});
