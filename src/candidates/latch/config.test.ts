import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "./config.js";

const base = { SB_NODE: "c1", SB_ZK: "zk1:2181", SB_ELECTION_PATH: "/splitbrain/election", SB_SESSION_TIMEOUT_MS: "6000" };

describe("parseConfig", () => {
  it("reads the protocol variables with defaults", () => {
    expect(parseConfig(base)).toEqual({
      node: "c1",
      connect: "zk1:2181",
      electionPath: "/splitbrain/election",
      sessionTimeoutMs: 6000,
      bug: "none",
      windowMs: 30_000,
      zkLogLevel: 1,
      writeIntervalMs: 500,
    });
    expect("witness" in parseConfig(base)).toBe(false);
  });

  it("reads SB_WITNESS and scales the write interval with the session timeout", () => {
    expect(parseConfig({ ...base, SB_WITNESS: "http://witness:7070/", SB_SESSION_TIMEOUT_MS: "3000", SB_BUG: "cached-belief" })).toMatchObject({
      witness: "http://witness:7070",
      writeIntervalMs: 250,
      bug: "cached-belief",
    });
    expect(parseConfig({ ...base, SB_SESSION_TIMEOUT_MS: "600" }).writeIntervalMs).toBe(100);
  });

  it("reads the bug mode, window and log level", () => {
    const c = parseConfig({ ...base, SB_BUG: "startup-window", SB_WINDOW_MS: "5000", SB_ZK_LOG_LEVEL: "0" });
    expect(c).toMatchObject({ bug: "startup-window", windowMs: 5000, zkLogLevel: 0 });
  });

  it.each([
    [{ SB_NODE: "" }, "SB_NODE: missing"],
    [{ SB_ELECTION_PATH: "election" }, "SB_ELECTION_PATH"],
    [{ SB_ELECTION_PATH: "/a/" }, "SB_ELECTION_PATH"],
    [{ SB_SESSION_TIMEOUT_MS: "6s" }, "SB_SESSION_TIMEOUT_MS"],
    [{ SB_BUG: "split" }, "SB_BUG: unknown bug mode"],
    [{ SB_ZK_LOG_LEVEL: "7" }, "SB_ZK_LOG_LEVEL"],
    [{ SB_WITNESS: "witness:7070" }, "SB_WITNESS: expected http://host:port"],
  ])("rejects %j", (patch, msg) => {
    expect(() => parseConfig({ ...base, ...patch })).toThrow(ConfigError);
    expect(() => parseConfig({ ...base, ...patch })).toThrow(msg);
  });
});
