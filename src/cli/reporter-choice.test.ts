import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import type { CliContext } from "./context.js";
import { chooseBoard, chooseReporter } from "./reporter-choice.js";

/** A context whose stdout is a terminal or a pipe; what is written is kept. */
function context(tty: boolean, env: NodeJS.ProcessEnv = {}): { ctx: CliContext; out: () => string; err: () => string } {
  let out = "";
  let err = "";
  const stdout = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 100, rows: 30 } : {});
  const stderr = new PassThrough();
  stdout.on("data", (c: Buffer) => (out += c.toString()));
  stderr.on("data", (c: Buffer) => (err += c.toString()));
  return { ctx: { stdout, stderr, env, setExitCode: () => undefined }, out: () => out, err: () => err };
}

describe("where a run reports (the live view is loaded only when it is shown)", () => {
  it("in a pipe: plain lines on stderr, nothing on stdout", async () => {
    const { ctx, out, err } = context(false);
    const reporter = await chooseReporter(ctx, true);
    reporter.progress("bringing up 3 servers");
    reporter.close();
    expect(err()).toContain("bringing up 3 servers");
    expect(out()).toBe("");
  });

  // The live view itself (ink on a terminal) is tested in src/ui/live/view.test.ts through its
  // mount hook: ink's console patching does not run under the test runner.
  it("on a terminal with CI set, or with --no-tui: plain lines on stderr", async () => {
    for (const [ci, tui] of [["true", true], [undefined, false]] as const) {
      const plain = context(true, ci !== undefined ? { CI: ci } : {});
      const r = await chooseReporter(plain.ctx, tui);
      r.progress("plain line");
      r.close();
      expect(plain.err()).toContain("plain line");
      expect(plain.out()).toBe("");
    }
  });

  it("several runs at once in a pipe: plain lines on stderr", async () => {
    const plain = context(false);
    const lines = await chooseBoard(plain.ctx, true, 2);
    lines.progress("two at a time");
    lines.close();
    expect(plain.err()).toContain("two at a time");
    expect(plain.out()).toBe("");
  });
});
