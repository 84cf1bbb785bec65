import { describe, expect, it } from "vitest";
import { durationMs, MAX_DURATION_MS, parseDurationText } from "./duration.js";
import { parseScenarioFile } from "./load.js";

describe("parseDurationText (flags)", () => {
  it("reads a bare number in the flag's unit, or a number with a unit", () => {
    expect(parseDurationText("5000", "ms")).toBe(5000);
    expect(parseDurationText("15s", "ms")).toBe(15_000);
    expect(parseDurationText("1.5s", "ms")).toBe(1500);
    expect(parseDurationText("2m", "ms")).toBe(120_000);
    expect(parseDurationText("90", "s")).toBe(90_000);
    expect(parseDurationText("250ms", "s")).toBe(250);
  });

  it.each(["0x10", "1e3", "-5", "", " ", "5 days", "Infinity", "5h"])("refuses %j, saying what a duration is", (text) => {
    expect(() => parseDurationText(text, "ms")).toThrow(/is not a duration: give a number of milliseconds or one with a unit, like 1500ms, 30s or 2m/);
  });

  it("refuses anything longer than 7 days, naming the maximum", () => {
    expect(parseDurationText(String(MAX_DURATION_MS), "ms")).toBe(MAX_DURATION_MS);
    expect(parseDurationText("10080m", "ms")).toBe(MAX_DURATION_MS);
    expect(() => parseDurationText("1000000000000s", "s")).toThrow('"1000000000000s" is longer than the maximum duration, 7 days (604800000 ms)');
    expect(() => parseDurationText("2592000", "s")).toThrow(/longer than the maximum duration/);
  });
});

describe("durationMs (scenario files)", () => {
  it("refuses anything longer than 7 days, also counted in session timeouts", () => {
    expect(() => durationMs("1000000000000s", 6000)).toThrow(/longer than the maximum duration, 7 days/);
    expect(() => durationMs(MAX_DURATION_MS + 1, 6000)).toThrow(/604800001 ms is longer than the maximum/);
    expect(() => durationMs({ sessionTimeouts: 1e9 }, 6000)).toThrow(/1000000000 session timeouts is longer than the maximum/);
    expect(() => durationMs("200000st", 6000)).toThrow(/longer than the maximum/);
    expect(durationMs("10080m", 6000)).toBe(MAX_DURATION_MS);
  });

  it("a scenario file with a step longer than the maximum is invalid, naming the step", () => {
    expect(() => parseScenarioFile("s.yaml", "name: long\nsteps:\n  - wait: 1000000000000s\n")).toThrow(
      /steps\.0\.wait: longer than the maximum duration, 7 days \(604800000 ms\)/,
    );
    expect(() => parseScenarioFile("s.yaml", "name: long\nsteps:\n  - fault: { kind: kill, targets: [leader] }\n    for: 999999999999\n")).toThrow(
      /steps\.0\.for: longer than the maximum duration/,
    );
  });
});
