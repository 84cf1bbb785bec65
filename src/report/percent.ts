/**
 * A fraction as the repeat reports print it: "0%" and "100%" whole, anything between with one
 * decimal ("27.8%", "0.1%").
 */
export function pct(x: number): string {
  const v = x * 100;
  return `${v === 0 || v === 100 ? v.toFixed(0) : v.toFixed(1)}%`;
}
