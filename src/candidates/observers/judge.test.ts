import { describe, expect, it } from "vitest";
import { atPointer, lowestSequential, ownerOf, zkAnswers } from "./judge.js";
import { judgeExec } from "./kinds/exec.js";
import { judgeHttp, judgeHttpFailure } from "./kinds/http.js";
import { judgeLogLine } from "./kinds/log.js";
import { ExecObserverSchema, HttpObserverSchema, sourceNames } from "./spec.js";

const http = (x: unknown) => HttpObserverSchema.parse(x);
const exec = (x: unknown) => ExecObserverSchema.parse(x);

describe("http answers", () => {
  it("leader on the leader status, follower on any other answer unless follower statuses are given", () => {
    const h = http({ port: 8008, path: "/primary" });
    expect(judgeHttp(h, 200, "")).toEqual({ role: "leader" });
    expect(judgeHttp(h, 503, "")).toEqual({ role: "follower" });
    const strict = http({ port: 1, follower: { status: [503] } });
    expect(judgeHttp(strict, 503, "")).toEqual({ role: "follower" });
    expect(judgeHttp(strict, 500, "")).toMatchObject({ role: "unknown", reason: "HTTP 500 is neither a leader nor a follower answer" });
  });

  it("a JSON pointer must hold the given value too", () => {
    const h = http({ port: 1, leader: { status: 200, json: { pointer: "/role", equals: "master" } } });
    expect(judgeHttp(h, 200, '{"role":"master"}')).toEqual({ role: "leader" });
    expect(judgeHttp(h, 200, '{"role":"replica"}')).toEqual({ role: "follower" });
    expect(judgeHttp(h, 200, "<html>")).toMatchObject({ role: "unknown" });
    expect(atPointer({ a: [{ "b/c": 1 }] }, "/a/0/b~1c")).toBe(1);
    expect(atPointer({ a: 1 }, "/b")).toBeUndefined();
  });
});

describe("exec answers", () => {
  const psql = exec({ command: ["psql"], leader: { stdout: "t" }, follower: { exitCode: 2 } });
  it("leader on matching output and exit 0; follower on other output, or a follower exit code", () => {
    expect(judgeExec(psql, { exitCode: 0, stdout: "t\n" })).toEqual({ role: "leader" });
    expect(judgeExec(psql, { exitCode: 0, stdout: "f\n" })).toEqual({ role: "follower" });
    expect(judgeExec(psql, { exitCode: 2, stdout: "" })).toEqual({ role: "follower" });
  });
  it("any other failure is no answer, with its exit code", () => {
    expect(judgeExec(psql, { exitCode: 126, stdout: "cannot exec" })).toEqual({ role: "unknown", reason: "exit code 126: cannot exec" });
  });
  it("exit codes and regular expressions", () => {
    const byCode = exec({ command: ["am-i-leader"], leader: { exitCode: 0 }, follower: { exitCode: 1 } });
    expect(judgeExec(byCode, { exitCode: 0, stdout: "" })).toEqual({ role: "leader" });
    expect(judgeExec(byCode, { exitCode: 1, stdout: "" })).toEqual({ role: "follower" });
    const byMatch = exec({ command: ["x"], leader: { match: "^role: lead" } });
    expect(judgeExec(byMatch, { exitCode: 0, stdout: "role: leader\n" })).toEqual({ role: "leader" });
  });
});

