import { HISTORY_VERSION } from "../../src/history/events.js";
import { join } from "node:path";
import { writeFileSync } from "node:fs";
import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import { fileCandidate, resolveCandidate, withZkObserver } from "../../src/candidates/registry.js";
import { ELECTION_PATH, runScenario } from "../../src/run/run-scenario.js";
import { SCENARIOS } from "../../src/scenarios/registry.js";
import type { OverlapViolation } from "../../src/checkers/overlap.js";
import { InconclusiveError } from "../../src/errors/index.js";
import type { ReadEvent } from "../../src/history/parse.js";
import { runSession, type Cluster } from "../../src/run/session.js";
import { sleep } from "../../src/util/sleep.js";
import { historyEvents } from "../support/cluster.js";
import { dockerOrSkip, leftovers, testImages, tmpDir } from "../support/docker.js";
import { ROLE_SERVICE_JS, roleServiceFile } from "../../src/bench/role-service.js";
import { progressLog, scenarioRun, sessionRun } from "../support/run-options.js";

const env = await dockerOrSkip();

async function setRole(c: Cluster, node: string, role: string): Promise<void> {
  const cand = c.fleet.find((x) => x.node === node);
  if (cand === undefined) throw new Error(`no candidate ${node}`);
  const r = await cand.handle.exec(["sh", "-c", `echo ${role} > /tmp/role`], { timeoutMs: 10_000 });
  expect(r.exitCode).toBe(0);
}

