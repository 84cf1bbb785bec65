import Docker from "dockerode";
import { InconclusiveError } from "../../errors/index.js";
import { withTimeout } from "../../util/deadline.js";
import type { EngineInfo } from "../types.js";

export type { EngineInfo } from "../types.js";

const FIX_HINT =
  "Start a Docker engine: on Debian as root, `bash scripts/setup-docker.sh` installs and starts one; elsewhere start Docker, or set DOCKER_HOST to a reachable engine.";

/** Where dockerode will connect, as a user would write it. */
export function describeEndpoint(env: NodeJS.ProcessEnv): string {
  return env["DOCKER_HOST"] !== undefined && env["DOCKER_HOST"] !== "" ? env["DOCKER_HOST"] : "unix:///var/run/docker.sock";
}

/** A dockerode instance for the environment (DOCKER_HOST, DOCKER_CERT_PATH ...) or the local socket. */
export function createDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  const host = env["DOCKER_HOST"];
  if (host === undefined || host === "") return new Docker({ socketPath: "/var/run/docker.sock" });
  return new Docker();
}

/**
 * Connects and asks the engine for its version, within `timeoutMs`. Throws an InconclusiveError
 * that names the endpoint and the fix when the engine does not answer.
 */
export async function connectDocker(env: NodeJS.ProcessEnv = process.env, timeoutMs = 5000): Promise<{ docker: Docker; engine: EngineInfo }> {
  const endpoint = describeEndpoint(env);
  let docker: Docker;
  try {
    docker = createDocker(env);
  } catch (err) {
    throw new InconclusiveError(`Docker is not reachable at ${endpoint}: ${(err as Error).message}`, FIX_HINT);
  }
  try {
    const v = await withTimeout(docker.version(), timeoutMs, `no answer within ${timeoutMs} ms`);
    return {
      docker,
      engine: { endpoint, version: v.Version, apiVersion: v.ApiVersion, os: v.Os, arch: v.Arch },
    };
  } catch (err) {
    const reason = err instanceof Error ? ((err as NodeJS.ErrnoException).code ?? err.message) : String(err);
    throw new InconclusiveError(`Docker is not reachable at ${endpoint} (${reason})`, FIX_HINT);
  }
}

/** True for the 404 of a container, network or image that no longer exists. */
export function isNotFound(err: unknown): boolean {
  return typeof err === "object" && err !== null && (err as { statusCode?: number }).statusCode === 404;
}
