import { join } from "node:path";
import { WRITER } from "../history/events.js";
import type { HistoryWriter } from "../history/writer.js";
import { LABEL_NODE, LABEL_ROLE } from "../runtime/labels.js";
import { eachLine, NodeLog } from "../runtime/log-sink.js";
import type { Container, RunScope } from "../runtime/types.js";
import { sleep } from "../util/sleep.js";
import { writerScript } from "../writer/script.js";
import { parseWriterLine } from "../writer/writer-line.js";

/** Where the writer's program is written inside its container. */
export const WRITER_PATH = "/tmp/sb-writer.py";

/** How long the writer looks for a primary to read at the end (ms). */
export const DEFAULT_READ_WAIT_MS = 20_000;

/** The writer's container environment and command (pure). */
export function writerContainerSpec(options: { image: string; members: readonly string[]; intervalMs?: number; readWaitMs?: number }): {
  image: string;
  hostname: string;
  env: Record<string, string>;
  entrypoint: string[];
  cmd: string[];
} {
  return {
    image: options.image,
    hostname: WRITER,
    env: {
      SB_WRITER_MEMBERS: options.members.join(","),
      SB_WRITER_PORT: "5432",
      SB_WRITER_INTERVAL_MS: String(options.intervalMs ?? 200),
      SB_WRITER_READ_WAIT_MS: String(options.readWaitMs ?? DEFAULT_READ_WAIT_MS),
      SB_WRITER_NAME: WRITER,
    },
    entrypoint: ["python3", "-u", WRITER_PATH],
    cmd: [],
  };
}

export interface RunningWriter {
  readonly container: Container;
  /**
   * Stops writing and reads the rows back from the member(s) that accept writes (recorded as
   * `read` events), waiting for that read; with `abandon` (interrupted) it is killed at once.
   * Then its log is closed.
   */
  stop(abandon?: boolean): Promise<void>;
}

/**
 * Starts the writer on the run's network (host name `writer`, from the candidates' image): every
 * acknowledged insert it prints is appended to the history as a `write` event (`t` stamped on
 * receipt, its own `ts` kept), its read at the end as a `read` event; everything else goes to
 * logs/writer.log. The container is removed with the run.
 */
export async function startWriterContainer(options: {
  run: RunScope;
  image: string;
  members: readonly string[];
  history: HistoryWriter;
  logsDir: string;
  progress: (message: string) => void;
  intervalMs?: number;
  readWaitMs?: number;
}): Promise<RunningWriter> {
  const spec = writerContainerSpec(options);
  const log = new NodeLog(join(options.logsDir, `${WRITER}.log`));
  const container = await options.run.create({
    name: options.run.containerName(WRITER),
    ...spec,
    files: [{ path: WRITER_PATH, content: writerScript(), mode: 0o644 }],
    labels: { [LABEL_NODE]: WRITER, [LABEL_ROLE]: "writer" },
    init: true,
  });
  let acknowledged = 0;
  const streams = await container.attach();
  const drained = Promise.all([
    eachLine(streams.stdout, (line) => {
      const parsed = parseWriterLine(line);
      if (parsed.kind === "event") {
        if (!options.history.closed) options.history.record(parsed.event);
        if (parsed.event.type === "write") acknowledged += 1;
        log.write("stdout", undefined, line);
      } else if (parsed.kind === "malformed") {
        log.write("splitbrain", undefined, `warning: ${parsed.warning}: ${line.slice(0, 200)}`);
        options.progress(`writer: ${parsed.warning}`);
      } else if (line.trim() !== "") log.write("stdout", undefined, line);
    }),
    eachLine(streams.stderr, (line) => {
      if (line.trim() !== "") log.write("stderr", undefined, line);
    }),
  ]);
  await container.start();
  options.progress(`writer inserting into ${options.members.join(", ")} every ${spec.env["SB_WRITER_INTERVAL_MS"]} ms`);
  options.history.record({ node: "splitbrain", type: "log", msg: `writer inserting into ${options.members.join(", ")} every ${spec.env["SB_WRITER_INTERVAL_MS"]} ms` });
  const readWaitMs = options.readWaitMs ?? DEFAULT_READ_WAIT_MS;
  let stopped: Promise<void> | undefined;
  return {
    container,
    stop: (abandon = false) =>
      (stopped ??= (async () => {
        if (!abandon) {
          options.progress(`writer: ${acknowledged} write(s) acknowledged; reading them back from the primary (up to ${Math.round(readWaitMs / 1000)} s)`);
          // SIGTERM: it stops writing, reads the rows back and exits; stop() kills it if it hangs.
          await container.kill("SIGTERM").catch(() => undefined);
          // The timer is cancelled once the writer has exited: a pending one would keep the CLI alive.
          const timer = new AbortController();
          await Promise.race([container.wait().catch(() => undefined), sleep(readWaitMs + 15_000, timer.signal).catch(() => undefined)]);
          timer.abort();
        }
        await container.stop(abandon ? 1 : 5).catch(() => undefined);
        await Promise.race([drained, sleep(3000)]);
        await log.close();
      })()),
  };
}
