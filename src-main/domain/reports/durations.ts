/**
 * Summaries of a set of durations (ms): count, p50, p90, max and mean. Percentiles are
 * nearest-rank: the p-th percentile is the smallest value with at least p% of the values at or
 * below it (the value at rank ⌈p/100 · n⌉ of the sorted list), so it is always a duration that
 * happened, never an interpolation between two.
 */
export interface DurationSummary {
  count: number;
  p50Ms: number | null;
  p90Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
}

export const emptySummary: DurationSummary = {
  count: 0,
  p50Ms: null,
  p90Ms: null,
  maxMs: null,
  meanMs: null,
};

/** The nearest-rank p-th percentile (0 < p ≤ 100) of values sorted ascending; null when there are none. */
export function nearestRank(sorted: ArrayLike<number>, p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/** Sorts a copy: a Float64Array sorts numerically and fast, which matters over a year of visits. */
export function summarize(values: ArrayLike<number>): DurationSummary {
  if (values.length === 0) return emptySummary;
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (let i = 0; i < sorted.length; i += 1) sum += sorted[i] as number;
  return {
    count: sorted.length,
    p50Ms: nearestRank(sorted, 50),
    p90Ms: nearestRank(sorted, 90),
    maxMs: sorted[sorted.length - 1] as number,
    meanMs: sum / sorted.length,
  };
}
