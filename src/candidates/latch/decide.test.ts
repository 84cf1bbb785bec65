import { describe, expect, it } from "vitest";
import { compareChildren, decide, normalizeId, sequenceOf, zxidToken, type ChildInfo } from "./decide.js";

const S1 = "10000135cf70000";
const S2 = "10000135cf70001";
const S3 = "30000135cf70002";
const child = (seq: number, owner: string, czxid = 0x100000000 + seq, prefix = "n_"): ChildInfo => ({
  name: `${prefix}${String(seq).padStart(10, "0")}`,
  owner,
  czxid,
});

describe("decide", () => {
  it("leads when its own node is first in line, with the czxid as 0x token", () => {
    const d = decide({ children: [child(2, S2), child(1, S1)], myNode: "n_0000000001", sessionId: S1 });
    expect(d).toEqual({ kind: "lead", node: "n_0000000001", token: "0x100000001", strays: [] });
  });

  it("follows and watches its predecessor (not the first node)", () => {
    const d = decide({ children: [child(5, S3), child(1, S1), child(3, S2)], myNode: "n_0000000005", sessionId: S3 });
    expect(d).toMatchObject({ kind: "follow", node: "n_0000000005", watch: "n_0000000003", position: 2 });
  });

  it("does not lead from a first node owned by another (old) session even when the name matches", () => {
    // CURATOR-696: a restarted server kept the old session's node; same name, other owner.
    const d = decide({ children: [child(0, S1), child(1, S2)], myNode: "n_0000000000", sessionId: S3 });
    expect(d).toEqual({ kind: "join", reason: "not-owner", strays: [] });
  });

  it("joins when it has no node, or when its node is gone", () => {
    expect(decide({ children: [], myNode: null, sessionId: S1 })).toMatchObject({ kind: "join", reason: "no-node" });
    expect(decide({ children: [child(4, S2)], myNode: "n_0000000001", sessionId: S1 })).toMatchObject({
      kind: "join",
      reason: "node-gone",
    });
  });

  it("adopts a node of its session it did not know about (create lost its reply)", () => {
    const d = decide({ children: [child(1, S2), child(2, S1)], myNode: null, sessionId: S1 });
    expect(d).toMatchObject({ kind: "follow", node: "n_0000000002", watch: "n_0000000001" });
  });

  it("keeps the lowest node of its session and reports the others as strays", () => {
    const d = decide({ children: [child(7, S1), child(3, S1), child(5, S2)], myNode: "n_0000000007", sessionId: S1 });
    expect(d).toEqual({ kind: "lead", node: "n_0000000003", token: "0x100000003", strays: ["n_0000000007"] });
  });

  it("compares owners regardless of case, 0x and leading zeros", () => {
    const d = decide({ children: [child(1, "0x0ABC")], myNode: "n_0000000001", sessionId: "abc" });
    expect(d.kind).toBe("lead");
  });

  it("orders by sequence number, not by name, and ignores children without one", () => {
    const children = [child(3, S2, 3, "z_"), child(2, S1, 2, "a_"), { name: "primary-lock", owner: "0", czxid: 1 }];
    const d = decide({ children, myNode: "z_0000000003", sessionId: S2 });
    expect(d).toMatchObject({ kind: "follow", watch: "a_0000000002" });
    expect(decide({ children: [{ name: "lock", owner: S1, czxid: 1 }], myNode: null, sessionId: S1 }).kind).toBe("join");
  });
});

describe("helpers", () => {
  it("sequenceOf", () => {
    expect(sequenceOf("n_0000000042")).toBe(42);
    expect(sequenceOf("n_42")).toBeNull();
  });
  it("compareChildren puts names without a sequence last", () => {
    const list = [{ name: "x", owner: "0", czxid: 0 }, child(9, S1), child(10, S1)].sort(compareChildren);
    expect(list.map((c) => c.name)).toEqual(["n_0000000009", "n_0000000010", "x"]);
  });
  it("normalizeId", () => {
    expect(normalizeId("0x00FF")).toBe("ff");
    expect(normalizeId("0")).toBe("0");
  });
  it("zxidToken", () => {
    expect(zxidToken(0x1000000a3)).toBe("0x1000000a3");
    expect(() => zxidToken(-1)).toThrow();
  });
});
