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

/**
 * Ranks of `tokens` in `compareTokens` order (equal tokens share a rank), or undefined when that
 * order is not total: decimal or 0x-hex tokens mixed with others compare as integers among
 * themselves but as strings against the others, which can go round in a circle.
 */
export function tokenRanks(tokens: Iterable<string>): Map<string, number> | undefined {
  const distinct = [...new Set(tokens)];
  const numeric = distinct.map(asInteger);
  const numbers = numeric.filter((x) => x !== undefined).length;
  if (numbers !== 0 && numbers !== distinct.length) return undefined;
  const sorted = [...distinct].sort(compareTokens);
  const ranks = new Map<string, number>();
  let rank = -1;
  let previous: string | undefined;
  for (const token of sorted) {
    if (previous === undefined || compareTokens(previous, token) !== 0) rank += 1;
    ranks.set(token, rank);
    previous = token;
  }
  return ranks;
}
