import { readFileSync } from "node:fs";
import { join } from "node:path";
import type Docker from "dockerode";
import { beforeAll, describe, expect, it } from "vitest";
import type { ReadEvent } from "../../src/history/parse.js";
import { readHistory } from "../../src/history/reader.js";
import { dockerOrSkip, leftovers, testImages } from "../support/docker.js";
import { runScenarioCli } from "../support/runs.js";

const env = await dockerOrSkip();

interface WriteLine {
  t: number;
  node: string;
  type: "write";
  from: string;
  token?: string;
  seq: number;
  mode: string;
  outcome: "accepted" | "refused";
  ts?: number;
}

async function history(dir: string): Promise<{ meta: Record<string, unknown>; writes: WriteLine[] }> {
  const out: ReadEvent[] = [];
  const { meta } = await readHistory(join(dir, "history.jsonl"), (e) => out.push(e));
  return { meta: meta as Record<string, unknown>, writes: out.filter((e) => e.type === "write") as unknown as WriteLine[] };
}

/** The tokens of each candidate's leader events. */
async function leaderTokensOf(dir: string): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  await readHistory(join(dir, "history.jsonl"), (e) => {
    const token = (e as { token?: unknown }).token;
    if (e.type === "leader" && typeof token === "string") out.set(e.node, [...(out.get(e.node) ?? []), token]);
  });
  return out;
}

type EffectsResult = { valid: boolean | "unknown"; summary?: string; warningCount?: number; violationCount: number };
function effectsOf(verdict: { checkers: Record<string, unknown> }): EffectsResult | undefined {
  return verdict.checkers["effects"] as EffectsResult | undefined;
}

/** Accepted writes whose token is lower than one accepted earlier (what the effects checker calls stale). */
function staleAccepted(writes: readonly WriteLine[]): WriteLine[] {
  const out: WriteLine[] = [];
  let highest = -1n;
  for (const w of [...writes].sort((a, b) => a.t - b.t)) {
    if (w.outcome !== "accepted" || w.token === undefined) continue;
    const token = BigInt(w.token);
    if (token < highest) out.push(w);
    else highest = token;
  }
  return out;
}

