import { describe, expect, it } from "vitest";
import { outDirNames } from "./run-all.js";

describe("outDirNames", () => {
  it("gives a scenario listed twice two directories, never one name twice", () => {
    expect(outDirNames(["partition-leader", "zk-outage", "partition-leader", "partition-leader"])).toEqual(["partition-leader", "zk-outage", "partition-leader-2", "partition-leader-3"]);
    expect(outDirNames(["x", "x-2", "x"])).toEqual(["x", "x-2", "x-3"]);
  });
});
