import { describe, expect, it } from "vitest";
import { nestedQuantifier } from "./regex-safety.js";

describe("nestedQuantifier", () => {
  it("finds a quantified group that holds a quantifier (catastrophic backtracking)", () => {
    expect(nestedQuantifier("(a+)+$")).toBe("(a+)+");
    expect(nestedQuantifier("^(\\w*)*x")).toBe("(\\w*)*");
    expect(nestedQuantifier("(a|a?)+")).toBe("(a|a?)+");
    expect(nestedQuantifier("((ab)*c)+")).toBe("((ab)*c)+");
    expect(nestedQuantifier("(x{1,5}){2,}")).toBe("(x{1,5}){2,}");
  });
  it("accepts the patterns observers use", () => {
    for (const ok of ["promoted self to leader", "^leader=(\\w+)$", "demoted|stepping down", "(?:c\\d+)", "[(+)]+", "\\(a+\\)+", "lead(er|ing)?", "(ab){3}", "node-(\\d+)"]) {
      expect(nestedQuantifier(ok), ok).toBeUndefined();
    }
  });
});
