const DECIMAL = /^[0-9]+$/;
const HEX = /^0[xX][0-9a-fA-F]+$/;

function asInteger(token: string): bigint | undefined {
  if (DECIMAL.test(token) || HEX.test(token)) return BigInt(token);
  return undefined;
}

/**
 * Compares two fencing tokens (docs/history-format.md, fencing): as integers when both are decimal or 0x-hex,
 * else as strings. Returns a negative number, zero or a positive number.
 */
export function compareTokens(a: string, b: string): number {
  const x = asInteger(a);
  const y = asInteger(b);
  if (x !== undefined && y !== undefined) return x < y ? -1 : x > y ? 1 : 0;
  return a < b ? -1 : a > b ? 1 : 0;
}
