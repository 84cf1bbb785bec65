import { describe, expect, it } from "vitest";
import { styleFor } from "./style.js";

describe("styleFor", () => {
  it("colours a terminal", () => {
    expect(styleFor({ isTTY: true }, {}).level).toBeGreaterThan(0);
    expect(styleFor({ isTTY: true }, {}).red("x")).not.toBe("x");
  });

  it("is plain when NO_COLOR is set or the stream is not a terminal", () => {
    expect(styleFor({ isTTY: true }, { NO_COLOR: "1" }).red("x")).toBe("x");
    expect(styleFor({ isTTY: false }, {}).red("x")).toBe("x");
    expect(styleFor({}, {}).level).toBe(0);
  });
});
