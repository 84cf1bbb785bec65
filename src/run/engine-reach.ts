import { randomBytes } from "node:crypto";
import { InconclusiveError } from "../errors/index.js";
import { connectRuntime } from "../runtime/connect.js";
import { imageTag, IMAGES } from "../runtime/images.js";
import { currentOwner } from "../runtime/labels.js";
import { newRunId } from "../report/run-dir.js";
import { readGreeting } from "./greeting.js";

/** How long the harness tries to read the probe's line (its container is starting). */
const REACH_WITHIN_MS = 10_000;
const PROBE_PORT = 7777;

export const ENGINE_REACH_HINT =
  "splitbrain probes ZooKeeper and the candidates at their container addresses from the machine it runs on, so it must run on the engine's machine (or one that routes to its container networks). To use several machines, run splitbrain on each with --shard i/n and join the results with `splitbrain merge` (docs/ci.md).";

/**
 * The probe's program: Perl (perl-base is in every Debian image, netutil's too) answering every
 * connection with one line. Only this program can say it, so reading it proves the harness
 * reaches the container's address.
 */
export function probeCommand(line: string, port: number): string[] {
  return ["perl", "-MIO::Socket::INET", "-e", `$SIG{TERM}=sub{exit 0};my $s=IO::Socket::INET->new(LocalPort=>${port},Listen=>5,ReuseAddr=>1) or die "listen: $!";while(my $c=$s->accept){print $c "${line}\\n";close $c}`];
}

/**
 * Whether the harness can reach the containers of the engine the environment names: a small
 * container (the netutil image, copied or built as a run would) on a network of its own that
 * answers one line on a port; the harness must read that line at the container's address.
 * When it cannot, a run there could never probe its servers: it is refused before anything
 * starts (InconclusiveError naming the engine, exit 2). Everything made is removed.
 */
export async function checkEngineReach(env: NodeJS.ProcessEnv, version: string, progress: (message: string) => void, buildArgs?: Record<string, string>): Promise<void> {
  const runtime = await connectRuntime(env);
  const endpoint = runtime.engine.endpoint;
  await runtime.ensureImages([IMAGES.netutil], version, { progress, ...(buildArgs !== undefined ? { buildArgs } : {}) });
  const run = await runtime.openRun(currentOwner(`${newRunId(new Date())}-reach`));
  try {
    const line = `splitbrain-reach ${randomBytes(6).toString("hex")}`;
    const probe = await run.create({ name: `sb-${run.runId}-probe`, image: imageTag(IMAGES.netutil, version), entrypoint: probeCommand(line, PROBE_PORT) });
    await probe.start();
    const ip = await probe.ip();
    if (ip === undefined) throw new InconclusiveError(`engine ${endpoint}: its probe container got no address on network ${run.network}`, ENGINE_REACH_HINT);
    const r = await readGreeting(ip, PROBE_PORT, line, REACH_WITHIN_MS);
    if (!r.reached) {
      throw new InconclusiveError(`engine ${endpoint}: its containers cannot be reached from this machine (a container at ${ip}:${PROBE_PORT} on network ${run.network}: ${r.how}); nothing was started`, ENGINE_REACH_HINT);
    }
    progress(`engine ${endpoint}: its containers are reachable from here (${ip})`);
  } finally {
    await run.teardown();
  }
}
