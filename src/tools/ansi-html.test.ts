import { describe, expect, it } from "vitest";
import { ansiToHtml } from "./ansi-html.js";

describe("ansiToHtml", () => {
  it("turns colours and bold into spans and escapes the text", () => {
    expect(ansiToHtml("a \u001b[32m★ c2\u001b[39m <b>")).toBe('a <span style="color:#98c379">★ c2</span> &lt;b&gt;');
    expect(ansiToHtml("\u001b[1m\u001b[31mFAIL\u001b[22m\u001b[39m ok")).toBe('<span style="color:#e06c75;font-weight:bold">FAIL</span> ok');
  });

  it("drops what it does not draw (256 colours, cursor moves)", () => {
    expect(ansiToHtml("\u001b[38;5;200mx\u001b[0m\u001b[2Ky")).toBe("xy");
  });
});
