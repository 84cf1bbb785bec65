import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type Docker from "dockerode";
import { describe, expect, it } from "vitest";
import { InconclusiveError } from "../../src/errors/index.js";
import { ensureImage, inspectImage, resolveBase } from "../../src/runtime/docker/image-builder.js";
import { PROJECT_ROOT, type ImageDef } from "../../src/runtime/images.js";
import { dockerOrSkip, tmpDir } from "../support/docker.js";

const env = await dockerOrSkip();

describe.skipIf("skip" in env)("an image build that fails (as on first use)", () => {
  const docker = (env as { docker: Docker }).docker;

  it("names the image, the failing step and the fix, is inconclusive (the CLI's exit 2), and leaves no tag behind", async () => {
    const dir = tmpDir("sb-broken-image-");
    writeFileSync(join(dir, "Dockerfile"), "ARG BASE=debian:bookworm-slim\nFROM ${BASE}\nRUN echo first step fine\nRUN echo 'E: Unable to locate package nosuchpkg' >&2; exit 100\n");
    const def: ImageDef = { name: "broken", repository: `splitbrain/broken-${randomBytes(3).toString("hex")}`, context: relative(PROJECT_ROOT, dir), description: "a build that fails at its second RUN" };
    const base = await resolveBase(docker, { progress: () => undefined });
    const err: unknown = await ensureImage(docker, def, "0.0.0", { base, progress: () => undefined }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InconclusiveError);
    const { message, hint } = err as InconclusiveError;
    expect(message).toMatch(new RegExp(`^building image broken \\(${def.repository}:0\\.0\\.0\\) failed at Step 4/\\d+ : RUN echo 'E: Unable to locate package nosuchpkg'`));
    expect(message).toContain("returned a non-zero code: 100");
    expect(message).toContain("E: Unable to locate package nosuchpkg");
    expect(hint).toContain(`${def.context}/Dockerfile`);
    expect(hint).toContain("splitbrain images build broken");
    expect(await inspectImage(docker, `${def.repository}:0.0.0`)).toBeUndefined();
  }, 300_000);
});
