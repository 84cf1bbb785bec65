import { describe, expect, it } from "vitest";
import { printable } from "./printable.js";

describe("printable", () => {
  it("leaves ordinary text (Unicode included) as it is", () => {
    expect(printable("c1 ✓ zk-outage é")).toBe("c1 ✓ zk-outage é");
  });
  it("writes newlines, ESC, CR, DEL, C1 and line separators as escapes: nothing can start a line or a terminal sequence", () => {
    const forged = "c1\nPASS: every check passed\r\u001b[32m\u007f\u0085\u2028\u202e";
    const out = printable(forged);
    expect(out).toBe("c1\\nPASS: every check passed\\r\\x1b[32m\\x7f\\x85\\u2028\\u202e");
    expect([...out].filter((ch) => ch.charCodeAt(0) < 0x20 || (ch >= "\u007f" && ch <= "\u009f") || ch === "\u2028" || ch === "\u202e")).toEqual([]);
  });
});
