import type { DurationSummary } from '../../domain/reports/durations.ts';
import {
  countedBits,
  countSlot,
  countSlots,
  durationFiguresOf,
  durationSeries,
  figuresOf,
  type DurationFigures,
  type Figures,
  type KpiSettings,
  type Series,
} from '../../domain/reports/kpi.ts';
import { defaultOutlierZ } from '../../domain/reports/outliers.ts';
import type { StageVisit } from '../../domain/reports/visits.ts';

/**
 * The settings every central waits figure is counted with: the floor's defaults
 * (services/reports/kpi.ts). Walk-outs are not known centrally (a visit never called is never named),
 * so no day has ended for them.
 */
export const centralKpiSettings: KpiSettings = {
  today: '0000-00-00',
  windowGraceMinutes: 15,
  waitThresholdMinutes: 20,
  outlierZ: defaultOutlierZ,
};

/**
 * The waits of a set of stage visits pre-combined (one office day or month, one stage), so that a
 * national year is read as some 5,000 summaries instead of 28 million visits: the floor's counts
 * (`countedBits`, exact), and per duration series its count, sum, sum of squares, min and max (exact)
 * and a histogram of its values (for the percentiles). Summaries add up: the summary of two sets is
 * the sum of theirs.
 *
 * The histogram is log-linear: one bucket per second below 128 s, then 128 buckets per doubling up
 * to 2^17 s (36 hours; longer values, which no floor day has, share one last bucket). A percentile
 * read from it is the nearest-rank value's bucket's middle, kept inside the exact min and max: within
 * half a second below 128 s, and within 1/256 (0.4%) of the value up to 36 hours (a 30-minute p90:
 * within 7 s); past 36 hours it is the max.
 */
export const exactSeconds = 128;
const perDoubling = 128;
const doublings = 10;
/** The buckets, the last of them for every value of 2^17 s (36 hours) or more. */
export const bucketCount = exactSeconds + doublings * perDoubling + 1;

/** The bucket of a duration in ms (negative durations count as 0). */
export function bucketOf(ms: number): number {
  const s = Math.max(0, ms) / 1000;
  if (s < exactSeconds) return Math.floor(s);
  const k = Math.floor(Math.log2(s));
  if (k >= 7 + doublings) return bucketCount - 1;
  // A value a hair under 2^k whose log2 rounds up to k gives −1 here: the previous doubling's last
  // bucket, which is its bucket.
  const sub = Math.floor((s / 2 ** k - 1) * perDoubling);
  return exactSeconds + (k - 7) * perDoubling + Math.min(sub, perDoubling - 1);
}

/** The bucket's bounds in ms: [low, high). */
export function bucketBounds(bucket: number): { low: number; high: number } {
  if (bucket < exactSeconds) return { low: bucket * 1000, high: (bucket + 1) * 1000 };
  const k = 7 + Math.floor((bucket - exactSeconds) / perDoubling);
  const sub = (bucket - exactSeconds) % perDoubling;
  const width = 2 ** k / perDoubling;
  if (bucket === bucketCount - 1) return { low: 2 ** (7 + doublings) * 1000, high: Infinity };
  return { low: (2 ** k + sub * width) * 1000, high: (2 ** k + (sub + 1) * width) * 1000 };
}

export interface SeriesSummary {
  count: number;
  sum: number;
  sumSq: number;
  min: number;
  max: number;
  /** Values per bucket (`bucketOf`). */
  buckets: Uint32Array;
}

export interface WaitSummary {
  /** The floor's counts, indexed by `countSlot`. */
  counts: number[];
  /** Visits at the ticket's first stage (the stage order is read from these). */
  firstStage: number;
  /** Calls out of the calling order. */
  outOfOrder: number;
  series: Record<Series, SeriesSummary>;
}

const emptySeries = (): SeriesSummary => ({
  count: 0,
  sum: 0,
  sumSq: 0,
  min: Infinity,
  max: -Infinity,
  buckets: new Uint32Array(bucketCount),
});

export function emptyWaitSummary(): WaitSummary {
  return {
    counts: new Array<number>(countSlots).fill(0),
    firstStage: 0,
    outOfOrder: 0,
    series: {
      wait: emptySeries(),
      walkUp: emptySeries(),
      service: emptySeries(),
      priorityWait: emptySeries(),
    },
  };
}

function addValue(series: SeriesSummary, ms: number): void {
  series.count += 1;
  series.sum += ms;
  series.sumSq += ms * ms;
  if (ms < series.min) series.min = ms;
  if (ms > series.max) series.max = ms;
  const b = bucketOf(ms);
  series.buckets[b] = (series.buckets[b] as number) + 1;
}

