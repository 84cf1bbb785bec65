/** Candidate protocol v1 output: one JSON object per stdout line, with "sb" first and "ts" last. */

export type ProtocolMessage =
  | { sb: "leader"; token?: string }
  | { sb: "follower" }
  | { sb: "conn"; state: ConnState }
  | { sb: "log"; msg: string };

/** Session states this candidate reports (Curator-like names). */
export type ConnState = "connected" | "reconnected" | "suspended" | "expired" | "auth_failed" | "closed";

const MAX_LOG_CHARS = 2000;

export function formatMessage(msg: ProtocolMessage, ts: number): string {
  // No newline may appear inside a line: JSON.stringify escapes control characters in strings.
  const m = msg.sb === "log" && msg.msg.length > MAX_LOG_CHARS ? { ...msg, msg: msg.msg.slice(0, MAX_LOG_CHARS) + "..." } : msg;
  return JSON.stringify({ ...m, ts });
}

export interface ReporterOptions {
  /**
   * Start every line with a newline too. The zookeeper binding prints its own messages to
   * stdout through C stdio without a trailing newline ("zookeeper_init returned 0!"), flushed
   * at random moments; a protocol line written right after would be glued to that text and
   * lost. With "\n" + line + "\n" in one write(2) (atomic on a pipe below 4 KiB), such text
   * always ends up on lines of its own. Needed whenever the C client's log level is above 0.
   */
  guardNewline?: boolean;
  now?: () => number;
}

export class Reporter {
  private readonly now: () => number;
  private readonly prefix: string;

  constructor(
    private readonly write: (chunk: string) => void,
    options: ReporterOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.prefix = options.guardNewline === true ? "\n" : "";
  }

  send(msg: ProtocolMessage): void {
    this.write(this.prefix + formatMessage(msg, this.now()) + "\n");
  }

  leader(token: string): void {
    this.send({ sb: "leader", token });
  }

  follower(): void {
    this.send({ sb: "follower" });
  }

  conn(state: ConnState): void {
    this.send({ sb: "conn", state });
  }

  log(msg: string): void {
    this.send({ sb: "log", msg });
  }
}
