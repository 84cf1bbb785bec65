import { describe, expect, it } from "vitest";
import type { ReadEvent } from "../history/parse.js";
import { agreement } from "./observer-agreement.js";

describe("observer agreement", () => {
  it("sums the time two observers name different leaders, skipping stretches without an answer", () => {
    const events: ReadEvent[] = [
      { t: 0, node: "c1", type: "leader", source: "http" },
      { t: 100, node: "c1", type: "leader", source: "exec" }, // 0..100: exec has not answered yet
      { t: 200, node: "c1", type: "follower", source: "http" },
      { t: 500, node: "c1", type: "follower", source: "exec" }, // 200..500 disagree
      { t: 600, node: "c2", type: "unknown", source: "exec" },
      { t: 600, node: "c2", type: "leader", source: "http" },
      { t: 900, node: "c2", type: "leader", source: "exec" }, // 600..900 exec unknown: not compared
      { t: 1000, node: "c3", type: "log", msg: "end" },
    ];
    expect(agreement(events, "http", "exec")).toEqual({ disagreeMs: 300, longestMs: 300, comparedMs: 600 });
  });
});
