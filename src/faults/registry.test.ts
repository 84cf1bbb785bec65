import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { FAULT_KIND_NAMES, FAULT_KINDS, kindOf, needsOf } from "./registry.js";

describe("the fault kind registry", () => {
  // That every kind is filed under its own name, and that the list of names is the registry's
  // keys, tsc checks (the `satisfies` in registry.ts). What it cannot check is the text.
  it("gives every kind the text that docs, help and the dry run show: a summary and a heal summary", () => {
    for (const name of FAULT_KIND_NAMES) {
      expect(FAULT_KINDS[name].summary.trim(), name).not.toBe("");
      expect(FAULT_KINDS[name].healSummary.trim(), name).not.toBe("");
    }
  });

  it("knows no kind by a name it does not have, not even an inherited property", () => {
    expect(kindOf("explode")).toBeUndefined();
    expect(kindOf("toString")).toBeUndefined();
  });

  it("says what a run of some kinds needs: the network helper for partitions, nothing for kills", () => {
    expect(needsOf(["kill", "pause", "zk-outage"])).toEqual({ netAdmin: false, kernel: [], clock: false });
    expect(needsOf(["kill", "partition-from-zk"])).toEqual({ netAdmin: true, kernel: [], clock: false });
    expect(needsOf(["explode"])).toEqual({ netAdmin: false, kernel: [], clock: false });
  });

  it("has a row for every kind in docs/scenarios.md's fault table", () => {
    const doc = readFileSync(new URL("../../docs/scenarios.md", import.meta.url), "utf8");
    for (const name of FAULT_KIND_NAMES) expect(doc).toContain(`| \`${name}\` |`);
  });
});
