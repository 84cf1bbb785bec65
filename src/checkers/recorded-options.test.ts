import { describe, expect, it } from "vitest";
import type { Meta } from "../history/events.js";
import { RecordedOptionError, recordedCheckOptions } from "./recorded-options.js";

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
    expect(recordedCheckOptions(meta({ config: { check: {} } }))).toEqual({});
    expect(recordedCheckOptions(meta({ config: { check: { recoveryMs: 7000 } } }))).toEqual({ recoveryMs: 7000 });
  });
  it("refuses a recorded option of the wrong type, negative or over 7 days, naming the field (never the default instead)", () => {
    const bad = (check: unknown): string => {
      try {
        recordedCheckOptions(meta({ config: { check } }));
      } catch (err) {
        expect(err).toBeInstanceOf(RecordedOptionError);
        return (err as Error).message;
      }
      return "accepted";
    };
    expect(bad({ recoveryMs: "5000" })).toBe('config.check.recoveryMs: expected a number of milliseconds from 0 to 604800000 (7 days), got "5000"');
    expect(bad({ recoveryMs: -1 })).toContain("config.check.recoveryMs");
    expect(bad({ toleranceMs: 1e300 })).toContain("config.check.toleranceMs");
    expect(bad({ fencing: "yes" })).toContain("config.check.fencing: expected true or false");
    expect(bad("fast")).toContain("config.check: expected an object");
  });
});