/** Adds one stage visit (with its out-of-order calls) to a summary, counted by the floor's rules. */
export function addVisit(
  summary: WaitSummary,
  visit: StageVisit,
  outOfOrderCalls: number,
  settings: KpiSettings,
): void {
  const bits = countedBits(visit, settings);
  for (let s = 0; s < countSlots; s += 1)
    if ((bits & (1 << s)) !== 0) summary.counts[s] = (summary.counts[s] as number) + 1;
  if (visit.firstStage) summary.firstStage += 1;
  summary.outOfOrder += outOfOrderCalls;
  if (visit.wait !== null) addValue(summary.series.wait, visit.wait);
  if (visit.walkUp !== null) addValue(summary.series.walkUp, visit.walkUp);
  if (visit.service !== null) addValue(summary.series.service, visit.service);
  if (visit.wait !== null && (bits & (1 << countSlot.priority)) !== 0)
    addValue(summary.series.priorityWait, visit.wait);
}

/** Adds `from` into `into`. */
export function mergeInto(into: WaitSummary, from: WaitSummary): WaitSummary {
  for (let s = 0; s < countSlots; s += 1)
    into.counts[s] = (into.counts[s] as number) + (from.counts[s] as number);
  into.firstStage += from.firstStage;
  into.outOfOrder += from.outOfOrder;
  for (const name of durationSeries) {
    const a = into.series[name];
    const b = from.series[name];
    a.count += b.count;
    a.sum += b.sum;
    a.sumSq += b.sumSq;
    if (b.min < a.min) a.min = b.min;
    if (b.max > a.max) a.max = b.max;
    for (let k = 0; k < bucketCount; k += 1)
      a.buckets[k] = (a.buckets[k] as number) + (b.buckets[k] as number);
  }
  return into;
}

export const mergeAll = (summaries: Iterable<WaitSummary>): WaitSummary => {
  const total = emptyWaitSummary();
  for (const s of summaries) mergeInto(total, s);
  return total;
};

/** Format 1: counts, first-stage visits, out-of-order calls, then each series with its buckets. */
const format = 1;
const headerBytes = 4 + 4 * (countSlots + 2);
const seriesHeaderBytes = 4 + 8 * 4 + 4;

/** An unsigned integer in 7-bit groups, low first (LEB128): a small count takes one byte. */
function writeVarint(out: Buffer, at: number, value: number): number {
  let v = value;
  while (v >= 0x80) {
    out[at++] = (v % 0x80) | 0x80;
    v = Math.floor(v / 0x80);
  }
  out[at++] = v;
  return at;
}

/**
 * The summary as stored (`central_wait_days.summary`, `central_wait_months.summary`),
 * little-endian: the format, the counts, then per series its count, sum, sum of squares, min, max,
 * how many buckets hold values, and those buckets as (gap from the previous one, values) pairs of
 * LEB128 varints: mostly two bytes a bucket, so a month's summary stays a few kilobytes.
 */
export function encodeSummary(summary: WaitSummary): Buffer {
  let size = headerBytes;
  for (const name of durationSeries) {
    let used = 0;
    for (const n of summary.series[name].buckets) if (n !== 0) used += 1;
    size += seriesHeaderBytes + 8 * used;
  }
  const out = Buffer.alloc(size);
  let at = out.writeUInt32LE(format, 0);
  for (const n of summary.counts) at = out.writeUInt32LE(n, at);
  at = out.writeUInt32LE(summary.firstStage, at);
  at = out.writeUInt32LE(summary.outOfOrder, at);
  for (const name of durationSeries) {
    const s = summary.series[name];
    at = out.writeUInt32LE(s.count, at);
    at = out.writeDoubleLE(s.sum, at);
    at = out.writeDoubleLE(s.sumSq, at);
    at = out.writeDoubleLE(s.min, at);
    at = out.writeDoubleLE(s.max, at);
    const usedAt = at;
    at += 4;
    let used = 0;
    let previous = -1;
    for (let b = 0; b < bucketCount; b += 1) {
      const n = s.buckets[b] as number;
      if (n === 0) continue;
      at = writeVarint(out, at, b - previous);
      at = writeVarint(out, at, n);
      previous = b;
      used += 1;
    }
    out.writeUInt32LE(used, usedAt);
  }
  return out.subarray(0, at);
}

/**
 * Adds a stored summary into `into` straight from its bytes: a national year adds some 5,000 of
 * them, and no summary object is made for each.
 */
export function addEncoded(into: WaitSummary, data: Buffer): WaitSummary {
  if (data.length < headerBytes || data.readUInt32LE(0) !== format)
    throw new Error('unknown wait summary format');
  try {
    return addStoredBody(into, data);
  } catch (error) {
    // A summary cut short reads past its end.
    if (error instanceof RangeError) throw new Error('damaged wait summary');
    throw error;
  }
}

