import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { resolveCandidate } from "../candidates/registry.js";
import { RunJsonSchema } from "../report/run-json.js";
import { compileSchedule } from "../scenarios/compile.js";
import { SCENARIOS } from "../scenarios/registry.js";
import { scaleTiming } from "./scaling.js";
import { scheduleConfigOf } from "./schedule-config.js";
import { runRecords } from "./session.js";

const ENGINE = { endpoint: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41", os: "linux", arch: "amd64" };
const IMAGES = { zookeeper: "splitbrain/zookeeper:0.1.0", netutil: "splitbrain/netutil:0.1.0", candidate: "splitbrain/candidate-node:0.1.0" };
/** A run.json the session wrote before run.json had a schema. */
const RECORDED = JSON.parse(readFileSync(join(import.meta.dirname, "../../fixtures/histories/seeds/false-death-pause-leader-latch-ignore-disconnect/run.json"), "utf8")) as Record<string, unknown>;

/** run.json of a `splitbrain run` of pause-leader, as the session writes it at the start. */
function scenarioRun(witness?: "plain" | "fenced") {
  const scenario = SCENARIOS["pause-leader"]();
  const config = scheduleConfigOf({ servers: 3, candidates: 3, sessionTimeoutMs: 6000, recoveryMs: 30000, timeScale: 0.5 });
  const scaled = scaleTiming(3, 6000, 30000, 0.5);
  const candidate = resolveCandidate("latch", "ignore-disconnect");
  return runRecords(
    {
      version: "0.1.0",
      scenario: scenario.name,
      seed: 7,
      spec: scaled.ensemble,
      candidates: { choice: candidate, count: 3, sessionTimeoutMs: scaled.sessionTimeoutMs, electionPath: "/splitbrain/election", extraEnv: { SB_WINDOW_MS: "15000" } },
      observeIntervalMs: 250,
      check: { toleranceMs: 0, recoveryMs: scaled.recoveryMs, fencing: false },
      ...(witness !== undefined ? { witness } : {}),
      record: { scenarioSpec: scenario, schedule: compileSchedule(scenario, config, 7), scheduleConfig: config, timeScale: 0.5, scaled, candidate },
    },
    { runId: "20261202T000000Z-abcd", startedAt: new Date(0), engine: ENGINE, images: witness === undefined ? IMAGES : { ...IMAGES, witness: IMAGES.candidate } },
  );
}

describe("what the session records", () => {
  it("run.json of a scenario run parses with the one schema, also with what is added at the end", () => {
    const { runJson } = scenarioRun();
    const written = JSON.parse(JSON.stringify(runJson)) as unknown;
    expect(RunJsonSchema.safeParse(written).error).toBeUndefined();
    const atEnd = { ...runJson, executed: [{ at: 0, t: 1, do: "end" as const }], timings: { bringUpMs: 1, bodyMs: 2, teardownMs: 3, checkMs: 4 } };
    expect(RunJsonSchema.safeParse(JSON.parse(JSON.stringify(atEnd))).error).toBeUndefined();
  });

  it("has the fields, in the order, that run.json had before it had a schema", () => {
    const { runJson } = scenarioRun();
    const atEnd = { ...runJson, executed: [], timings: { bringUpMs: 1, bodyMs: 2, teardownMs: 3, checkMs: 4 } };
    expect(Object.keys(atEnd)).toEqual(Object.keys(RECORDED));
    expect(Object.keys(runJson.config)).toEqual(Object.keys(RECORDED["config"] as object));
    expect(Object.keys(runJson.config.candidates ?? {})).toEqual(Object.keys((RECORDED["config"] as { candidates: object }).candidates));
  });

  it("the history header names the engine by its version; run.json has it whole", () => {
    const { header, runJson } = scenarioRun();
    expect(header.engine).toBe("20.10.24");
    expect(runJson.engine).toEqual(ENGINE);
    expect(Object.keys(header)).toEqual(Object.keys(runJson).filter((k) => k !== "images"));
  });

  it("run.json of `splitbrain up` (no candidates, no scenario) parses too", () => {
    const { runJson } = runRecords(
      { version: "0.1.0", scenario: "ensemble", seed: 0, spec: { size: 3, tickTime: 1000, initLimit: 10, syncLimit: 5 }, observeIntervalMs: 250, record: { durationMs: null } },
      { runId: "r", startedAt: new Date(0), engine: ENGINE, images: { ...IMAGES, candidate: null } },
    );
    expect(RunJsonSchema.safeParse(JSON.parse(JSON.stringify(runJson))).error).toBeUndefined();
    expect(runJson.config.candidates).toBeNull();
  });

  it("with --witness: the mode is in the header's and run.json's config (and the witness image in run.json), which parses; without it neither has the field", () => {
    const { header, runJson } = scenarioRun("fenced");
    expect(header.config.witness).toBe("fenced");
    expect(runJson.config.witness).toBe("fenced");
    expect(runJson.images.witness).toBe("splitbrain/candidate-node:0.1.0");
    const parsed = RunJsonSchema.safeParse(JSON.parse(JSON.stringify(runJson)));
    expect(parsed.error).toBeUndefined();
    expect(parsed.data?.config.witness).toBe("fenced");
    expect(RunJsonSchema.safeParse(JSON.parse(JSON.stringify({ ...runJson, config: { ...runJson.config, witness: "strict" } }))).success).toBe(false);
    expect("witness" in scenarioRun().runJson.config).toBe(false);
  });
});
