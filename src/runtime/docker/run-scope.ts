import type Docker from "dockerode";
import { isNotFound } from "./client.js";
import type { Container, ContainerSpec, NetAdmin, RunScope, TeardownReport } from "../types.js";
import { createContainer, type ContainerHandle } from "./container.js";
import { LABEL_NODE, LABEL_ROLE, LABEL_RUN, ownerLabels, type RunOwner } from "../labels.js";

export type { TeardownReport } from "../types.js";

/**
 * Everything one run makes on the engine: a bridge network and containers, all labelled with
 * the run id. `teardown()` runs once, removes containers in reverse order of creation and then
 * the network, tolerates partial failure, and finally sweeps by label for anything missed.
 */
export class DockerRun implements RunScope {
  private readonly containers: ContainerHandle[] = [];
  private teardownPromise: Promise<TeardownReport> | undefined;
  readonly labels: Record<string, string>;

  private constructor(
    readonly docker: Docker,
    readonly owner: RunOwner,
    readonly network: string,
  ) {
    this.labels = ownerLabels(owner);
  }

  /** Creates the run's network. Nothing else exists yet, so a failure leaves nothing behind. */
  static async open(docker: Docker, owner: RunOwner): Promise<DockerRun> {
    const name = `sb-${owner.runId}`;
    const run = new DockerRun(docker, owner, name);
    await docker.createNetwork({ Name: name, Driver: "bridge", Labels: run.labels, CheckDuplicate: true });
    return run;
  }

  get runId(): string {
    return this.owner.runId;
  }

  /** The Docker name of a node's container: sb-<run>-<node>. */
  containerName(node: string): string {
    return `sb-${this.owner.runId}-${node}`;
  }

  /** Creates a container labelled for this run, on its network unless it shares another's. */
  async create(spec: Omit<ContainerSpec, "labels" | "network"> & { labels?: Record<string, string> }): Promise<ContainerHandle> {
    if (this.teardownPromise !== undefined) throw new Error("the run is being torn down");
    const full: ContainerSpec = {
      ...spec,
      labels: { ...this.labels, ...(spec.labels ?? {}) },
      ...(spec.networkMode === undefined ? { network: this.network } : {}),
    };
    const handle = await createContainer(this.docker, full);
    this.containers.push(handle);
    return handle;
  }

  /** A helper container with NET_ADMIN that shares the target's network namespace. */
  async netAdmin(target: Container, options: { node: string; name: string; image: string }): Promise<NetAdmin> {
    const helper = await this.create({
      name: `${this.containerName(options.node)}-net-${options.name}`,
      image: options.image,
      networkMode: `container:${target.id}`,
      capAdd: ["NET_ADMIN"],
      labels: { [LABEL_NODE]: options.node, [LABEL_ROLE]: "netutil" },
    });
    const close = async (): Promise<void> => {
      try {
        await helper.remove();
      } finally {
        this.forget(helper);
      }
    };
    try {
      await helper.start();
    } catch (err) {
      await close().catch(() => undefined);
      throw err;
    }
    return {
      node: options.node,
      run: (script, timeoutMs) => helper.exec(["sh", "-c", script], { timeoutMs }),
      alive: async () => (await helper.state()).running,
      close,
    };
  }

  /** Forgets a container that was removed on purpose (e.g. replaced by a new one of the same name). */
  forget(handle: Container): void {
    const i = this.containers.indexOf(handle as ContainerHandle);
    if (i >= 0) this.containers.splice(i, 1);
  }

  teardown(): Promise<TeardownReport> {
    this.teardownPromise ??= this.doTeardown();
    return this.teardownPromise;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.teardown();
  }

  private async doTeardown(): Promise<TeardownReport> {
    const failures: string[] = [];
    let containers = 0;
    for (const c of [...this.containers].reverse()) {
      try {
        await c.remove();
        containers += 1;
      } catch (err) {
        failures.push(`container ${c.name}: ${(err as Error).message}`);
      }
    }
    const swept = await removeByLabel(this.docker, this.owner.runId);
    containers += swept.containers;
    return { containers, networks: swept.networks, failures: [...failures, ...swept.failures] };
  }
}

/** Removes every container, then every network, that carries `splitbrain.run=<runId>`. */
export async function removeByLabel(docker: Docker, runId: string): Promise<TeardownReport> {
  const filter = { label: [`${LABEL_RUN}=${runId}`] };
  const failures: string[] = [];
  let containers = 0;
  let networks = 0;
  const list = await docker.listContainers({ all: true, filters: filter });
  const removals = await Promise.allSettled(
    list.map((c) => docker.getContainer(c.Id).remove({ force: true, v: true })),
  );
  removals.forEach((r, i) => {
    if (r.status === "fulfilled") containers += 1;
    else if (!isNotFound(r.reason)) failures.push(`container ${list[i]?.Names?.[0] ?? list[i]?.Id}: ${(r.reason as Error).message}`);
  });
  const nets = await docker.listNetworks({ filters: filter });
  for (const n of nets) {
    try {
      await docker.getNetwork(n.Id).remove();
      networks += 1;
    } catch (err) {
      if (!isNotFound(err)) failures.push(`network ${n.Name}: ${(err as Error).message}`);
    }
  }
  return { containers, networks, failures };
}
