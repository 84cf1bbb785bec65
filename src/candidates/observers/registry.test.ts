import { describe, expect, it } from "vitest";
import { parseCandidateFile } from "../candidate-file.js";
import { OBSERVER_KIND_NAMES, OBSERVER_KINDS } from "./registry.js";
import { kindOf, ObserverSpecSchema, pollIntervalOf, probeTimeoutOf, sourceNames } from "./spec.js";

/** A minimal valid entry of each kind. */
const EXAMPLES: Record<string, unknown> = {
  http: { port: 8008, path: "/primary" },
  exec: { command: ["true"], leader: { exitCode: 0 } },
  log: { leader: "I lead", follower: "I follow" },
  zk: { electionPath: "/election" },
};

describe("the observer kinds", () => {
  it("each kind watches in exactly one way: probes each candidate, reads the whole fleet, or reads lines; only line readers do not poll", () => {
    for (const name of OBSERVER_KIND_NAMES) {
      const def = OBSERVER_KINDS[name];
      const ways = ["probe", "fleet", "line"].filter((w) => w in def);
      expect(ways, name).toHaveLength(1);
      const body = def.schema.parse(EXAMPLES[name]);
      expect(def.pollMs(body as never) === undefined, name).toBe(ways[0] === "line");
      expect(def.kind).toBe(name);
    }
  });

  it("every kind reads from a candidate file, and the entry's kind, source name, interval and timeout come from its module", () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual([...OBSERVER_KIND_NAMES].sort());
    const yaml = `image: x\nobserve:\n${OBSERVER_KIND_NAMES.map((k) => `  - ${k}: ${JSON.stringify(EXAMPLES[k])}`).join("\n")}\n`;
    const file = parseCandidateFile("f.yaml", yaml);
    expect(file.observe.map(kindOf)).toEqual(OBSERVER_KIND_NAMES);
    expect(sourceNames(file.observe)).toEqual(OBSERVER_KIND_NAMES);
    expect(file.observe.map(pollIntervalOf)).toEqual([100, 500, undefined, 100]);
    expect(file.observe.map(probeTimeoutOf)).toEqual([1000, 5000, 0, 1000]);
    for (const spec of file.observe) expect(ObserverSpecSchema.parse(spec)).toEqual(spec);
  });

  it("an entry of no kind is refused, naming every kind", () => {
    expect(() => parseCandidateFile("f.yaml", "image: x\nobserve:\n  - smtp: { port: 25 }\n")).toThrow(`observe.0: an observer is one of ${OBSERVER_KIND_NAMES.join(", ")}`);
    expect(ObserverSpecSchema.safeParse({ smtp: { port: 25 } }).success).toBe(false);
  });
});
