import { describe, expect, it } from "vitest";
import { BringUpGate, BringUpGates } from "./bring-up-gate.js";

const tick = (): Promise<void> => new Promise((r) => setImmediate(r));

describe("BringUpGate", () => {
  it("lets one bring-up through at a time, in the order asked", async () => {
    const gate = new BringUpGate();
    const order: string[] = [];
    const a = gate.acquire().then((release) => (order.push("a"), release));
    const b = gate.acquire().then((release) => (order.push("b"), release));
    const c = gate.acquire().then((release) => (order.push("c"), release));
    await tick();
    expect(order).toEqual(["a"]);
    (await a)();
    await tick();
    expect(order).toEqual(["a", "b"]);
    const releaseB = await b;
    releaseB();
    releaseB(); // a second call changes nothing
    (await c)();
    expect(order).toEqual(["a", "b", "c"]);
  });

  it("an aborted wait rejects with the reason and does not block those after it", async () => {
    const gate = new BringUpGate();
    const first = await gate.acquire();
    const controller = new AbortController();
    const waiting = gate.acquire(controller.signal);
    const after = gate.acquire();
    controller.abort(new Error("interrupted"));
    await expect(waiting).rejects.toThrow("interrupted");
    let through = false;
    void after.then(() => (through = true));
    await tick();
    expect(through).toBe(false);
    first();
    await tick();
    await tick();
    expect(through).toBe(true);
  });

  it("keeps one gate per engine", () => {
    const gates = new BringUpGates();
    expect(gates.for("unix:///a.sock")).toBe(gates.for("unix:///a.sock"));
    expect(gates.for("unix:///a.sock")).not.toBe(gates.for("unix:///b.sock"));
    expect(gates.for(undefined)).toBe(gates.for(undefined));
  });
});
