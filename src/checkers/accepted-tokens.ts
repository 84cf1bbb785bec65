const INTEGER = /^(?:[0-9]+|0[xX][0-9a-fA-F]+)$/;

interface Held<T> {
  value: string;
  item: T;
}

/**
 * The tokens accepted so far in one group, to answer "was a greater token accepted before this
 * one?" in O(1) under the contract's comparison (compareTokens: integers when both are decimal or
 * 0x-hex, else strings), also when tokens of both kinds are mixed and no single maximum exists.
 * It keeps three maxima: the greatest integer token, and the greatest token as a string among the
 * non-integer ones and among all. The witness refuses with it and the effects checker judges
 * with it, so both decide alike.
 */
export class AcceptedTokens<T> {
  private maxInteger: { value: bigint; held: Held<T> } | undefined;
  private maxOtherString: Held<T> | undefined;
  private maxAnyString: Held<T> | undefined;
  private greatest: { value: string; n: bigint | null } | undefined;
  /** Tokens as integers (null: not one), parsed once each: the same few tokens come back on every write. */
  private readonly parsed = new Map<string, bigint | null>();

  private integer(token: string): bigint | null {
    let n = this.parsed.get(token);
    if (n === undefined) {
      n = INTEGER.test(token) ? BigInt(token) : null;
      if (this.parsed.size < 100_000) this.parsed.set(token, n);
    }
    return n;
  }

  /** An accepted token greater than `token`, with what it was added with; undefined when none is. */
  above(token: string): Held<T> | undefined {
    const n = this.integer(token);
    if (n !== null) {
      if (this.maxInteger !== undefined && this.maxInteger.value > n) return this.maxInteger.held;
      if (this.maxOtherString !== undefined && this.maxOtherString.value > token) return this.maxOtherString;
      return undefined;
    }
    if (this.maxAnyString !== undefined && this.maxAnyString.value > token) return this.maxAnyString;
    return undefined;
  }

  add(token: string, item: T): void {
    const held = { value: token, item };
    const n = this.integer(token);
    if (n !== null) {
      if (this.maxInteger === undefined || n > this.maxInteger.value) this.maxInteger = { value: n, held };
    } else if (this.maxOtherString === undefined || token > this.maxOtherString.value) {
      this.maxOtherString = held;
    }
    if (this.maxAnyString === undefined || token > this.maxAnyString.value) this.maxAnyString = held;
    // compareTokens: as integers when both are, else as strings.
    const g = this.greatest;
    const greater = g === undefined || (n !== null && g.n !== null ? n > g.n : token > g.value);
    if (greater) this.greatest = { value: token, n };
  }

  /** The greatest token accepted so far (when tokens of both kinds mix: the last that beat the one before). */
  highest(): string | undefined {
    return this.greatest?.value;
  }
}
