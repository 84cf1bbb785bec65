import { describe, expect, it } from "vitest";
import { InputError } from "../errors/index.js";
import { parseCandidateFile } from "./candidate-file.js";

const errorOf = (text: string): string => {
  try {
    parseCandidateFile("svc.yaml", text);
  } catch (err) {
    expect(err).toBeInstanceOf(InputError);
    return (err as Error).message;
  }
  throw new Error("expected an InputError");
};

describe("candidate file", () => {
  it("reads the example of docs/candidates.md with defaults filled in", () => {
    const f = parseCandidateFile(
      "svc.yaml",
      `image: myorg/my-service:test
env: { SOME_SETTING: "1", N: 2 }
observe:
  - http: { port: 8008, path: /primary, leader: { status: 200 } }
  - exec: { command: [psql, -tAc, "select not pg_is_in_recovery()"], leader: { stdout: "t" } }
  - zk: { leaderKey: /service/sb/leader }
  - log: { leader: "promoted self to leader", follower: "demoted" }
`,
    );
    expect(f.image).toBe("myorg/my-service:test");
    expect(f.env).toEqual({ SOME_SETTING: "1", N: "2" });
    expect(f.protocol).toBe(false);
    expect(f.observe).toEqual([
      { http: { port: 8008, path: "/primary", leader: { status: 200 } } },
      { exec: { command: ["psql", "-tAc", "select not pg_is_in_recovery()"], leader: { stdout: "t" } } },
      { zk: { leaderKey: "/service/sb/leader" } },
      { log: { leader: "promoted self to leader", follower: "demoted" } },
    ]);
  });

  it("without observers, the image prints the protocol", () => {
    expect(parseCandidateFile("x.yaml", "image: a/b:1\n")).toMatchObject({ protocol: true, observe: [], env: {} });
  });

  it("names every bad field with its path", () => {
    const msg = errorOf(`image: ""
observe:
  - http: { port: 99999 }
  - exec: { command: [cat, /role], leader: {} }
  - zk: { leaderKey: /a, electionPath: /b }
  - log: { leader: "(", follower: x }
  - grpc: { port: 1 }
bogus: 1
`);
    // One "file: path: message" line per problem, as for scenario files.
    for (const line of msg.split("\n")) expect(line).toMatch(/^svc\.yaml: (\S+|\(top level\)): /);
    expect(msg).toContain("image: give the image to run");
    expect(msg).toContain('(top level): Unrecognized key: "bogus"');
    expect(msg).toContain("observe.0.http.port:");
    expect(msg).toContain("observe.1.exec.leader: give leader.stdout, leader.match or leader.exitCode");
    expect(msg).toContain("observe.2.zk: give exactly one of leaderKey and electionPath");
    expect(msg).toContain("observe.3.log.leader: log.leader is not a valid regular expression");
    expect(msg).toContain("observe.4: an observer is one of http, exec, log, zk");
  });

  it("bounds every duration and says so in milliseconds", () => {
    const msg = errorOf(`image: a/b:1
observe:
  - http: { port: 8008, pollMs: 1000000000000, timeoutMs: 5 }
  - exec: { command: [cat, /role], leader: { stdout: x }, timeoutMs: 1.5 }
  - zk: { leaderKey: /a, pollMs: 86400000 }
ready: { timeoutMs: 1000000000000 }
`);
    expect(msg.split("\n").sort()).toEqual(
      [
        "svc.yaml: ready.timeoutMs: at most 3600000 ms (1 hour)",
        "svc.yaml: observe.0.http.pollMs: at most 60000 ms (1 minute)",
        "svc.yaml: observe.0.http.timeoutMs: at least 10 ms",
        "svc.yaml: observe.1.exec.timeoutMs: whole milliseconds",
        "svc.yaml: observe.2.zk.pollMs: at most 60000 ms (1 minute)",
      ].sort(),
    );
    expect(errorOf("image: a/b:1\nready: { timeoutMs: 10 }\n")).toBe("svc.yaml: ready.timeoutMs: at least 1000 ms");
    expect(errorOf('image: a/b:1\nready: { timeoutMs: "3m" }\n')).toBe("svc.yaml: ready.timeoutMs: a number of milliseconds");
  });

  it("reports YAML syntax errors with the line", () => {
    expect(errorOf("image: a\nobserve: [\n")).toMatch(/^svc\.yaml:\d+: not valid YAML or JSON/);
  });
});
