import { describe, expect, it } from "vitest";
import type { RunScope } from "../runtime/types.js";
import { ClusterFixture } from "./cluster-fixture.js";

describe("the cluster fixture", () => {
  it("closes the run once, also when the run scope never opened and when disposed twice", async () => {
    const closed: Array<RunScope | undefined> = [];
    const fixture = new ClusterFixture(async (run) => {
      closed.push(run);
    });
    {
      await using f = fixture;
      await expect(f.openRun(() => Promise.reject(new Error("engine unreachable")))).rejects.toThrow("engine unreachable");
    }
    await fixture[Symbol.asyncDispose]();
    expect(closed).toEqual([undefined]);
  });

  it("starts nothing before the run scope is open", async () => {
    await using fixture = new ClusterFixture(async () => undefined);
    await expect(fixture.startFleet({} as never)).rejects.toThrow("the run scope is not open yet");
  });
});
