import { DockerRuntime } from "./docker/docker-runtime.js";
import type { Runtime } from "./types.js";

/**
 * The runtime a run uses. Today always Docker (the local socket, or DOCKER_HOST); a Kubernetes
 * runtime would be chosen here (docs/kubernetes.md), and nothing outside src/runtime changes.
 */
export function connectRuntime(env: NodeJS.ProcessEnv): Promise<Runtime> {
  return DockerRuntime.connect(env);
}
