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
  return summarizeSorted(Float64Array.from(values).sort());
}

/** The summary of values already sorted ascending (a report sorts each measure once for all its groups). */
export function summarizeSorted(sorted: ArrayLike<number>): DurationSummary {
  if (sorted.length === 0) return emptySummary;
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

/**
 * The indexes of `values` ordered by value, ascending (NaN, "no value", left out). One sort of a year's
 * values: each value and its index packed in one float when they fit in its 53 bits (a native sort),
 * else a sort by comparison.
 */
export function orderOf(values: Float64Array): Uint32Array {
  return sortedWithIndex(values, false).at;
}

/**
 * The values in order (NaN left out) with the index each came from: as `orderOf`, and (when asked)
 * the sorted values themselves, so a walk in order never reads the values back at random.
 */
export function sortedWithIndex(
  values: Float64Array,
  withValues = true,
): { at: Uint32Array; sorted: Float64Array } {
  let count = 0;
  let max = 0;
  let whole = true;
  for (let i = 0; i < values.length; i += 1) {
    const v = values[i] as number;
    if (Number.isNaN(v)) continue;
    count += 1;
    if (v > max) max = v;
    if (v < 0 || !Number.isInteger(v)) whole = false;
  }
  const at = new Uint32Array(count);
  for (let i = 0, k = 0; i < values.length; i += 1) if (!Number.isNaN(values[i] as number)) at[k++] = i;
  const bits = Math.max(1, Math.ceil(Math.log2(values.length + 1)));
  const scale = 2 ** bits;
  const sorted = new Float64Array(withValues ? count : 0);
  if (!whole || max * scale + scale >= Number.MAX_SAFE_INTEGER) {
    at.sort((a, b) => (values[a] as number) - (values[b] as number) || a - b);
    if (withValues) for (let k = 0; k < count; k += 1) sorted[k] = values[at[k] as number] as number;
    return { at, sorted };
  }
  const packed = new Float64Array(count);
  for (let k = 0; k < count; k += 1)
    packed[k] = (values[at[k] as number] as number) * scale + (at[k] as number);
  packed.sort();
  for (let k = 0; k < count; k += 1) {
    const p = packed[k] as number;
    at[k] = p % scale;
    // Exact: the scale is a power of two and every packed value is below 2^53.
    if (withValues) sorted[k] = Math.floor(p / scale);
  }
  return { at, sorted };
}
