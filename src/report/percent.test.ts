import { describe, expect, it } from "vitest";
import { pct } from "./percent.js";

describe("pct", () => {
  it("prints 0 and 1 whole", () => {
    expect(pct(0)).toBe("0%");
    expect(pct(1)).toBe("100%");
  });

  it("prints anything between with one decimal, rounded", () => {
    expect(pct(0.2775)).toBe("27.8%");
    expect(pct(0.7934)).toBe("79.3%");
    expect(pct(0.108)).toBe("10.8%");
    expect(pct(0.5)).toBe("50.0%");
    expect(pct(0.0001)).toBe("0.0%");
    expect(pct(0.9999)).toBe("100.0%");
  });
});
