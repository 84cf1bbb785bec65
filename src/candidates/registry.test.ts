import { describe, expect, it } from "vitest";
import { UserError } from "../errors/index.js";
import { CANDIDATE_KIND_NAMES, resolveCandidate } from "./registry.js";

describe("candidate registry", () => {
  it("resolves built-in kinds to their image, command and bug", () => {
    expect(resolveCandidate("latch", "no-path-recreate")).toMatchObject({ kind: "latch", image: { builtIn: "candidate-node" }, bug: "no-path-recreate" });
    expect(resolveCandidate("curator-latch")).toMatchObject({ image: { builtIn: "candidate-java" }, cmd: ["latch"] });
    expect(CANDIDATE_KIND_NAMES).toEqual(["latch", "curator-latch", "curator-selector"]);
  });

  it("takes the user's image with image:<ref>", () => {
    expect(resolveCandidate("image:acme/svc:1.2")).toEqual({ kind: "image", image: { ref: "acme/svc:1.2" }, label: "image acme/svc:1.2" });
  });

  it("rejects unknown kinds and bugs, listing the valid ones", () => {
    expect(() => resolveCandidate("raft")).toThrow(UserError);
    try {
      resolveCandidate("raft");
    } catch (err) {
      expect((err as UserError).hint).toContain("latch, curator-latch, curator-selector, or image:<ref>");
    }
    try {
      resolveCandidate("latch", "oops");
    } catch (err) {
      expect((err as UserError).message).toBe('unknown bug mode "oops" for candidate latch');
      expect((err as UserError).hint).toBe("Valid bug modes of latch: ignore-disconnect, no-path-recreate, startup-window.");
    }
    expect(() => resolveCandidate("curator-latch", "ignore-disconnect")).toThrow(/unknown bug mode/);
    expect(() => resolveCandidate("image:")).toThrow(/give an image/);
  });
});
