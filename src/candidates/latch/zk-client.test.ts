import { describe, expect, it } from "vitest";
import { zkErrorCode } from "./zk-client.js";

describe("zkErrorCode", () => {
  it("reads the rc of a completion error", () => {
    expect(zkErrorCode(new Error("-101 no node"))).toBe(-101);
    expect(zkErrorCode(new Error("-4 connection loss"))).toBe(-4);
  });
  it("reads the rc of a call that failed synchronously", () => {
    expect(zkErrorCode(new Error('fn: "a_get_children" args: "/a,false" result: "ZINVALIDSTATE -9"'))).toBe(-9);
  });
  it("is undefined for anything else", () => {
    expect(zkErrorCode(new Error("boom"))).toBeUndefined();
    expect(zkErrorCode(42)).toBeUndefined();
  });
});
