/** A number as the benchmarks print it: grouped in thousands, `digits` after the point (none unless given). */
export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
