import { PassThrough } from "node:stream";
import { render } from "ink-testing-library";
import { describe, expect, it, vi } from "vitest";
import { createPlainBoard, sequentialBoard } from "./board.js";
import { createLiveBoard } from "./live/board.js";
import { createPlainReporter } from "./plain.js";

vi.hoisted(() => {
  process.env["CI"] = "false";
});

function collect(): { out: PassThrough; text: () => string } {
  const out = new PassThrough();
  let text = "";
  out.on("data", (d: Buffer) => (text += d.toString()));
  return { out, text: () => text };
}

const info = (scenario: string, index: number) => ({ scenario, summary: "s", index, total: 2, seed: 1, candidate: "latch" });

describe("run boards", () => {
  it("plain, several runs: every line names its run", () => {
    const { out, text } = collect();
    const board = createPlainBoard(out, Date.now());
    const a = board.forCase(0, "zk-outage");
    const b = board.forCase(1, "partition-leader");
    a.progress("starting 3 ZooKeeper server(s)");
    b.event({ t: 1, node: "c2", type: "leader" });
    board.progress("3 scenario(s), 3 at a time");
    const lines = text().trim().split("\n");
    expect(lines[0]).toMatch(/^\[\s*\d+\.\ds\] \[zk-outage\] starting 3 ZooKeeper server\(s\)$/);
    expect(lines[1]).toMatch(/^\[\s*\d+\.\ds\] \[partition-leader\] c2 leads$/);
    expect(lines[2]).toMatch(/^\[\s*\d+\.\ds\] 3 scenario\(s\), 3 at a time$/);
  });

  it("sequential: every case reports to the one reporter, which only the board closes", () => {
    const { out, text } = collect();
    const board = sequentialBoard(createPlainReporter(out, Date.now()));
    board.forCase(0, "a").scenarioStarted(info("a", 0));
    board.forCase(0, "a").close();
    board.forCase(1, "b").scenarioStarted(info("b", 1));
    expect(text()).toContain("=== scenario 1/2 a: s");
    expect(text()).toContain("=== scenario 2/2 b: s");
  });

  it("live: a block per run under way, and the finished run's verdict above", () => {
    let last: ReturnType<typeof render> | undefined;
    const board = createLiveBoard({
      stdout: process.stdout,
      renderIntervalMs: 0,
      mount: (tree) => (last = render(tree)),
    });
    const a = board.forCase(0, "zk-outage");
    const b = board.forCase(1, "partition-leader");
    a.scenarioStarted(info("zk-outage", 0));
    b.scenarioStarted(info("partition-leader", 1));
    b.runStarted({ runId: "r", runDir: "runs/r", servers: ["zk1"], candidates: ["c1"], now: () => 5000 });
    b.event({ t: 4000, node: "c1", type: "leader" });
    a.scenarioFinished({ scenario: "zk-outage", valid: true, summary: "every check passed", runDir: "runs/z" });
    board.close();
    const frame = last?.lastFrame() ?? "";
    expect(frame).toContain("✔ PASS zk-outage: every check passed  (runs/z)");
    expect(frame).toContain("▶ partition-leader  t+5.0s");
    expect(frame).toContain("leader c1");
    expect(frame).not.toContain("▶ zk-outage");
  });
});
