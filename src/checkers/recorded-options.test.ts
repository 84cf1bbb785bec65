import { describe, expect, it } from "vitest";
import type { Meta } from "../history/events.js";
import { recordedCheckOptions } from "./recorded-options.js";

const meta = (extra: Record<string, unknown>): Meta => ({ type: "meta", v: 1, run: "r", scenario: "s", seed: 1, startedAt: "2026-01-01T00:00:00Z", ...extra }) as Meta;

describe("recordedCheckOptions", () => {
  it("reads the check options a run wrote into the header", () => {
    expect(recordedCheckOptions(meta({ config: { check: { toleranceMs: 5, recoveryMs: 15_000, fencing: true, maxReported: 100 } } }))).toEqual({
      toleranceMs: 5,
      recoveryMs: 15_000,
      fencing: true,
    });
  });

  it("is empty for a hand-written header, and leaves out fields of the wrong type", () => {
    expect(recordedCheckOptions(meta({}))).toEqual({});
    expect(recordedCheckOptions(meta({ config: "fast" }))).toEqual({});
    expect(recordedCheckOptions(meta({ config: { check: { toleranceMs: "5", recoveryMs: -1, fencing: "yes" } } }))).toEqual({});
    expect(recordedCheckOptions(meta({ config: { check: { recoveryMs: 7000 } } }))).toEqual({ recoveryMs: 7000 });
  });
});
