import { describe, expect, it } from "vitest";
import { DEFAULT_READ_WAIT_MS, WRITER_PATH, writerContainerSpec } from "./writer-container.js";

describe("writerContainerSpec", () => {
  it("runs the writer's program with python3 on every member, named writer", () => {
    const spec = writerContainerSpec({ image: "splitbrain/candidate-patroni:0.1.0", members: ["c1", "c2", "c3"] });
    expect(spec).toEqual({
      image: "splitbrain/candidate-patroni:0.1.0",
      hostname: "writer",
      env: { SB_WRITER_MEMBERS: "c1,c2,c3", SB_WRITER_PORT: "5432", SB_WRITER_INTERVAL_MS: "200", SB_WRITER_READ_WAIT_MS: String(DEFAULT_READ_WAIT_MS), SB_WRITER_NAME: "writer" },
      entrypoint: ["python3", "-u", WRITER_PATH],
      cmd: [],
    });
  });

  it("takes the interval and the read wait", () => {
    const spec = writerContainerSpec({ image: "i", members: ["c1"], intervalMs: 50, readWaitMs: 1000 });
    expect(spec.env["SB_WRITER_INTERVAL_MS"]).toBe("50");
    expect(spec.env["SB_WRITER_READ_WAIT_MS"]).toBe("1000");
  });
});
