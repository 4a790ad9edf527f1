/**
 * How many responses a period needs: Krejcie & Morgan (1970), the table the SKM guideline
 * (PermenPANRB 14/2017) points to, from the number of service users N of the period:
 *
 *   s = χ²·N·P(1−P) / (d²·(N−1) + χ²·P(1−P)),  χ² = 3.841 (1 degree of freedom, 95%), P = 0.5, d = 0.05.
 *
 * The published table rounds s to the nearest whole form (N = 500: s = 217.5 → 217; rounding up would
 * say 218), so the nearest is taken here too: the office's figure then matches the table it is
 * checked against. N ≥ 1; a period without service users needs none.
 */
export function samplesNeeded(population: number): number {
  if (!Number.isFinite(population) || population < 1) return 0;
  const chiSquare = 3.841;
  const p = 0.5;
  const d = 0.05;
  const n = Math.floor(population);
  const s = (chiSquare * n * p * (1 - p)) / (d * d * (n - 1) + chiSquare * p * (1 - p));
  return Math.min(n, Math.round(s));
}
