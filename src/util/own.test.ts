import { describe, expect, it } from "vitest";
import { isOwnKey, ownValue } from "./own.js";

const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

describe("own-key lookups", () => {
  const record = { seeds: 1, "zk-outage": 2 };
  it("answer for the record's own keys", () => {
    expect(isOwnKey(record, "seeds")).toBe(true);
    expect(ownValue(record, "zk-outage")).toBe(2);
  });
  it("never for a name of Object.prototype (__proto__ included)", () => {
    expect(PROTOTYPE_NAMES).toContain("__proto__");
    for (const name of PROTOTYPE_NAMES) {
      expect(isOwnKey(record, name), name).toBe(false);
      expect(ownValue(record, name), name).toBeUndefined();
    }
  });
});
