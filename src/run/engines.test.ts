import { describe, expect, it } from "vitest";
import { engineEnv, parseEngineList } from "./engines.js";

describe("engines", () => {
  it("spreads slots over the engines in turn, leaving the rest of the environment alone", () => {
    const env = { PATH: "/bin", DOCKER_HOST: "unix:///old.sock" };
    const engines = ["unix:///a.sock", "tcp://10.0.0.2:2376"];
    expect([0, 1, 2, 3].map((s) => engineEnv(env, engines, s)["DOCKER_HOST"])).toEqual(["unix:///a.sock", "tcp://10.0.0.2:2376", "unix:///a.sock", "tcp://10.0.0.2:2376"]);
    expect(engineEnv(env, engines, 1)["PATH"]).toBe("/bin");
    // The other engines copy splitbrain's images from the first.
    expect(engineEnv(env, engines, 1)["SPLITBRAIN_IMAGE_SOURCE"]).toBe("unix:///a.sock");
    expect(engineEnv(env, engines, 0)["SPLITBRAIN_IMAGE_SOURCE"]).toBeUndefined();
    expect(engineEnv(env, undefined, 1)).toBe(env);
    expect(engineEnv(env, [], 0)).toBe(env);
  });

  it("reads a comma-separated list, refusing what is not an address or is listed twice", () => {
    expect(parseEngineList(" unix:///a.sock , ssh://me@host,")).toEqual(["unix:///a.sock", "ssh://me@host"]);
    expect(() => parseEngineList("host:2375")).toThrow('"host:2375" is not an engine address');
    expect(() => parseEngineList("tcp://h:1,tcp://h:1")).toThrow("listed twice");
  });
});
