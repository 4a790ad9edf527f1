/**
 * The mean of a measure across replications and its 95% confidence interval, mean ± t·s/√n, with
 * s the sample standard deviation and t Student's 0.975 quantile for n − 1 degrees of freedom.
 */
export interface Estimate {
  mean: number;
  /** Half the interval's width; null with a single replication (no spread to measure). */
  halfWidth: number | null;
  low: number | null;
  high: number | null;
}

/**
 * Student's t, 0.975 quantile, for 1–30 degrees of freedom (any printed table, e.g. NIST/SEMATECH
 * e-Handbook of Statistical Methods, §1.3.6.7.2), then the rows 40, 60 and 120. Between rows the
 * row of fewer degrees is taken (a slightly wider, never narrower, interval); beyond 120, 1.980;
 * the normal's 1.960 is the limit none of them reaches.
 */
const t975 = [
  12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.16, 2.145, 2.131,
  2.12, 2.11, 2.101, 2.093, 2.086, 2.08, 2.074, 2.069, 2.064, 2.06, 2.056, 2.052, 2.048, 2.045, 2.042,
];

export function tQuantile975(degreesOfFreedom: number): number {
  if (!Number.isInteger(degreesOfFreedom) || degreesOfFreedom < 1)
    throw new RangeError('degrees of freedom must be a whole number ≥ 1');
  if (degreesOfFreedom <= 30) return t975[degreesOfFreedom - 1] as number;
  if (degreesOfFreedom < 40) return 2.042;
  if (degreesOfFreedom < 60) return 2.021;
  if (degreesOfFreedom < 120) return 2.0;
  return 1.98;
}

export function estimate(values: readonly number[]): Estimate {
  const n = values.length;
  if (!n) throw new RangeError('an estimate needs at least one value');
  const mean = values.reduce((sum, v) => sum + v, 0) / n;
  if (n === 1) return { mean, halfWidth: null, low: null, high: null };
  const variance = values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (n - 1);
  const halfWidth = (tQuantile975(n - 1) * Math.sqrt(variance)) / Math.sqrt(n);
  return { mean, halfWidth, low: mean - halfWidth, high: mean + halfWidth };
}
