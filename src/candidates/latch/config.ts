/** Environment of the latch candidate (candidate protocol v1 plus SB_BUG / SB_WINDOW_MS / SB_WITNESS). Pure. */

export const BUG_MODES = ["none", "ignore-disconnect", "no-path-recreate", "startup-window", "cached-belief"] as const;
export type BugMode = (typeof BUG_MODES)[number];

export interface LatchConfig {
  node: string;
  connect: string;
  electionPath: string;
  sessionTimeoutMs: number;
  bug: BugMode;
  windowMs: number;
  /**
   * C client log level from SB_ZK_LOG_LEVEL: 0 silent, 1 error (default) .. 4 debug. The C client
   * logs to stderr, but the binding's own messages go to STDOUT (unterminated printf): see Reporter.
   */
  zkLogLevel: number;
  /** SB_WITNESS (http://host:port): where to send writes while leading; absent, it writes nothing. */
  witness?: string;
  /** How often it writes while leading: a twelfth of the session timeout (500 ms at 6 s), at least 100 ms. */
  writeIntervalMs: number;
}

/** The write interval for a session timeout: 500 ms at the default 6 s, scaled with it. */
export function writeIntervalOf(sessionTimeoutMs: number): number {
  return Math.max(100, Math.round(sessionTimeoutMs / 12));
}

export class ConfigError extends Error {
  override readonly name = "ConfigError";
}

function required(env: Record<string, string | undefined>, key: string): string {
  const v = env[key];
  if (v === undefined || v.trim() === "") throw new ConfigError(`${key}: missing`);
  return v.trim();
}

function positiveInt(env: Record<string, string | undefined>, key: string, fallback?: number): number {
  const raw = env[key];
  if (raw === undefined || raw.trim() === "") {
    if (fallback !== undefined) return fallback;
    throw new ConfigError(`${key}: missing`);
  }
  const n = Number(raw.trim());
  if (!Number.isSafeInteger(n) || n <= 0) throw new ConfigError(`${key}: not a positive integer: ${JSON.stringify(raw)}`);
  return n;
}

export function parseConfig(env: Record<string, string | undefined>): LatchConfig {
  const node = required(env, "SB_NODE");
  const connect = required(env, "SB_ZK");
  const electionPath = required(env, "SB_ELECTION_PATH");
  if (!electionPath.startsWith("/") || electionPath === "/" || electionPath.endsWith("/") || electionPath.includes("//")) {
    throw new ConfigError(`SB_ELECTION_PATH: not an absolute znode path below /: ${JSON.stringify(electionPath)}`);
  }
  const sessionTimeoutMs = positiveInt(env, "SB_SESSION_TIMEOUT_MS");
  const bugRaw = (env["SB_BUG"] ?? "").trim();
  const bug = bugRaw === "" ? "none" : bugRaw;
  if (!(BUG_MODES as readonly string[]).includes(bug)) {
    throw new ConfigError(`SB_BUG: unknown bug mode ${JSON.stringify(bugRaw)} (known: ${BUG_MODES.filter((b) => b !== "none").join(", ")})`);
  }
  const windowMs = positiveInt(env, "SB_WINDOW_MS", 30_000);
  const levelRaw = (env["SB_ZK_LOG_LEVEL"] ?? "").trim();
  const zkLogLevel = levelRaw === "" ? 1 : Number(levelRaw);
  if (!Number.isInteger(zkLogLevel) || zkLogLevel < 0 || zkLogLevel > 4) {
    throw new ConfigError(`SB_ZK_LOG_LEVEL: must be 0..4: ${JSON.stringify(levelRaw)}`);
  }
  const witnessRaw = (env["SB_WITNESS"] ?? "").trim();
  if (witnessRaw !== "" && !/^http:\/\/[^/\s]+\/?$/.test(witnessRaw)) {
    throw new ConfigError(`SB_WITNESS: expected http://host:port, e.g. http://witness:7070, got ${JSON.stringify(witnessRaw)}`);
  }
  return {
    node,
    connect,
    electionPath,
    sessionTimeoutMs,
    bug: bug as BugMode,
    windowMs,
    zkLogLevel,
    ...(witnessRaw !== "" ? { witness: witnessRaw.replace(/\/$/, "") } : {}),
    writeIntervalMs: writeIntervalOf(sessionTimeoutMs),
  };
}
