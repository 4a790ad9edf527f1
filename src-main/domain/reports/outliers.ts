/**
 * The outlier rule of the reports: a value is an outlier when its z-score, against the mean and
 * the population standard deviation of all the values of the same measure in the same report, is
 * at least `threshold` in size (3 by default). The values themselves are kept; the figures are
 * given with them and without them. With fewer than 11 values no |z| can reach 3 (the largest
 * possible is (n − 1)/√n), and when all values are equal there is none.
 */
export const defaultOutlierZ = 3;

/** The z-score of each value (0 for every value when they do not vary). */
export function zScores(values: ArrayLike<number>): Float64Array {
  const n = values.length;
  const scores = new Float64Array(n);
  if (n === 0) return scores;
  let sum = 0;
  for (let i = 0; i < n; i += 1) sum += values[i] as number;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < n; i += 1) squares += ((values[i] as number) - mean) ** 2;
  const std = Math.sqrt(squares / n);
  if (std === 0) return scores;
  for (let i = 0; i < n; i += 1) scores[i] = ((values[i] as number) - mean) / std;
  return scores;
}

/** The indexes of the values that are outliers, with their z-score. */
export function outliersOf(
  values: ArrayLike<number>,
  threshold: number = defaultOutlierZ,
): { index: number; z: number }[] {
  const scores = zScores(values);
  const found: { index: number; z: number }[] = [];
  for (let i = 0; i < scores.length; i += 1) {
    const z = scores[i] as number;
    if (Math.abs(z) >= threshold) found.push({ index: i, z });
  }
  return found;
}