describe.skipIf("skip" in env)("observers on a service that prints no protocol (http, exec, log)", () => {
  const docker = (env as { docker: Docker }).docker;
  let images: Record<string, string> = {};

  beforeAll(async () => {
    images = await testImages(docker, ["zookeeper", "candidate-node"]);
  }, 900_000);

  const log = progressLog("observers");
  function session(file: string, body: (c: Cluster) => Promise<void>) {
    const path = join(tmpDir("sb-observers-"), "svc.yaml");
    writeFileSync(path, file);
    const candidates = { choice: fileCandidate(path), count: 2, sessionTimeoutMs: 6000, electionPath: ELECTION_PATH };
    return runSession(sessionRun("observers", candidates, { size: 1, progress: log.progress, check: { recoveryMs: 60_000 } }), body);
  }

  it("records every observer's view; a paused leader is unknown, never follower; an overlap is named per observer", { tags: ["smoke"], timeout: 300_000 }, async () => {
    const result = await session(roleServiceFile(images["candidate-node"] as string), async (c) => {
      // Bring-up ended: c1 leads in the view the schedule targets (http, the first observer).
      expect(c.leadership.leaders()).toEqual(["c1"]);
      await setRole(c, "c2", "leader");
      await sleep(2000);
      const c2 = c.fleet.find((x) => x.node === "c2");
      await c2?.pause();
      await sleep(2500);
      await c2?.unpause();
      await sleep(1000);
      await setRole(c, "c1", "follower");
      await sleep(1500);
    });
    expect(await leftovers(docker, result.runId)).toEqual({ containers: [], networks: [] });

    const events: ReadEvent[] = await historyEvents(result.history);
    const of = (source: string, node: string): string[] =>
      events.filter((e) => e.node === node && (e as { source?: string }).source === source).map((e) => e.type);
    // c1: leader from the start in every lane, then a definite follower.
    // (A polled lane also writes a `seen` line, history v5: its last "leader" answer before the change.)
    for (const source of ["http", "exec", "log"]) {
      expect(of(source, "c1").filter((t) => t !== "unknown" && t !== "seen"), source).toEqual(["leader", "follower"]);
    }
    for (const source of ["http", "exec"]) {
      const seq = of(source, "c1");
      expect(seq.indexOf("seen"), `${source} on c1: ${seq.join(",")}`).toBeGreaterThan(seq.indexOf("leader"));
    }
    // c2 paused while leading: http and exec had no answer (unknown), and no follower came of it.
    for (const source of ["http", "exec"]) {
      const seq = of(source, "c2");
      const afterLeader = seq.slice(seq.indexOf("leader"));
      expect(afterLeader, `${source} on c2: ${seq.join(",")}`).toContain("unknown");
      expect(afterLeader, `${source} on c2: ${seq.join(",")}`).not.toContain("follower");
    }
    // The bring-up window is a fault in which no leader is expected.
    expect(events.some((e) => e.type === "fault" && (e as { id?: string }).id === "bring-up")).toBe(true);
    expect(events.some((e) => e.type === "heal" && (e as { id?: string }).id === "bring-up")).toBe(true);

    const overlap = result.check?.checkers["overlap"];
    expect(overlap?.valid).toBe(false);
    const sources = new Set((overlap?.violations as OverlapViolation[]).map((v) => v.source));
    expect([...sources].sort()).toEqual(["exec", "http", "log"]);
    for (const v of overlap?.violations as OverlapViolation[]) {
      expect(v.nodes.sort()).toEqual(["c1", "c2"]);
      expect(v.message).toContain(`(seen by ${v.source})`);
      // The overlap lasts from c2's promotion to c1's demotion: at least the 5.5 s in between.
      expect(v.durationMs).toBeGreaterThan(4000);
    }
  });

  it("grades overlaps on evidence: two nodes answering leader at once fail; a node that stops answering while another leads is possible, not seen", async () => {
    const path = join(tmpDir("sb-observers-"), "svc.yaml");
    const image = images["candidate-node"] as string;
    writeFileSync(path, [`image: ${image}`, `command: [node, -e, ${JSON.stringify(ROLE_SERVICE_JS)}]`, "observe:", "  - http: { port: 8080, path: /role, leader: { status: 200 } }", ""].join("\n"));
    const candidates = { choice: fileCandidate(path), count: 3, sessionTimeoutMs: 6000, electionPath: ELECTION_PATH };
    const result = await runSession(sessionRun("evidence", candidates, { size: 1, progress: log.progress, check: { recoveryMs: 60_000 } }), async (c) => {
      expect(c.leadership.leaders()).toEqual(["c1"]);
      // Seen: c1 and c2 both answer leader for 3 s.
      await setRole(c, "c2", "leader");
      await sleep(3000);
      await setRole(c, "c1", "follower");
      await sleep(1000);
      // Possible: c2 stops answering (its probe times out: unknown), then c3 leads, then c2 answers follower.
      await setRole(c, "c2", "silent");
      await sleep(2000);
      await setRole(c, "c3", "leader");
      await sleep(3000);
      await setRole(c, "c2", "follower");
      await sleep(1000);
    });
    expect(await leftovers(docker, result.runId)).toEqual({ containers: [], networks: [] });
    const overlap = result.check?.checkers["overlap"];
    const violations = (overlap?.violations ?? []) as OverlapViolation[];
    const warnings = (overlap?.warnings ?? []) as OverlapViolation[];
    expect(overlap?.valid).toBe(false);
    expect(violations.map((v) => [v.kind, [...v.nodes].sort().join(","), v.evidence?.grade])).toEqual([["overlap", "c1,c2", "seen"]]);
    expect(violations[0]?.durationMs).toBeGreaterThan(2000);
    expect(warnings.map((v) => [v.kind, [...v.nodes].sort().join(","), v.evidence?.grade, v.evidence?.restsOnUnknown])).toEqual([["possible-overlap", "c2,c3", "possible", true]]);
    expect(warnings[0]?.message).toMatch(/^possible overlap \(inconclusive\): c2 and c3 were never seen leading group default at once by http/);
    // The history (v5) holds c2's last leader answer before it went silent.
    const events = await historyEvents(result.history);
    const seen = events.filter((e) => e.type === "seen" && e.node === "c2");
    expect(seen.length).toBeGreaterThan(0);
  }, 300_000);

  it("an observer that can never answer (wrong port) makes the run inconclusive, naming the observer and the node", async () => {
    let caught: unknown;
    log.said.length = 0;
    try {
      await session(roleServiceFile(images["candidate-node"] as string, 9999, 8000), async () => {
        throw new Error("the body must not run when the candidates never became ready");
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(InconclusiveError);
    expect((caught as Error).message).toMatch(/the candidates were not ready within 8 s: no definite answer from http on c1: ECONNREFUSED/);
    const runId = log.said.map((m) => /^run (\S+): network/.exec(m)?.[1]).find((x) => x !== undefined);
    expect(runId).toBeDefined();
    expect(await leftovers(docker, runId as string)).toEqual({ containers: [], networks: [] });
  }, 300_000);
});

describe.skipIf("skip" in env)("the zk observer: ZooKeeper's own view of the election, read by the harness", () => {
  const docker = (env as { docker: Docker }).docker;
  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "candidate-node"]);
  }, 900_000);

  it("--observe-zk on latch: the owner of the lowest election child leads in the zk lane, and follows the protocol's leader after a kill", async () => {
    const result = await runSession(
      sessionRun("observe-zk", { choice: withZkObserver(resolveCandidate("latch"), ELECTION_PATH), count: 3, sessionTimeoutMs: 4000, electionPath: ELECTION_PATH }),
      async (c) => {
        const first = c.leadership.leaders()[0] as string;
        await c.fleet.find((x) => x.node === first)?.kill("test kill");
        // The session expires (4 s) and ZooKeeper removes the dead leader's node; the next one leads.
        const deadline = Date.now() + 30_000;
        while (Date.now() < deadline && (c.leadership.leaders()[0] ?? first) === first) await sleep(200);
        await sleep(6000);
      },
    );
    expect(await leftovers(docker, result.runId)).toEqual({ containers: [], networks: [] });
    const events = await historyEvents(result.history);
    const zkLeaders = events.filter((e) => e.type === "leader" && (e as { source?: string }).source === "zk").map((e) => e.node);
    const protocolLeaders = events.filter((e) => e.type === "leader" && (e as { source?: string }).source === undefined).map((e) => e.node);
    expect(zkLeaders.length).toBeGreaterThanOrEqual(2);
    expect(zkLeaders.slice(0, 2)).toEqual(protocolLeaders.slice(0, 2));
    expect(result.check?.valid).toBe(true);
    const header = (await readFirstLine(result.history)) as { observers?: unknown; leaderSource?: unknown; v?: unknown };
    expect(header.v).toBe(HISTORY_VERSION);
    expect(header.observers).toEqual([{ source: "zk", kind: "zk", pollMs: 100 }]);
    expect(header.leaderSource).toBe("protocol");
  }, 300_000);
});

