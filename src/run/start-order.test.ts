import { describe, expect, it } from "vitest";
import { longestFirst } from "./start-order.js";

describe("longestFirst", () => {
  it("gives the jobs' indices, longest first", () => {
    expect(longestFirst([10, 30, 20])).toEqual([1, 2, 0]);
  });

  it("keeps the given order among jobs of the same length", () => {
    expect(longestFirst([5, 9, 5, 9, 5])).toEqual([1, 3, 0, 2, 4]);
    expect(longestFirst([7, 7, 7])).toEqual([0, 1, 2]);
  });

  it("nothing to order", () => {
    expect(longestFirst([])).toEqual([]);
  });
});