describe.skipIf("skip" in env)("splitbrain run --witness (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-node"]);
  }, 900_000);

  it("--witness fenced with the correct latch under partition-leader: the leaders' writes are in the history as accepted write events, the mode is recorded, effects passes, the witness is removed", async () => {
    const r = await runScenarioCli(["partition-leader", "--witness", "fenced", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { meta, writes } = await history(r.dir);
    expect((meta["config"] as { witness?: string }).witness).toBe("fenced");
    const runJson = JSON.parse(readFileSync(join(r.dir, "run.json"), "utf8")) as { config: { witness?: string }; images: { witness?: string } };
    expect(runJson.config.witness).toBe("fenced");
    expect(runJson.images.witness).toMatch(/^splitbrain\/candidate-node:/);
    expect(writes.length).toBeGreaterThan(0);
    for (const w of writes) {
      expect(w.node).toBe("witness");
      expect(w.mode).toBe("fenced");
      expect(w.from).toMatch(/^c\d$/);
      expect(w.token).toMatch(/^0x[0-9a-f]+$/);
      expect(typeof w.ts).toBe("number");
    }
    // The leader before the partition and the one after it both wrote, and nothing was refused.
    expect(new Set(writes.map((w) => w.from)).size).toBeGreaterThanOrEqual(2);
    expect(writes.every((w) => w.outcome === "accepted")).toBe(true);
    expect(effectsOf(r.verdict)?.valid).toBe(true);
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
  }, 600_000);

  it("correct latch under pause-leader with --witness plain: both leaders wrote, no stale write was accepted, effects passes", async () => {
    const r = await runScenarioCli(["pause-leader", "--witness", "plain", "--fencing", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { writes } = await history(r.dir);
    expect(new Set(writes.map((w) => w.from)).size).toBeGreaterThanOrEqual(2);
    expect(writes.every((w) => w.outcome === "accepted")).toBe(true);
    expect(staleAccepted(writes)).toEqual([]);
    expect(effectsOf(r.verdict)?.valid).toBe(true);
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
  }, 600_000);

  it("--bug cached-belief under pause-leader with --witness plain: the thawed leader's stale write is accepted, effects fails (exit 1)", async () => {
    const r = await runScenarioCli(["pause-leader", "--bug", "cached-belief", "--witness", "plain", "--fencing", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(1);
    const { writes } = await history(r.dir);
    expect(staleAccepted(writes).length).toBeGreaterThan(0);
    const effects = effectsOf(r.verdict);
    expect(effects?.valid).toBe(false);
    expect(effects?.summary).toMatch(/stale write\(s\) accepted/);
    expect(Object.entries(r.verdict.checkers).filter(([, c]) => c.valid === false).map(([n]) => n)).toEqual(["effects"]);
  }, 600_000);

  it("--bug cached-belief under pause-leader with --witness fenced: the stale write is refused (naming the highest token), effects passes with a note (exit 0)", async () => {
    const r = await runScenarioCli(["pause-leader", "--bug", "cached-belief", "--witness", "fenced", "--fencing", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { writes } = await history(r.dir);
    const refused = writes.filter((w) => w.outcome === "refused");
    expect(refused.length).toBeGreaterThan(0);
    for (const w of refused) expect(BigInt((w as WriteLine & { highest: string }).highest)).toBeGreaterThan(BigInt(w.token ?? "0"));
    expect(staleAccepted(writes)).toEqual([]);
    const effects = effectsOf(r.verdict);
    expect(effects?.valid).toBe(true);
    expect(effects?.warningCount).toBeGreaterThan(0);
    expect(effects?.summary).toMatch(/stale write\(s\) refused by the witness/);
  }, 600_000);
});

describe.skipIf("skip" in env)("the Curator candidates write to the witness (time scale 0.5)", () => {
  const docker = (env as { docker: Docker }).docker;

  beforeAll(async () => {
    await testImages(docker, ["zookeeper", "netutil", "candidate-node", "candidate-java"]);
  }, 900_000);

  it.each(["latch", "selector"])("curator-%s with an SB_WITNESS that is not http://host:port says so in a log line and exits 64 before it starts", async (kind) => {
    const images = await testImages(docker, ["candidate-java"]);
    const container = await docker.createContainer({
      Image: images["candidate-java"] as string,
      Cmd: [kind],
      Env: ["SB_NODE=c1", "SB_ZK=zk1:2181", "SB_ELECTION_PATH=/splitbrain/election", "SB_SESSION_TIMEOUT_MS=6000", "SB_WITNESS=witness:7070"],
      Labels: { "splitbrain.run": "test-witness-env" },
    });
    try {
      await container.start();
      const { StatusCode } = (await container.wait()) as { StatusCode: number };
      const stdout = (await container.logs({ stdout: true, stderr: false })).toString("utf8");
      expect(StatusCode).toBe(64);
      expect(stdout).toContain('"msg":"bad configuration: SB_WITNESS: expected http://host:port, e.g. http://witness:7070, got \\"witness:7070\\""');
    } finally {
      await container.remove({ force: true, v: true });
    }
  }, 120_000);

  it("curator-latch under pause-leader with --witness plain: the leaders before and after the pause wrote with their leader lines' tokens, the thawed one's check stops its stale write, effects passes", async () => {
    const r = await runScenarioCli(["pause-leader", "--candidate", "curator-latch", "--witness", "plain", "--fencing", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { writes } = await history(r.dir);
    expect(new Set(writes.map((w) => w.from)).size).toBeGreaterThanOrEqual(2);
    const leaderTokens = await leaderTokensOf(r.dir);
    for (const w of writes) {
      expect(w.from).toMatch(/^c\d$/);
      expect(leaderTokens.get(w.from)).toContain(w.token);
    }
    // seq counts each node's writes from 1, increasing.
    for (const node of new Set(writes.map((w) => w.from))) {
      const seqs = writes.filter((w) => w.from === node).map((w) => w.seq);
      expect(seqs[0]).toBe(1);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    }
    expect(writes.every((w) => w.outcome === "accepted")).toBe(true);
    expect(staleAccepted(writes)).toEqual([]);
    expect(effectsOf(r.verdict)?.valid).toBe(true);
    expect(await leftovers(docker, r.runId)).toEqual({ containers: [], networks: [] });
  }, 600_000);

  it("curator-selector under pause-leader with --witness fenced: both leaders wrote, no stale write was accepted, effects passes (exit 0)", async () => {
    const r = await runScenarioCli(["pause-leader", "--candidate", "curator-selector", "--witness", "fenced", "--fencing", "--seed", "9"]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    const { writes } = await history(r.dir);
    expect(new Set(writes.filter((w) => w.outcome === "accepted").map((w) => w.from)).size).toBeGreaterThanOrEqual(2);
    // LeaderSelector's own check (inside takeLeadership, connected) can let the thawed leader send
    // one write with its old token (docs/candidates.md); the fenced witness must refuse it.
    for (const w of writes.filter((x) => x.outcome === "refused")) expect(BigInt((w as WriteLine & { highest: string }).highest)).toBeGreaterThan(BigInt(w.token ?? "0"));
    expect(staleAccepted(writes)).toEqual([]);
    expect(effectsOf(r.verdict)?.valid).toBe(true);
  }, 600_000);
});