function addStoredBody(into: WaitSummary, data: Buffer): WaitSummary {
  let at = 4;
  for (let s = 0; s < countSlots; s += 1, at += 4)
    into.counts[s] = (into.counts[s] as number) + data.readUInt32LE(at);
  into.firstStage += data.readUInt32LE(at);
  into.outOfOrder += data.readUInt32LE(at + 4);
  at += 8;
  for (const name of durationSeries) {
    const s = into.series[name];
    s.count += data.readUInt32LE(at);
    s.sum += data.readDoubleLE(at + 4);
    s.sumSq += data.readDoubleLE(at + 12);
    const min = data.readDoubleLE(at + 20);
    const max = data.readDoubleLE(at + 28);
    if (min < s.min) s.min = min;
    if (max > s.max) s.max = max;
    const used = data.readUInt32LE(at + 36);
    at += seriesHeaderBytes;
    const buckets = s.buckets;
    let b = -1;
    for (let i = 0; i < used; i += 1) {
      let byte = data[at++] as number;
      let gap = byte & 0x7f;
      for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
        byte = data[at++] as number;
        gap += (byte & 0x7f) * scale;
      }
      byte = data[at++] as number;
      let n = byte & 0x7f;
      for (let scale = 0x80; byte >= 0x80; scale *= 0x80) {
        byte = data[at++] as number;
        n += (byte & 0x7f) * scale;
      }
      b += gap;
      if (b >= bucketCount || at > data.length) throw new Error('damaged wait summary');
      buckets[b] = (buckets[b] as number) + n;
    }
  }
  return into;
}

export const decodeSummary = (data: Buffer): WaitSummary => addEncoded(emptyWaitSummary(), data);

/** The summaries of a day's stage visits, per stage. */
export function summarizeVisits(
  visits: readonly (StageVisit & { outOfOrderCalls: number })[],
  settings: KpiSettings,
): Map<string, WaitSummary> {
  const byStage = new Map<string, WaitSummary>();
  for (const v of visits) {
    let summary = byStage.get(v.stage);
    if (!summary) byStage.set(v.stage, (summary = emptyWaitSummary()));
    addVisit(summary, v, v.outOfOrderCalls, settings);
  }
  return byStage;
}

/** A bucket's value for a percentile: its middle, kept inside the values' exact min and max. */
const valueOf = (bucket: number, s: SeriesSummary): number => {
  const middle = middles[bucket] as number;
  return Math.min(s.max, Math.max(s.min, middle === Infinity ? s.max : middle));
};

/** Each bucket's middle (Infinity for the last, open one), worked out once. */
const middles = Float64Array.from({ length: bucketCount }, (_, bucket) => {
  const { low, high } = bucketBounds(bucket);
  return high === Infinity ? Infinity : (low + high) / 2;
});

/**
 * One series' figures from its summary: the count, mean and max exact, the nearest-rank p50 and
 * p90 from the histogram; the outliers (the floor's |z| ≥ `z` rule, against the report-wide mean and
 * standard deviation `against`) judged bucket by bucket on the bucket's value.
 */
function durationFiguresFrom(s: SeriesSummary, against: SeriesSummary, z: number): DurationFigures {
  const empty: DurationSummary = { count: 0, p50Ms: null, p90Ms: null, maxMs: null, meanMs: null };
  if (s.count === 0) return durationFiguresOf(empty, empty);
  const mean = against.count === 0 ? 0 : against.sum / against.count;
  const std = against.count === 0 ? 0 : Math.sqrt(Math.max(0, against.sumSq / against.count - mean * mean));
  const kept = (b: number) => std === 0 || Math.abs(valueOf(b, s) - mean) / std < z;
  const summaryOf = (
    keep: (b: number) => boolean,
    count: number,
    sum: number,
    max: number,
  ): DurationSummary => {
    if (count === 0) return empty;
    const rank50 = Math.max(1, Math.ceil(0.5 * count));
    const rank90 = Math.max(1, Math.ceil(0.9 * count));
    let p50: number | null = null;
    let p90: number | null = null;
    let seen = 0;
    for (let b = 0; b < bucketCount && p90 === null; b += 1) {
      const n = s.buckets[b] as number;
      if (n === 0 || !keep(b)) continue;
      seen += n;
      if (p50 === null && seen >= rank50) p50 = valueOf(b, s);
      if (seen >= rank90) p90 = valueOf(b, s);
    }
    return { count, p50Ms: p50 ?? max, p90Ms: p90 ?? max, maxMs: max, meanMs: sum / count };
  };
  const all = summaryOf(() => true, s.count, s.sum, s.max);
  let keptCount = 0;
  let dropped = 0;
  let top = -1;
  for (let b = 0; b < bucketCount; b += 1) {
    const n = s.buckets[b] as number;
    if (n === 0) continue;
    if (kept(b)) {
      keptCount += n;
      top = b;
    } else dropped += n * valueOf(b, s);
  }
  if (keptCount === s.count) return durationFiguresOf(all, all);
  return durationFiguresOf(
    all,
    summaryOf(kept, keptCount, s.sum - dropped, top < 0 ? s.max : valueOf(top, s)),
  );
}

/**
 * The floor's `Figures` of a summary, the outliers judged against `reportWide` (the whole report's
 * summary, as the floor judges them over the whole report). Counts, shares, means and max are
 * exact; percentiles are read from the histogram (see above); the outliers and the figures without
 * them are judged per bucket.
 */
export function figuresOfSummary(summary: WaitSummary, reportWide: WaitSummary, z: number): Figures {
  return figuresOf(
    (slot) => summary.counts[slot] as number,
    (name) =>
      durationFiguresFrom(
        summary.series[name],
        // The priority lane's waits are flagged as their wait is.
        reportWide.series[name === 'priorityWait' ? 'wait' : name],
        z,
      ),
  );
}
