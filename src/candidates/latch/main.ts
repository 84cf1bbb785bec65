/**
 * Entry of the reference candidate `latch` (image splitbrain/candidate-node, /opt/sb/app/main.js),
 * and of the `lease` candidate with the argument `lease` (lease-candidate.ts).
 * stdout: candidate protocol v1 lines only; stderr: debug.
 */
import { performance } from "node:perf_hooks";
import { ConfigError, parseConfig } from "./config.js";
import { LatchCandidate } from "./latch.js";
import { LeaseCandidate } from "./lease-candidate.js";
import { Reporter } from "./protocol.js";
import { StartupWindowCandidate } from "./startup-window.js";
import { loadZookeeper } from "./zk-client.js";
import { postWrite } from "./witness-client.js";
import { WriteLoop } from "./write-loop.js";

function debug(msg: string): void {
  process.stderr.write(`${new Date().toISOString()} latch: ${msg}\n`);
}

function main(): void {
  let config;
  try {
    config = parseConfig(process.env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    new Reporter((chunk) => process.stdout.write(chunk)).log(`bad configuration: ${err.message}`);
    debug(`bad configuration: ${err.message}`);
    process.exit(64);
  }
  const out = new Reporter((chunk) => process.stdout.write(chunk), { guardNewline: config.zkLogLevel > 0 });
  const deps = { config, zk: loadZookeeper(), out, debug, monotonic: () => performance.now() };
  const candidate =
    process.argv[2] === "lease" ? new LeaseCandidate(deps) : config.bug === "startup-window" ? new StartupWindowCandidate(deps) : new LatchCandidate(deps);

  // With SB_WITNESS: writes while it leads (write-loop.ts). The startup-window mode does not write.
  const witness = config.witness;
  const writes =
    witness !== undefined && !(candidate instanceof StartupWindowCandidate)
      ? new WriteLoop({
          node: config.node,
          bug: config.bug,
          intervalMs: config.writeIntervalMs,
          belief: () => candidate.belief(),
          confirm: (token) => candidate.confirmLeadership(token),
          post: (body) => postWrite(witness, body),
          schedule: (ms, fn) => {
            const timer = setTimeout(fn, ms);
            return () => clearTimeout(timer);
          },
          debug,
        })
      : undefined;

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    debug(`${signal}: closing the session`);
    try {
      writes?.stop();
      candidate.stop();
    } finally {
      process.exit(0);
    }
  };
  process.on("SIGTERM", () => shutdown("SIGTERM"));
  process.on("SIGINT", () => shutdown("SIGINT"));
  process.on("unhandledRejection", (reason) => {
    const msg = reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
    debug(`unhandled rejection: ${msg}`);
    out.log(`unhandled rejection: ${reason instanceof Error ? reason.message : String(reason)}`);
  });
  candidate.start();
  if (writes !== undefined) {
    debug(`writing to ${witness ?? "?"} every ${config.writeIntervalMs} ms while leading (bug ${config.bug})`);
    writes.start();
  }
}

main();
