import { readFileSync } from "node:fs";
import { join } from "node:path";
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

/**
 * A dockerode instance for the engine `env` names (DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH), or the local socket. Read from `env`, not from process.env, so that runs
 * spread over several engines (--engines) each reach their own.
 */
export function createDocker(env: NodeJS.ProcessEnv = process.env): Docker {
  return new Docker(dockerOptionsOf(env));
}

/** dockerode's connection options for the engine `env` names. */
export function dockerOptionsOf(env: NodeJS.ProcessEnv): Docker.DockerOptions {
  const hostVar = env["DOCKER_HOST"];
  // Every key is set, so nothing of dockerode's own defaults (read from process.env) survives.
  const none = { socketPath: undefined, host: undefined, port: undefined, protocol: undefined } as unknown as Docker.DockerOptions;
  if (hostVar === undefined || hostVar === "") return { ...none, socketPath: "/var/run/docker.sock" };
  if (hostVar.startsWith("unix://")) return { ...none, socketPath: hostVar.slice("unix://".length) || "/var/run/docker.sock" };
  if (hostVar.startsWith("npipe://")) return { ...none, socketPath: hostVar.slice("npipe://".length) || "//./pipe/docker_engine" };
  const url = new URL(hostVar.includes("//") ? hostVar : `tcp://${hostVar}`);
  const ssh = url.protocol === "ssh:";
  const tls = env["DOCKER_TLS_VERIFY"] === "1" || url.port === "2376";
  const certs = env["DOCKER_CERT_PATH"];
  return {
    ...none,
    host: url.hostname,
    ...(url.port !== "" ? { port: url.port } : {}),
    protocol: ssh ? "ssh" : tls ? "https" : "http",
    ...(ssh ? { username: url.username, sshOptions: { agent: env["SSH_AUTH_SOCK"] } } : {}),
    ...(certs !== undefined && certs !== "" && !ssh
      ? { ca: readFileSync(join(certs, "ca.pem")), cert: readFileSync(join(certs, "cert.pem")), key: readFileSync(join(certs, "key.pem")) }
      : {}),
  } as Docker.DockerOptions;
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
