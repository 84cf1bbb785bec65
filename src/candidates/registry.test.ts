import { describe, expect, it } from "vitest";
import { UserError } from "../errors/index.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { IMAGES, PROJECT_ROOT } from "../runtime/images.js";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CANDIDATE_KIND_NAMES, CANDIDATE_KINDS, capabilitiesOf, fileCandidate, leaderSource, resolveCandidate, takesClockFaults, withZkObserver } from "./registry.js";

describe("candidate registry", () => {
  it("resolves built-in kinds to their image, command and bug", () => {
    expect(resolveCandidate("latch", "no-path-recreate")).toMatchObject({ kind: "latch", image: { builtIn: "candidate-node" }, bug: "no-path-recreate" });
    expect(resolveCandidate("curator-latch")).toMatchObject({ image: { builtIn: "candidate-java" }, cmd: ["latch"] });
    expect(CANDIDATE_KIND_NAMES).toEqual(["latch", "lease", "curator-latch", "curator-selector", "patroni", "patroni-defaults"]);
    expect(resolveCandidate("lease")).toMatchObject({ kind: "lease", image: { builtIn: "candidate-node" }, cmd: ["node", "/opt/sb/app/main.js", "lease"] });
  });

  it("says which candidates take clock faults: every built-in kind (libfaketime in each image), not a user's image", () => {
    expect(takesClockFaults(resolveCandidate("latch"))).toBe(true);
    expect(takesClockFaults(resolveCandidate("lease"))).toBe(true);
    expect(takesClockFaults(resolveCandidate("curator-latch"))).toBe(true);
    expect(takesClockFaults(resolveCandidate("curator-selector"))).toBe(true);
    expect(takesClockFaults(resolveCandidate("patroni"))).toBe(true);
    expect(takesClockFaults(resolveCandidate("image:acme/svc:1.2"))).toBe(false);
  });

  it("takes the user's image with image:<ref>", () => {
    expect(resolveCandidate("image:acme/svc:1.2")).toEqual({ kind: "image", image: { ref: "acme/svc:1.2" }, label: "image acme/svc:1.2" });
  });

  it("rejects unknown kinds and bugs, listing the valid ones", () => {
    expect(() => resolveCandidate("raft")).toThrow(UserError);
    try {
      resolveCandidate("raft");
    } catch (err) {
      expect((err as UserError).hint).toContain("latch, lease, curator-latch, curator-selector, patroni, patroni-defaults, image:<ref>");
      expect((err as UserError).hint).toContain("file:<candidate.yaml>");
    }
    try {
      resolveCandidate("latch", "oops");
    } catch (err) {
      expect((err as UserError).message).toBe('unknown bug mode "oops" for candidate latch');
      expect((err as UserError).hint).toBe("Valid bug modes of latch: ignore-disconnect, no-path-recreate, startup-window, cached-belief.");
    }
    expect(() => resolveCandidate("curator-latch", "ignore-disconnect")).toThrow(/unknown bug mode/);
    expect(() => resolveCandidate("image:")).toThrow(/give an image/);
  });

  it("patroni is watched from outside: no protocol, http first, psql and its leader key, a ready command", () => {
    const p = resolveCandidate("patroni");
    expect(p.protocol).toBe(false);
    expect(leaderSource(p)).toBe("http");
    expect(p.observe?.map((o) => Object.keys(o)[0])).toEqual(["http", "exec", "zk"]);
    expect(p.observe?.[2]).toEqual({ zk: { leaderKey: "/service/sb/leader" } });
    expect(p.readyCommand?.join(" ")).toContain("/health");
  });

  it("patroni runs with the writer (lost writes); the other kinds do not", () => {
    expect(resolveCandidate("patroni").writer).toBe("postgres");
    for (const k of ["latch", "curator-latch", "curator-selector"]) expect(resolveCandidate(k).writer, k).toBeUndefined();
  });

  it("scales Patroni's ttl, loop_wait and retry_timeout with --time-scale, in whole seconds", () => {
    expect(CANDIDATE_KINDS.patroni.scaledEnv(1)).toEqual({ SB_PATRONI_TTL: "20", SB_PATRONI_LOOP_WAIT: "5", SB_PATRONI_RETRY_TIMEOUT: "5" });
    expect(CANDIDATE_KINDS.patroni.scaledEnv(0.5)).toEqual({ SB_PATRONI_TTL: "10", SB_PATRONI_LOOP_WAIT: "3", SB_PATRONI_RETRY_TIMEOUT: "3" });
    expect(CANDIDATE_KINDS.patroni.scaledEnv(0.1)).toEqual({ SB_PATRONI_TTL: "6", SB_PATRONI_LOOP_WAIT: "1", SB_PATRONI_RETRY_TIMEOUT: "2" });
  });

  it("--observe-zk adds ZooKeeper's view of the election path to any kind, once", () => {
    const l = withZkObserver(resolveCandidate("latch"), "/splitbrain/election");
    expect(l.observe).toEqual([{ zk: { electionPath: "/splitbrain/election" } }]);
    expect(leaderSource(l)).toBe("protocol");
    expect(withZkObserver(resolveCandidate("patroni"), "/x").observe).toHaveLength(3);
  });

  it("reads a candidate file with file:<path> and keeps its content for replay", () => {
    const dir = mkdtempSync(join(tmpdir(), "sb-cf-"));
    const file = join(dir, "svc.yaml");
    const text = "image: acme/svc:1\nenv: { A: 1 }\nobserve:\n  - http: { port: 8008, path: /primary }\nready: { command: [/bin/true] }\n";
    writeFileSync(file, text);
    const c = resolveCandidate(`file:${file}`);
    expect(c).toMatchObject({ kind: "image", image: { ref: "acme/svc:1" }, protocol: false, env: { A: "1" }, readyCommand: ["/bin/true"], file: { path: file, content: text } });
    expect(leaderSource(c)).toBe("http");
    expect(fileCandidate(file, text.replace("acme/svc:1", "acme/svc:2")).image).toEqual({ ref: "acme/svc:2" });
    expect(() => resolveCandidate("file:")).toThrow(/give a file/);
    expect(() => resolveCandidate(`file:${join(dir, "missing.yaml")}`)).toThrow(/missing\.yaml: cannot read the candidate file \(ENOENT\)/);
  });
});

