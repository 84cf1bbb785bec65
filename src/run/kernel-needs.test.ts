import { describe, expect, it } from "vitest";
import { InconclusiveError } from "../errors/index.js";
import type { FeatureProbe, FeatureState } from "../runtime/kernel-features.js";
import type { FaultSpec, Schedule } from "../scenarios/types.js";
import { refuseUnmetKernelNeeds } from "./kernel-needs.js";

const scheduleOf = (...faults: FaultSpec[]): Schedule => ({
  scenario: "s",
  seed: 1,
  actions: [...faults.map((fault, i) => ({ at: i, do: "inject" as const, id: `f${i + 1}`, fault, expectLeader: true })), { at: 9, do: "end" as const }],
  endAt: 9,
});
const delay: FaultSpec = { kind: "delay", targets: ["leader"], delayMs: 200 };
const probeSaying = (state: FeatureState) => {
  const asked: string[] = [];
  const probe = (feature: "netem"): FeatureProbe => {
    asked.push(feature);
    return { feature, state, detail: "kernel 6.18 has no sch_netem (probed on the host)" };
  };
  return { probe, asked };
};

describe("refusing a run whose faults need what the kernel lacks", () => {
  it("refuses a schedule with a delay when netem is missing, with the reason, as inconclusive", () => {
    const { probe } = probeSaying("missing");
    const refuse = () => refuseUnmetKernelNeeds("slow", scheduleOf({ kind: "kill", targets: ["c1"] }, delay), probe);
    expect(refuse).toThrow(InconclusiveError);
    expect(refuse).toThrow("scenario slow was not run: its fault kind delay needs netem, and kernel 6.18 has no sch_netem (probed on the host)");
  });

  it("lets it run when netem is there or cannot be judged (the injection then fails loudly if the kernel refuses)", () => {
    expect(() => refuseUnmetKernelNeeds("slow", scheduleOf(delay), probeSaying("available").probe)).not.toThrow();
    expect(() => refuseUnmetKernelNeeds("slow", scheduleOf(delay), probeSaying("unknown").probe)).not.toThrow();
  });

  it("does not probe at all for schedules whose kinds need no kernel feature", () => {
    const { probe, asked } = probeSaying("missing");
    refuseUnmetKernelNeeds("fine", scheduleOf({ kind: "packet-loss", targets: ["leader"], probability: 0.3 }, { kind: "zk-outage" }), probe);
    expect(asked).toEqual([]);
  });
});
