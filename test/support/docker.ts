import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type Docker from "dockerode";
import { connectDocker } from "../../src/runtime/docker/client.js";
import { ensureImages } from "../../src/runtime/docker/image-builder.js";
import { LABEL_RUN } from "../../src/runtime/labels.js";
import { hostBuildArgs } from "../../src/runtime/host-ca.js";
import { IMAGES, type ImageName } from "../../src/runtime/images.js";
import { packageVersion } from "../../src/cli/version.js";

export interface DockerEnv {
  docker: Docker;
}

/**
 * Docker for a test file: connects, or explains why not. Outside CI a missing engine skips the
 * Docker tests with a printed reason; under CI=true it fails them.
 */
export async function dockerOrSkip(): Promise<{ docker: Docker } | { skip: string }> {
  try {
    const { docker } = await connectDocker(process.env, 5000);
    return { docker };
  } catch (err) {
    const reason = `Docker tests need an engine: ${(err as Error).message}`;
    if (process.env["CI"] === "true") throw new Error(`${reason} (CI=true: Docker tests must run; .ci/run starts the engine)`);
    console.warn(`SKIPPING Docker tests: ${reason}`);
    return { skip: reason };
  }
}

/** Builds (or finds up to date) the images a test needs; returns their tags. */
export async function testImages(docker: Docker, names: ImageName[]): Promise<Record<string, string>> {
  const built = await ensureImages(
    docker,
    names.map((n) => IMAGES[n]),
    packageVersion(),
    { progress: (m) => console.log(`[images] ${m}`), buildArgs: hostBuildArgs(process.env) },
  );
  const out: Record<string, string> = {};
  for (const [name, r] of built) out[name] = r.tag;
  return out;
}

/** Containers and networks that carry the run's label (should be none after teardown). */
export async function leftovers(docker: Docker, runId: string): Promise<{ containers: string[]; networks: string[] }> {
  const filters = { label: [`${LABEL_RUN}=${runId}`] };
  const containers = (await afterBlockedLoop(() => docker.listContainers({ all: true, filters }))).map((c) => c.Names[0] ?? c.Id);
  const networks = (await afterBlockedLoop(() => docker.listNetworks({ filters }))).map((n) => n.Name);
  return { containers, networks };
}

/**
 * A request to the engine after a long wait: the HTTP agent may still hold a kept-alive socket the
 * engine closed meanwhile, whose close it has not processed yet, and the request fails with EPIPE
 * or ECONNRESET (seen after the 5-minute suite run when the tests still started the CLI with
 * spawnSync, which blocked the event loop; they now spawn it asynchronously). Such a request never
 * reached the engine, so it is sent once more.
 */
async function afterBlockedLoop<T>(request: () => Promise<T>): Promise<T> {
  try {
    return await request();
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (code !== "EPIPE" && code !== "ECONNRESET") throw err;
    await new Promise((r) => setTimeout(r, 50));
    return request();
  }
}

export function tmpDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
