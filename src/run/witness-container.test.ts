import { describe, expect, it } from "vitest";
import { witnessAddress, witnessContainerSpec } from "./witness-container.js";

describe("the witness's container", () => {
  it("runs the witness entry of the candidate-node image as host `witness` on port 7070, in the run's mode", () => {
    expect(witnessContainerSpec("fenced", "splitbrain/candidate-node:0.1.0")).toEqual({
      image: "splitbrain/candidate-node:0.1.0",
      hostname: "witness",
      env: { SB_WITNESS_MODE: "fenced", SB_WITNESS_PORT: "7070", SB_WITNESS_NAME: "witness" },
      cmd: ["node", "/opt/sb/app/sb/witness/main.js"],
    });
    expect(witnessAddress()).toBe("http://witness:7070");
  });
});
