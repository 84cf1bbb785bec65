import { describe, expect, it } from "vitest";
import { dockerOptionsOf } from "./client.js";

describe("which engine a run reaches", () => {
  it("follows the DOCKER_HOST of the environment it is given, not the process's", () => {
    expect(dockerOptionsOf({}).socketPath).toBe("/var/run/docker.sock");
    const second = dockerOptionsOf({ DOCKER_HOST: "unix:///run/sb-engine2/docker.sock" });
    expect(second.socketPath).toBe("/run/sb-engine2/docker.sock");
    expect(second.host).toBeUndefined();
  });

  it("reads tcp and ssh addresses with their port, protocol and user", () => {
    expect(dockerOptionsOf({ DOCKER_HOST: "tcp://10.0.0.2:2375" })).toMatchObject({ host: "10.0.0.2", port: "2375", protocol: "http", socketPath: undefined });
    expect(dockerOptionsOf({ DOCKER_HOST: "tcp://10.0.0.2:2376" })).toMatchObject({ protocol: "https" });
    expect(dockerOptionsOf({ DOCKER_HOST: "tcp://h:2375", DOCKER_TLS_VERIFY: "1" })).toMatchObject({ protocol: "https" });
    expect(dockerOptionsOf({ DOCKER_HOST: "ssh://ci@build-2" })).toMatchObject({ host: "build-2", protocol: "ssh", username: "ci" });
  });
});