describe.skipIf("skip" in env)("the zk observer through a total loss of ZooKeeper", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "candidate-node"]);
  }, 900_000);

  it("keeps reading while every server is removed and rebuilt at new addresses, and sees the new leader after it", async () => {
    const r = await runScenario(scenarioRun("observe-zk-total-loss", SCENARIOS["zk-total-loss"](), withZkObserver(resolveCandidate("latch"), ELECTION_PATH), 3));
    expect(r.inconclusive).toBeUndefined();
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
    const events = await historyEvents(`${r.runDir}/history.jsonl`);
    const heal = events.find((e) => e.type === "heal" && (e as { id?: string }).id === "f1");
    expect(heal).toBeDefined();
    // During the loss ZooKeeper could not be asked: unknown, not follower.
    expect(events.some((e) => e.type === "unknown" && (e as { source?: string }).source === "zk" && e.t > (heal?.t ?? 0) - 30_000)).toBe(true);
    // After the rebuild the harness reconnected and saw the recipe's new leader.
    expect(events.some((e) => e.type === "leader" && (e as { source?: string }).source === "zk" && e.t > (heal?.t ?? Infinity))).toBe(true);
    expect(r.check?.valid).toBe(true);
  }, 600_000);
});

async function readFirstLine(path: string): Promise<unknown> {
  const { readFile } = await import("node:fs/promises");
  return JSON.parse((await readFile(path, "utf8")).split("\n")[0] as string);
}
