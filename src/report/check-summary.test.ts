import { Chalk } from "chalk";
import { describe, expect, it } from "vitest";
import { checkHistory } from "../checkers/check-history.js";
import { DEFAULT_CHECK_OPTIONS } from "../checkers/types.js";
import { formatCheckSummary } from "./check-summary.js";

const plain = new Chalk({ level: 0 });

describe("formatCheckSummary: effects", () => {
  it("has an effects line with the stale write and the split brain, like the other checkers", async () => {
    const check = await checkHistory("fixtures/histories/effects-plain-stale-fail.jsonl", { ...DEFAULT_CHECK_OPTIONS, fencing: true });
    const text = formatCheckSummary(check, plain);
    expect(text).toContain(
      "  ✗ effects   1 effect-level split brain(s): two leaders' writes accepted during one overlap; 1 stale write(s) accepted (3 writes, 3 accepted, 0 refused)",
    );
    expect(text).toContain("      effect-level split brain: c1 and c2 both led group default from t=9021 to t=20010");
    expect(text).toContain("      stale write: c1's write seq 2 with token 0x100000004 at t=20004 in group default was accepted after c2's write seq 1 with token 0x200000003 at t=9100, a greater token");
    expect(text).toMatch(/FAIL: a violation was found$/);
  });

  it("notes a refused stale write and passes", async () => {
    const check = await checkHistory("fixtures/histories/effects-fenced-refused-pass.jsonl", { ...DEFAULT_CHECK_OPTIONS, fencing: true });
    const text = formatCheckSummary(check, plain);
    expect(text).toContain("  ✓ effects   no two leaders' writes accepted during an overlap, no stale write accepted (3 writes, 2 accepted, 1 refused); 1 stale write(s) refused by the witness");
    expect(text).toContain("      the fenced witness refused c1's write seq 2 with token 0x100000004 at t=20004 in group default: a stale write: c2's token 0x200000003 was accepted at t=9100");
    expect(text).toMatch(/PASS: every check passed$/);
  });
});
