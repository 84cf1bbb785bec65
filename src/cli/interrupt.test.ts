import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { InterruptedError } from "../errors/index.js";
import type { CliContext } from "./context.js";
import { withInterrupts } from "./interrupt.js";

function context(): { ctx: CliContext; stderr: () => string } {
  const err = new PassThrough();
  let text = "";
  err.on("data", (d: Buffer) => (text += d.toString()));
  const ctx = { stdout: new PassThrough(), stderr: err, env: {}, setExitCode: () => undefined } as unknown as CliContext;
  return { ctx, stderr: () => text };
}

describe("withInterrupts", () => {
  it("on SIGINT aborts the work, lets it finish its teardown, tells the user through `say`, and ends interrupted", async () => {
    const { ctx, stderr } = context();
    const said: string[] = [];
    const listeners = process.listenerCount("SIGINT");
    let tornDown = false;
    const run = withInterrupts(
      ctx,
      (signal) =>
        new Promise<void>((resolve) => {
          signal.addEventListener("abort", () => {
            tornDown = true;
            resolve();
          });
          setImmediate(() => process.emit("SIGINT", "SIGINT"));
        }),
      (line) => said.push(line),
    );
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(tornDown).toBe(true);
    expect(said).toEqual(["SIGINT: stopping; healing faults and removing containers (press Ctrl-C again to force)"]);
    // Nothing goes past the live view onto the terminal.
    expect(stderr()).toBe("");
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });

  it("says it on stderr when no `say` is given", async () => {
    const { ctx, stderr } = context();
    const run = withInterrupts(ctx, (signal) => new Promise<void>((resolve) => {
      signal.addEventListener("abort", () => resolve());
      setImmediate(() => process.emit("SIGTERM", "SIGTERM"));
    }));
    await expect(run).rejects.toBeInstanceOf(InterruptedError);
    expect(stderr()).toContain("SIGTERM: stopping; healing faults and removing containers");
  });
});