describe("capabilities, declared by the kinds", () => {
  it("clock faults go to the kinds whose image has libfaketime, Curator jars to the Curator kinds; your own image declares nothing", () => {
    const clock = CANDIDATE_KIND_NAMES.filter((k) => takesClockFaults(resolveCandidate(k, undefined)));
    expect(clock).toEqual(["latch", "lease", "curator-latch", "curator-selector", "patroni", "patroni-defaults"]);
    // every kind that declares clock faults runs in an image whose Dockerfile installs libfaketime, and no other kind does
    const installs = (k: (typeof CANDIDATE_KIND_NAMES)[number]): boolean => /COPY --from=faketime \/out\/libfaketime\.so\.1 \/usr\/local\/lib\/faketime\/libfaketime\.so\.1/.test(readFileSync(join(PROJECT_ROOT, IMAGES[CANDIDATE_KINDS[k].image].context, "Dockerfile"), "utf8"));
    expect(CANDIDATE_KIND_NAMES.filter(installs)).toEqual(clock);
    expect(CANDIDATE_KIND_NAMES.filter((k) => capabilitiesOf(resolveCandidate(k, undefined)).curatorJars === true)).toEqual(["curator-latch", "curator-selector"]);
    // the protocol candidates report a role as they start; the observed ones (Patroni) are waited for by their observers
    expect(CANDIDATE_KIND_NAMES.filter((k) => capabilitiesOf(resolveCandidate(k, undefined)).reportsRoleAtStart === true)).toEqual(["latch", "lease", "curator-latch", "curator-selector"]);
    expect(capabilitiesOf(resolveCandidate("image:myorg/x:1", undefined))).toEqual({});
  });
});
