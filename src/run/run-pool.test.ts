import { describe, expect, it } from "vitest";
import { runPool } from "./run-pool.js";

/** A job that finishes when the test says so, recording what was under way. */
function gate<T>() {
  let open!: (v: T) => void;
  let fail!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    open = res;
    fail = rej;
  });
  return { promise, open, fail };
}

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("runPool", () => {
  it("never has more than `parallel` jobs under way, and returns results in the jobs' order", async () => {
    const gates = [0, 1, 2, 3, 4].map(() => gate<string>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const done = runPool([0, 1, 2, 3, 4], 2, async (j) => {
      started.push(j);
      running += 1;
      most = Math.max(most, running);
      try {
        return await (gates[j] as ReturnType<typeof gate<string>>).promise;
      } finally {
        running -= 1;
      }
    });
    await tick();
    expect(started).toEqual([0, 1]);
    gates[1]?.open("b");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[2]?.open("c");
    gates[0]?.open("a");
    await tick();
    gates[4]?.open("e");
    gates[3]?.open("d");
    expect(await done).toEqual(["a", "b", "c", "d", "e"]);
    expect(most).toBe(2);
  });

  it("gives each job a slot below `parallel`, and one at a time with parallel 1", async () => {
    const slots: number[] = [];
    await runPool([1, 2, 3, 4], 3, async (_j, _i, slot) => {
      slots.push(slot);
      await tick();
    });
    expect(slots.every((s) => s >= 0 && s < 3)).toBe(true);
    expect(new Set(slots).size).toBe(3);
    const order: string[] = [];
    await runPool(["x", "y"], 1, async (j) => {
      order.push(`start ${j}`);
      await tick();
      order.push(`end ${j}`);
    });
    expect(order).toEqual(["start x", "end x", "start y", "end y"]);
  });

  it("starts nothing after the signal fires, waits for the jobs under way, then throws the reason", async () => {
    const controller = new AbortController();
    const g = gate<number>();
    const started: number[] = [];
    let finished = false;
    const done = runPool(
      [0, 1, 2],
      1,
      async (j) => {
        started.push(j);
        const v = await g.promise;
        finished = true;
        return v;
      },
      controller.signal,
    );
    await tick();
    controller.abort(new Error("interrupted"));
    g.open(1);
    await expect(done).rejects.toThrow("interrupted");
    expect(started).toEqual([0]);
    expect(finished).toBe(true);
  });

  it("a job that throws stops new starts; the others finish; the first error is thrown", async () => {
    const g = gate<number>();
    const started: number[] = [];
    let otherFinished = false;
    const done = runPool([0, 1, 2, 3], 2, async (j) => {
      started.push(j);
      if (j === 0) throw new Error("job 0 failed");
      await g.promise;
      otherFinished = true;
      return j;
    });
    await tick();
    g.open(0);
    await expect(done).rejects.toThrow("job 0 failed");
    expect(started).toEqual([0, 1]);
    expect(otherFinished).toBe(true);
  });

  it("starts the longest jobs first when told their lengths, and still returns results in the jobs' order", async () => {
    const started: string[] = [];
    const results = await runPool(
      ["short", "long", "middle", "long2"],
      2,
      async (j) => {
        started.push(j);
        await tick();
        return j.toUpperCase();
      },
      undefined,
      (j) => ({ short: 1, long: 9, middle: 5, long2: 9 })[j] as number,
    );
    expect(started).toEqual(["long", "long2", "middle", "short"]);
    expect(results).toEqual(["SHORT", "LONG", "MIDDLE", "LONG2"]);
  });

  it("refuses a parallelism that is not a whole number >= 1", async () => {
    await expect(runPool([1], 0, async () => 1)).rejects.toThrow(RangeError);
  });

  it("with stopAfter (--until-fail): starts no job once one returned a result it says true of; those under way finish", async () => {
    const gates = [0, 1, 2, 3, 4, 5].map(() => gate<string>());
    const started: number[] = [];
    const done = runPool(
      [0, 1, 2, 3, 4, 5],
      2,
      async (j) => {
        started.push(j);
        return (gates[j] as ReturnType<typeof gate<string>>).promise;
      },
      undefined,
      undefined,
      (r) => r === "fail",
    );
    await tick();
    gates[0]?.open("pass");
    await tick();
    expect(started).toEqual([0, 1, 2]);
    gates[2]?.open("fail");
    await tick();
    // job 1 is still under way: it finishes, and nothing else starts
    expect(started).toEqual([0, 1, 2]);
    gates[1]?.open("pass");
    expect(await done).toEqual(["pass", "pass", "fail"]);
    expect(started).toEqual([0, 1, 2]);
  });

  it("without a result that stops it, stopAfter changes nothing", async () => {
    expect(await runPool([1, 2, 3], 1, async (j) => j * 2, undefined, undefined, () => false)).toEqual([2, 4, 6]);
  });
});
