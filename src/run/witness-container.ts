import { join } from "node:path";
import { InconclusiveError } from "../errors/index.js";
import { WITNESS, type WriteMode } from "../history/events.js";
import type { HistoryWriter } from "../history/writer.js";
import { LABEL_NODE, LABEL_ROLE } from "../runtime/labels.js";
import { eachLine, NodeLog } from "../runtime/log-sink.js";
import type { Container, RunScope } from "../runtime/types.js";
import { DEFAULT_WITNESS_PORT } from "../witness/config.js";
import { parseWitnessLine } from "../witness/decision-line.js";
import { sleep } from "../util/sleep.js";

/** Where the witness's entry point is inside the candidate-node image (src/runtime/images.ts). */
export const WITNESS_MAIN = "/opt/sb/app/sb/witness/main.js";

/** The address candidates get as SB_WITNESS: the witness's host name on the run's network. */
export function witnessAddress(port = DEFAULT_WITNESS_PORT): string {
  return `http://${WITNESS}:${port}`;
}

/** The witness's container environment and command (pure). */
export function witnessContainerSpec(mode: WriteMode, image: string): { image: string; hostname: string; env: Record<string, string>; cmd: string[] } {
  return {
    image,
    hostname: WITNESS,
    env: { SB_WITNESS_MODE: mode, SB_WITNESS_PORT: String(DEFAULT_WITNESS_PORT), SB_WITNESS_NAME: WITNESS },
    cmd: ["node", WITNESS_MAIN],
  };
}

/** The readiness probe run inside the witness's container: exit 0 when GET /health answers 200. */
export const HEALTH_PROBE = [
  "node",
  "-e",
  `fetch("http://127.0.0.1:${DEFAULT_WITNESS_PORT}/health").then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))`,
];

export interface RunningWitnessContainer {
  readonly container: Container;
  /** Stops the witness, waits for its last decisions to be recorded, closes its log. */
  stop(): Promise<void>;
}

/**
 * Starts the witness on the run's network (host name `witness`) and waits until `GET /health`
 * answers. Each decision line it prints is appended to the history as a `write` event (`t`
 * stamped on receipt, its own `ts` kept); everything else goes to logs/witness.log. The
 * container is removed with the run.
 */
export async function startWitnessContainer(options: {
  run: RunScope;
  mode: WriteMode;
  image: string;
  history: HistoryWriter;
  logsDir: string;
  progress: (message: string) => void;
  signal: AbortSignal;
  readyTimeoutMs?: number;
}): Promise<RunningWitnessContainer> {
  const spec = witnessContainerSpec(options.mode, options.image);
  const log = new NodeLog(join(options.logsDir, `${WITNESS}.log`));
  const container = await options.run.create({
    name: options.run.containerName(WITNESS),
    ...spec,
    labels: { [LABEL_NODE]: WITNESS, [LABEL_ROLE]: "witness" },
    init: true,
  });
  const streams = await container.attach();
  const drained = Promise.all([
    eachLine(streams.stdout, (line) => {
      const parsed = parseWitnessLine(line);
      if (parsed.kind === "decision") {
        if (!options.history.closed) options.history.record(parsed.event);
        log.write("stdout", undefined, line);
      } else if (parsed.kind === "malformed") {
        log.write("splitbrain", undefined, `warning: ${parsed.warning}: ${line.slice(0, 200)}`);
        options.progress(`witness: ${parsed.warning}`);
      } else if (line.trim() !== "") log.write("stdout", undefined, line);
    }),
    eachLine(streams.stderr, (line) => {
      if (line.trim() !== "") log.write("stderr", undefined, line);
    }),
  ]);
  await container.start();
  options.progress(`witness (${options.mode}) starting at ${witnessAddress()}`);
  const timeoutMs = options.readyTimeoutMs ?? 30_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await container.exec(HEALTH_PROBE, { timeoutMs: 5000 }).catch(() => ({ exitCode: -1, stdout: "", stderr: "" }));
    if (probe.exitCode === 0) break;
    const state = await container.state().catch(() => undefined);
    if (state !== undefined && !state.running) {
      const last = await container.lastLines(5).catch(() => []);
      throw new InconclusiveError(`the witness exited (code ${state.exitCode}) before answering GET /health${last.length > 0 ? `: ${last.join(" | ")}` : ""}`, "See logs/witness.log in the run directory.");
    }
    if (Date.now() >= deadline) throw new InconclusiveError(`the witness did not answer GET /health within ${Math.round(timeoutMs / 1000)} s`, "See logs/witness.log in the run directory.");
    await sleep(200, options.signal);
  }
  options.history.record({ node: "splitbrain", type: "log", msg: `witness ${options.mode} serving at ${witnessAddress()}` });
  let stopped: Promise<void> | undefined;
  return {
    container,
    stop: () =>
      (stopped ??= (async () => {
        await container.stop(5).catch(() => undefined);
        await Promise.race([drained, sleep(3000)]);
        await log.close();
      })()),
  };
}