describe("definite answers for failed probes", () => {
  it("http: a refused connection is a follower only with follower.refused; a timeout never is", () => {
    const plain = http({ port: 8008 });
    const refusing = http({ port: 8008, follower: { refused: true } });
    expect(judgeHttpFailure(plain, "ECONNREFUSED")).toEqual({ role: "unknown", reason: "ECONNREFUSED" });
    expect(judgeHttpFailure(refusing, "ECONNREFUSED")).toEqual({ role: "follower" });
    expect(judgeHttpFailure(refusing, "no answer within 1000 ms")).toMatchObject({ role: "unknown" });
    // follower.refused alone keeps "every other status is a follower"
    expect(judgeHttp(refusing, 503, "")).toEqual({ role: "follower" });
    expect(() => http({ port: 8008, follower: {} })).toThrow(/give follower.status or follower.refused/);
  });

  it("exec: a failure is a follower only when every follower condition holds (exit code and stderr pattern)", () => {
    const psql = exec({ command: ["psql"], leader: { stdout: "t" }, follower: { exitCode: 2, stderr: "Connection refused|the database system is shutting down" } });
    expect(judgeExec(psql, { exitCode: 2, stdout: "", stderr: 'psql: error: connection to server at "127.0.0.1", port 5432 failed: Connection refused' })).toEqual({ role: "follower" });
    expect(judgeExec(psql, { exitCode: 2, stdout: "", stderr: "psql: error: FATAL:  the database system is shutting down" })).toEqual({ role: "follower" });
    expect(judgeExec(psql, { exitCode: 2, stdout: "", stderr: "psql: error: connection to server at \"127.0.0.1\", port 5432 failed: timeout expired" })).toEqual({
      role: "unknown",
      reason: 'exit code 2: psql: error: connection to server at "127.0.0.1", port 5432 failed: timeout expired',
    });
    expect(judgeExec(psql, { exitCode: 1, stdout: "", stderr: "Connection refused" })).toMatchObject({ role: "unknown" });
    const byStdout = exec({ command: ["x"], leader: { stdout: "leader" }, follower: { match: "^standby" } });
    expect(judgeExec(byStdout, { exitCode: 3, stdout: "standby since 5s" })).toEqual({ role: "follower" });
    expect(() => exec({ command: ["x"], leader: { stdout: "t" }, follower: {} })).toThrow(/give follower.exitCode, follower.match or follower.stderr/);
  });
});

describe("log lines", () => {
  it("say leader or follower, or nothing", () => {
    const l = { leader: "promoted self to leader", follower: "demoted" };
    expect(judgeLogLine(l, "INFO: promoted self to leader by acquiring session lock")).toEqual({ role: "leader" });
    expect(judgeLogLine(l, "INFO: demoted self because DCS is not accessible")).toEqual({ role: "follower" });
    expect(judgeLogLine(l, "INFO: no action")).toBeUndefined();
  });
});

describe("zk owner rule", () => {
  const cands = ["c1", "c2", "c3"];
  it("the data names the candidate, trimmed, or through the owner pattern's first group", () => {
    expect(ownerOf("c2\n", cands)).toBe("c2");
    expect(ownerOf("c9", cands)).toBeUndefined();
    expect(ownerOf('{"id":"c3"}', cands, '"id":"(c\\d+)"')).toBe("c3");
    expect(ownerOf("nothing", cands, "(c\\d+)")).toBeUndefined();
  });
  it("the lowest sequence number leads, whatever the prefix (Curator prefixes a GUID)", () => {
    expect(lowestSequential(["latch-0000000007", "_c_9b1f-latch-0000000003", "latch-0000000005"])).toBe("_c_9b1f-latch-0000000003");
    expect(lowestSequential(["lock"])).toBeUndefined();
  });
  it("one answer per candidate: the owner leads, the others follow, nobody when there is no key", () => {
    expect(Object.fromEntries(zkAnswers(cands, "c2"))).toEqual({ c1: { role: "follower" }, c2: { role: "leader" }, c3: { role: "follower" } });
    expect([...zkAnswers(cands, undefined).values()].every((a) => a.role === "follower")).toBe(true);
  });
});

describe("source names", () => {
  it("are the kind, numbered when a kind repeats, or the given name", () => {
    expect(sourceNames([{ http: http({ port: 1 }) }, { http: http({ port: 2 }) }, { zk: { leaderKey: "/l" } }, { http: http({ port: 3, name: "api" }) }])).toEqual([
      "http",
      "http-2",
      "zk",
      "api",
    ]);
  });
});
