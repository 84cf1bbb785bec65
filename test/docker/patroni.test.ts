import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { CANDIDATE_KINDS, leaderSource, resolveCandidate } from "../../src/candidates/registry.js";
import type { OverlapViolation } from "../../src/checkers/overlap.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { ELECTION_PATH, runScenario } from "../../src/run/run-scenario.js";
import { runSession } from "../../src/run/session.js";
import { loadScenarioFile } from "../../src/scenarios/load.js";
import { SCENARIOS } from "../../src/scenarios/registry.js";
import { sleep } from "../../src/util/sleep.js";
import { historyEvents } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";
import { scenarioRun, sessionRun } from "../support/run-options.js";

const env = await dockerOrSkip();

/** Who leads in one observer's lane at the end of these events. */
function leadersSeenBy(events: readonly ReadEvent[], source: string): string[] {
  const leading = new Set<string>();
  for (const e of events) {
    const s = (e as { source?: string }).source;
    if (e.type === "down") leading.delete(e.node);
    if (s !== source) continue;
    if (e.type === "leader") leading.add(e.node);
    else if (e.type === "follower") leading.delete(e.node);
  }
  return [...leading].sort();
}

describe.skipIf("skip" in env)("Patroni 3.0.2 on ZooKeeper, watched by its REST API, psql and its leader key", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-patroni"]);
  }, 1_800_000);

  it("elects one primary that every observer agrees on, and replaces a killed primary", async () => {
    let first = "";
    let second = "";
    let after: ReadEvent[] = [];
    const candidates = {
      choice: resolveCandidate("patroni"),
      count: 3,
      sessionTimeoutMs: 6000,
      electionPath: ELECTION_PATH,
      extraEnv: CANDIDATE_KINDS.patroni.scaledEnv(0.5),
    };
    const result = await runSession(
      sessionRun("patroni", candidates, { check: { recoveryMs: 30_000 } }),
      async (c) => {
        // Bring-up ended: one primary, and all three views name it.
        const now = await historyEvents(c.dir.history);
        first = c.leadership.leaders()[0] as string;
        expect(c.leadership.leaders()).toHaveLength(1);
        for (const source of ["http", "exec", "zk"]) expect(leadersSeenBy(now, source), source).toEqual([first]);
        await c.fleet.find((x) => x.node === first)?.kill("test kill");
        const deadline = Date.now() + 120_000;
        while (Date.now() < deadline) {
          const l = c.leadership.leaders();
          if (l.length === 1 && l[0] !== first) break;
          await sleep(250);
        }
        second = c.leadership.leaders()[0] ?? "";
        await sleep(3000);
        after = await historyEvents(c.dir.history);
      },
    );
    expect(await leftovers(docker, result.runId)).toEqual({ containers: [], networks: [] });
    expect(second).not.toBe("");
    expect(second).not.toBe(first);
    // After the kill, every view names the new primary only (the killed one's `down` ended its leadership).
    for (const source of ["http", "exec", "zk"]) expect(leadersSeenBy(after, source), source).toEqual([second]);
    expect(result.check?.checkers["overlap"]?.valid).toBe(true);
  }, 600_000);

  it("partition-leader gives a verdict from every observer", async () => {
    const r = await runScenario(scenarioRun("patroni-partition-leader", SCENARIOS["partition-leader"](), resolveCandidate("patroni"), 7));
    expect(r.inconclusive).toBeUndefined();
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
    const check = r.check;
    expect(check).toBeDefined();
    // Every observer saw leadership, and each lane was judged: the overlap and liveness checkers
    // counted intervals from http, exec and zk.
    const events = await historyEvents(r.runDir + "/history.jsonl");
    for (const source of ["http", "exec", "zk"]) {
      expect(events.some((e) => e.type === "leader" && (e as { source?: string }).source === source), source).toBe(true);
    }
    expect(check?.checkers["overlap"]?.valid).not.toBe("unknown");
    expect(check?.checkers["liveness"]?.valid).not.toBe("unknown");
    for (const v of (check?.checkers["overlap"]?.violations ?? []) as OverlapViolation[]) expect(["http", "exec", "zk"]).toContain(v.source);
    // The partition cut off the primary: its one target led, in the lane the schedule resolves
    // "leader" from, when the fault began.
    const partition = events.find((e) => e.type === "fault" && (e as { fault?: string }).fault === "partition-from-zk") as (ReadEvent & { targets: string[] }) | undefined;
    expect(partition, "a partition-from-zk fault in the history").toBeDefined();
    expect(partition?.targets).toHaveLength(1);
    const lane = leaderSource(resolveCandidate("patroni"));
    expect(leadersSeenBy(events.filter((e) => e.t < (partition?.t ?? 0)), lane)).toEqual(partition?.targets);
  }, 900_000);

  it("the writer's acknowledged rows, read back from the real primary, judge lost writes when the primary is cut off (examples/scenarios/isolate-leader.yaml)", async () => {
    const scenario = await loadScenarioFile("examples/scenarios/isolate-leader.yaml");
    const r = await runScenario(scenarioRun("patroni-isolate-leader", scenario, resolveCandidate("patroni"), 7));
    expect(r.inconclusive).toBeUndefined();
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
    const events = await historyEvents(r.runDir + "/history.jsonl");
    const writes = events.filter((e) => e.type === "write" && e.node === "writer") as Array<ReadEvent & { from: string; seq: number }>;
    const reads = events.filter((e) => e.type === "read" && e.node === "writer") as Array<ReadEvent & { from?: string; seqs?: number[]; reason?: string }>;
    const fault = events.find((e) => e.type === "fault" && (e as { fault?: string }).fault === "partition") as (ReadEvent & { targets: string[] }) | undefined;
    const isolated = fault?.targets[0];
    // Members acknowledged inserts, and at the end the writer read the rows back from the member
    // that accepted writes (PostgreSQL itself: not in recovery).
    expect(writes.length).toBeGreaterThan(0);
    expect(reads).toHaveLength(1);
    const read = reads[0];
    expect(read?.reason, "the read found a primary").toBeUndefined();
    expect(read?.seqs?.length).toBeGreaterThan(0);
    // lost-writes says what the history says: acknowledged rows missing from that read.
    const held = new Set(read?.seqs);
    const lost = writes.filter((w) => w.t <= (read?.t ?? 0) && !held.has(w.seq));
    const lostWrites = r.check?.checkers["lost-writes"];
    expect(lostWrites?.valid).toBe(lost.length === 0);
    expect(lostWrites?.violationCount).toBe(lost.length);
    // Only the cut-off primary can have acknowledged rows the new primary never got.
    for (const w of lost) expect(w.from).toBe(isolated);
    const by = (list: ReadonlyArray<{ from: string }>): Record<string, number> => Object.fromEntries([...new Set(list.map((w) => w.from))].sort().map((m) => [m, list.filter((w) => w.from === m).length]));
    console.log(
      `patroni isolate-leader writer: fault on ${isolated} t=${fault?.t}; ${writes.length} acknowledged ${JSON.stringify(by(writes))}; read from ${read?.from} at t=${read?.t}; ${lost.length} lost ${JSON.stringify(by(lost))} (t=${lost[0]?.t} to t=${lost[lost.length - 1]?.t}); lost-writes: ${lostWrites?.summary}; effects: ${r.check?.checkers["effects"]?.summary}`,
    );
  }, 900_000);
});
