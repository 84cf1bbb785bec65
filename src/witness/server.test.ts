import { afterEach, describe, expect, it } from "vitest";
import { timelineOf } from "../checkers/checker-timeline.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { checkTimeline } from "../checkers/verdict.js";
import { WriteEventSchema } from "../history/events.js";
import type { ReadEvent } from "../history/parse.js";
import { witnessConfig } from "./config.js";
import type { WriteDecision } from "./decide.js";
import { startWitness, type RunningWitness } from "./server.js";

const running: RunningWitness[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((w) => w.close()));
});

async function witness(mode: "plain" | "fenced"): Promise<{ w: RunningWitness; events: WriteDecision[] }> {
  const events: WriteDecision[] = [];
  const w = await startWitness({ mode, host: "127.0.0.1", port: 0, sink: (e) => events.push(e) });
  running.push(w);
  return { w, events };
}

async function post(w: RunningWitness, body: unknown, path = "/write"): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${w.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: typeof body === "string" ? body : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** The recorded decisions as a history (t = the order they were recorded in), judged by the checkers. */
function judge(events: readonly WriteDecision[]) {
  // Every decision, stamped, is a valid v3 write event.
  const history: ReadEvent[] = events.map((e, i) => WriteEventSchema.parse({ t: i, ...e }));
  return checkTimeline(timelineOf(history), DEFAULT_CHECK_OPTIONS).checkers["effects"];
}

describe("the witness over HTTP", () => {
  it("plain: accepts every write, a stale one too, and records each", async () => {
    const { w, events } = await witness("plain");
    expect(await post(w, { node: "c1", token: "0x1", seq: 1 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c2", token: "0x2", seq: 1 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c1", token: "0x1", seq: 2 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c3", seq: 0, group: "g" })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(events).toEqual([
      { node: "witness", type: "write", from: "c1", token: "0x1", seq: 1, mode: "plain", outcome: "accepted" },
      { node: "witness", type: "write", from: "c2", token: "0x2", seq: 1, mode: "plain", outcome: "accepted" },
      { node: "witness", type: "write", from: "c1", token: "0x1", seq: 2, mode: "plain", outcome: "accepted" },
      { node: "witness", type: "write", from: "c3", seq: 0, group: "g", mode: "plain", outcome: "accepted" },
    ]);
    // What it recorded is what the effects checker judges: c1's last write was stale.
    expect(judge(events)?.violations.map((v) => v.kind)).toEqual(["stale-write"]);
  });

  it("fenced: refuses a token lower than the highest accepted (naming it) and a write without a token; an equal token passes", async () => {
    const { w, events } = await witness("fenced");
    expect(await post(w, { node: "c1", seq: 1 })).toEqual({ status: 409, body: { outcome: "refused" } });
    expect(await post(w, { node: "c1", token: "9", seq: 2 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c2", token: "0x10", seq: 1 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c1", token: "9", seq: 3 })).toEqual({ status: 409, body: { outcome: "refused", highest: "0x10" } });
    expect(await post(w, { node: "c2", token: "16", seq: 2 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(await post(w, { node: "c2", seq: 3 })).toEqual({ status: 409, body: { outcome: "refused", highest: "0x10" } });
    expect(await post(w, { node: "c1", token: "1", seq: 4, group: "other" })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(events.map((e) => [e.from, e.seq, e.outcome, e.highest])).toEqual([
      ["c1", 1, "refused", undefined],
      ["c1", 2, "accepted", undefined],
      ["c2", 1, "accepted", undefined],
      ["c1", 3, "refused", "0x10"],
      ["c2", 2, "accepted", undefined],
      ["c2", 3, "refused", "0x10"],
      ["c1", 4, "accepted", undefined],
    ]);
    expect(events.every((e) => e.mode === "fenced" && e.node === "witness")).toBe(true);
    const effects = judge(events);
    expect(effects?.valid).toBe(true);
    expect(effects?.stats).toMatchObject({ refused: 3, staleRefused: 1, staleAccepted: 0 });
  });

  it("fenced, concurrent writers: every answer matches its recorded decision, and no stale write is accepted", async () => {
    const { w, events } = await witness("fenced");
    const writes = Array.from({ length: 60 }, (_, i) => ({ node: `c${(i % 4) + 1}`, token: String((i * 7919) % 23), seq: i }));
    const answers = await Promise.all(writes.map((body) => post(w, body)));
    expect(events).toHaveLength(writes.length);
    for (const [i, body] of writes.entries()) {
      const recorded = events.find((e) => e.from === body.node && e.seq === body.seq);
      const got = answers[i];
      expect(recorded?.outcome).toBe(got?.status === 200 ? "accepted" : "refused");
      if (got?.status === 409) expect(BigInt(String(got.body["highest"]))).toBeGreaterThan(BigInt(body.token));
    }
    // In the order recorded, each accepted token is at least every one accepted before it.
    let highest = -1n;
    for (const e of events.filter((x) => x.outcome === "accepted")) {
      expect(BigInt(String(e.token))).toBeGreaterThanOrEqual(highest);
      highest = BigInt(String(e.token));
    }
    expect(events.some((e) => e.outcome === "refused")).toBe(true);
    expect(judge(events)?.valid).toBe(true);
  });

  it("plain, concurrent writers: every write is accepted and recorded once", async () => {
    const { w, events } = await witness("plain");
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => post(w, { node: `c${i % 3}`, token: String(40 - i), seq: i })));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(events.map((e) => e.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it("answers a body it cannot read with 400 naming the field, and records nothing", async () => {
    const { w, events } = await witness("fenced");
    expect(await post(w, { node: "c1", token: 5, seq: 1 })).toEqual({ status: 400, body: { error: 'token: expected the fencing token as a string, e.g. "0x100000004"' } });
    expect((await post(w, { node: "c1", seq: -1 })).body["error"]).toMatch(/^seq: /);
    expect((await post(w, { token: "1", seq: 1 })).body["error"]).toMatch(/^node: /);
    expect(await post(w, "{not json")).toEqual({ status: 400, body: { error: 'the body is not JSON: send {"node":"c1","token":"0x1","seq":1}' } });
    expect((await post(w, { node: "c1", seq: 1 }, "/writes")).status).toBe(404);
    expect((await fetch(`${w.url}/write`)).status).toBe(405);
    expect(await (await fetch(`${w.url}/health`)).json()).toEqual({ mode: "fenced" });
    expect(events).toEqual([]);
  });

  it("answers 500 and counts nothing when the decision cannot be recorded", async () => {
    let fail = true;
    const events: WriteDecision[] = [];
    const w = await startWitness({
      mode: "fenced",
      sink: (e) => {
        if (fail) throw new Error("history closed");
        events.push(e);
      },
    });
    running.push(w);
    expect(await post(w, { node: "c2", token: "5", seq: 1 })).toEqual({ status: 500, body: { error: "the witness could not record the write: history closed" } });
    fail = false;
    // The unrecorded write with token 5 did not raise the fence.
    expect(await post(w, { node: "c1", token: "3", seq: 1 })).toEqual({ status: 200, body: { outcome: "accepted" } });
    expect(events.map((e) => e.outcome)).toEqual(["accepted"]);
  });
});

describe("witnessConfig", () => {
  it("reads mode, port and name from the environment, and names what is wrong", () => {
    expect(witnessConfig({ SB_WITNESS_MODE: "fenced" })).toEqual({ mode: "fenced", port: 7070, name: "witness" });
    expect(witnessConfig({ SB_WITNESS_MODE: "plain", SB_WITNESS_PORT: "8081", SB_WITNESS_NAME: "w1" })).toEqual({ mode: "plain", port: 8081, name: "w1" });
    expect(() => witnessConfig({})).toThrow("SB_WITNESS_MODE must be plain or fenced, got nothing");
    expect(() => witnessConfig({ SB_WITNESS_MODE: "strict" })).toThrow('SB_WITNESS_MODE must be plain or fenced, got "strict"');
    expect(() => witnessConfig({ SB_WITNESS_MODE: "plain", SB_WITNESS_PORT: "80x" })).toThrow('SB_WITNESS_PORT must be a port number (1-65535), got "80x"');
  });
});
