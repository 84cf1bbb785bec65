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
  it("refuses what would merge lanes, forge requests or hang a poll, naming the field", () => {
    const http = (extra: string): string => errorOf(`image: a\nobserve:\n  - http: { port: 8008${extra} }\n`);
    expect(errorOf("image: a\nobserve:\n  - http: { port: 1, name: web }\n  - exec: { command: [x], leader: { stdout: t }, name: web }\n")).toContain('observe.1: the name "web" is used by observe.0 too');
    expect(errorOf("image: a\nobserve:\n  - http: { port: 1, name: protocol }\n")).toContain('observe.0: the name "protocol" is the lane of the candidates\' own protocol lines');
    expect(errorOf("image: a\nobserve:\n  - http: { port: 1 }\n  - http: { port: 2, name: http }\n")).toContain('observe.1: the name "http" is used by observe.0 too');
    for (const path of ['"/a\\r\\nHost: evil"', '"/a b"', '"//evil.example/x"']) expect(http(`, path: ${path}`), path).toContain("observe.0.http.path: a path on the candidate");
    expect(http(", leader: { status: 99 }")).toContain("observe.0.http.leader.status: an HTTP status from 100 to 599");
    expect(http(", follower: { status: [200, 600] }")).toContain("an HTTP status from 100 to 599");
    expect(errorOf("image: a\nobserve:\n  - exec: { command: [x], leader: { exitCode: 256 } }\n")).toContain("observe.0.exec.leader.exitCode: an exit code from 0 to 255");
    expect(errorOf("image: a\nobserve:\n  - exec: { command: [x], leader: { stdout: t }, follower: { exitCode: -1 } }\n")).toContain("an exit code from 0 to 255");
    for (const name of ['""', '"A=B"', '"A B"', '"1A"']) expect(errorOf(`image: a\nenv: { ${name}: "1" }\n`), name).toContain("is not an environment variable name");
    expect(errorOf('image: a\nenv: { A: "x\\u0000y" }\n')).toContain("env.A: a value cannot hold a NUL character");
    expect(errorOf("image: a\nprotocol: false\n")).toContain("protocol: false with no observer: nothing would report who leads");
    expect(errorOf('image: a\nobserve:\n  - log: { leader: "(a+)+$", follower: "x" }\n')).toContain('observe.0.log.leader: log.leader: "(a+)+" repeats a group that repeats itself');
  });

  it("refuses a YAML tag that would run code (!!js/function), and nesting deeper than 64 levels, saying so", () => {
    expect(errorOf('image: a\nenv: { A: !!js/function "function(){}" }\n')).toMatch(/^svc\.yaml:2: Unresolved tag: .*js\/function: only plain YAML data/);
    expect(errorOf(`image: a\nobserve: ${"[".repeat(5000)}${"]".repeat(5000)}\n`)).toBe("svc.yaml: nested too deep: at most 64 levels of lists and maps");
  });
});
