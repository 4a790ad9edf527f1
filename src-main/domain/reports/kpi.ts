import { priorityLaneIds } from '../laneIds.ts';
import { emptySummary, sortedWithIndex, type DurationSummary } from './durations.ts';
import { outliersOf } from './outliers.ts';
import type { StageVisit } from './visits.ts';

/**
 * The KPIs of a set of measured stage visits: the counts, the duration summaries with and without
 * outliers, the shares, in total and per day, stage, counter, officer, hour and arrival window.
 * Definitions for a supervisor: docs/reports.md.
 */

export const measures = ['wait', 'walkUp', 'service'] as const;
export type Measure = (typeof measures)[number];

export interface DurationFigures extends DurationSummary {
  outliers: number;
  withoutOutliers: DurationSummary;
}

export interface ShareFigure {
  count: number;
  of: number;
  share: number | null;
}

export interface Figures {
  arrived: number;
  served: number;
  noShows: number;
  walkOuts: number;
  cancelled: number;
  transferred: number;
  held: number;
  wait: DurationFigures;
  walkUp: DurationFigures;
  service: DurationFigures;
  calledInsideWindow: ShareFigure;
  aboveWaitThreshold: ShareFigure;
  unverifiedCheckIns: number;
  priorityClaimsConfirmed: number;
  priorityClaimsRefused: number;
  priorityLane: { share: ShareFigure; wait: DurationFigures };
}

export interface KpiSettings {
  /** The office's local date today: a visit still waiting on an earlier day walked out. */
  today: string;
  windowGraceMinutes: number;
  waitThresholdMinutes: number;
  outlierZ: number;
}

export interface Outlier {
  date: string;
  number: string;
  stage: string;
  measure: Measure;
  ms: number;
  z: number;
}

export interface KpiAggregate {
  total: Figures;
  byDay: { date: string; figures: Figures }[];
  byStage: { stage: string; figures: Figures }[];
  byCounter: { counter: number; figures: Figures }[];
  /** Keyed by the officer's id: the caller names them. */
  byOfficer: { officerId: string; figures: Figures }[];
  byHour: { hour: number; figures: Figures }[];
  byWindow: { window: string; figures: Figures }[];
  outliers: Outlier[];
}

const priorityLanes: ReadonlySet<string> = new Set(priorityLaneIds);

const shareOf = (count: number, of: number): ShareFigure => ({
  count,
  of,
  share: of === 0 ? null : count / of,
});

/**
 * The groupings of a report, in the order the walks read them: the whole report, then per day,
 * stage, counter, officer, hour and arrival window.
 */
const groupings = ['total', 'day', 'stage', 'counter', 'officer', 'hour', 'window'] as const;
type Grouping = (typeof groupings)[number];
type GroupKey = string | number;

/** The counts of a group, one slot each in a flat array (`counts[group * countSlots + slot]`). */
export const countSlot = {
  arrived: 0,
  served: 1,
  noShows: 2,
  walkOuts: 3,
  cancelled: 4,
  transferred: 5,
  held: 6,
  inside: 7,
  firstCalled: 8,
  above: 9,
  waited: 10,
  unverified: 11,
  confirmed: 12,
  refused: 13,
  priority: 14,
} as const;
export const countSlots = 15;

/** The durations a group summarises: the three measures, and the wait of its priority-lane visits. */
export const durationSeries = ['wait', 'walkUp', 'service', 'priorityWait'] as const;
export type Series = (typeof durationSeries)[number];

/**
 * Every group of every grouping numbered once (`groupOf[visit * groupings.length + k]`, −1 where a
 * visit has no key for that grouping, e.g. never called: no counter).
 */
interface Groups {
  keys: GroupKey[][];
  /** Where each grouping's groups start in the flat numbering. */
  offset: Int32Array;
  size: number;
  groupOf: Uint16Array;
}

/** A visit's row of group numbers: one per grouping, padded to 8 so a row never straddles a cache line. */
const rowWidth = 8;
/** "No group" in a row (the visit has no key for that grouping). */
const none = 0xffff;

/** One series' values per visit (NaN where a visit has none), and which are outliers. */
interface Column {
  values: Float64Array;
  outlier: Uint8Array;
}

/** The visits as columns: each one's groups, what it counts for (a bit per count slot) and its durations. */
interface Columns {
  groups: Groups;
  /** Bit `countSlot.x` set when the visit counts for x. */
  counted: Uint16Array;
  values: Record<Measure, Float64Array>;
  priority: Uint8Array;
}

/**
 * What a visit counts for: bit `countSlot.x` set when it counts for x (the floor's definitions,
 * docs/reports.md). The grace and the threshold in ms, as `settings` gives them in minutes.
 */
export function countedBits(
  v: StageVisit,
  settings: KpiSettings,
  graceMs = settings.windowGraceMinutes * 60_000,
  thresholdMs = settings.waitThresholdMinutes * 60_000,
): number {
  let bits = 1 << countSlot.arrived;
  if (v.status === 'done') bits |= 1 << countSlot.served;
  else if (v.status === 'no_show') bits |= 1 << countSlot.noShows;
  else if (v.status === 'cancelled') bits |= 1 << countSlot.cancelled;
  else if (v.status === 'transferred') bits |= 1 << countSlot.transferred;
  else if (v.status === 'waiting' && v.firstCallAt === null && v.date < settings.today)
    bits |= 1 << countSlot.walkOuts;
  if (v.held) bits |= 1 << countSlot.held;
  if (v.wait !== null) {
    bits |= 1 << countSlot.waited;
    if (v.wait > thresholdMs) bits |= 1 << countSlot.above;
  }
  if (v.firstStage) {
    if (v.firstCallAt !== null) {
      bits |= 1 << countSlot.firstCalled;
      if (v.firstCallAt <= v.windowStartAt + graceMs) bits |= 1 << countSlot.inside;
    }
    if (v.unverified) bits |= 1 << countSlot.unverified;
    if (v.claim === 'confirmed') bits |= 1 << countSlot.confirmed;
    else if (v.claim === 'refused') bits |= 1 << countSlot.refused;
  }
  if (priorityLanes.has(v.lane)) bits |= 1 << countSlot.priority;
  return bits;
}

/**
 * Reads the visits once, in order: every other pass of a report walks typed columns, never a
 * year's 700,000 objects again.
 */
function columnsOf(visits: readonly StageVisit[], settings: KpiSettings): Columns {
  const n = visits.length;
  const graceMs = settings.windowGraceMinutes * 60_000;
  const thresholdMs = settings.waitThresholdMinutes * 60_000;
  const keys: GroupKey[][] = groupings.map(() => []);
  const maps = groupings.map(() => new Map<GroupKey, number>());
  const groupOf = new Uint16Array(n * rowWidth).fill(none);
  const number = (k: number, key: GroupKey | null, i: number) => {
    if (key === null) return;
    const map = maps[k] as Map<GroupKey, number>;
    let g = map.get(key);
    if (g === undefined) {
      g = map.size;
      map.set(key, g);
      (keys[k] as GroupKey[]).push(key);
    }
    groupOf[i * rowWidth + k] = g;
  };
  const counted = new Uint16Array(n);
  const wait = new Float64Array(n);
  const walkUp = new Float64Array(n);
  const service = new Float64Array(n);
  const priority = new Uint8Array(n);
  for (let i = 0; i < n; i += 1) {
    const v = visits[i] as StageVisit;
    groupOf[i * rowWidth] = 0;
    number(1, v.date, i);
    number(2, v.stage, i);
    number(3, v.calledCounter, i);
    number(4, v.calledOfficerId, i);
    number(5, v.hour, i);
    number(6, v.window, i);
    const bits = countedBits(v, settings, graceMs, thresholdMs);
    if ((bits & (1 << countSlot.priority)) !== 0) priority[i] = 1;
    counted[i] = bits;
    wait[i] = v.wait ?? NaN;
    walkUp[i] = v.walkUp ?? NaN;
    service[i] = v.service ?? NaN;
  }
  keys[0] = n === 0 ? [] : ['all'];
  const width = groupings.length;
  const offset = new Int32Array(width + 1);
  for (let k = 0; k < width; k += 1) offset[k + 1] = (offset[k] as number) + (keys[k] as GroupKey[]).length;
  // Far more than any range of office days has (a year: about 400 groups).
  if ((offset[width] as number) >= none) throw new Error('too many groups for one report');
  for (let m = 0; m < groupOf.length; m += 1) {
    const g = groupOf[m] as number;
    if (g !== none) groupOf[m] = g + (offset[m % rowWidth] as number);
  }
  return {
    groups: { keys, offset, size: offset[width] as number, groupOf },
    counted,
    values: { wait, walkUp, service },
    priority,
  };
}

/** Each group's counts, from the visits' bits. */
function countGroups(columns: Columns): Int32Array {
  const { groups, counted } = columns;
  const counts = new Int32Array(groups.size * countSlots);
  const width = groupings.length;
  for (let i = 0; i < counted.length; i += 1) {
    const bits = counted[i] as number;
    for (let k = 0; k < width; k += 1) {
      const g = groups.groupOf[i * rowWidth + k] as number;
      if (g === none) continue;
      const at = g * countSlots;
      for (let m = bits; m !== 0; m &= m - 1) {
        const s = 31 - Math.clz32(m & -m);
        counts[at + s] = (counts[at + s] as number) + 1;
      }
    }
  }
  return counts;
}

/** Each series with its outliers flagged, judged once per measure over the whole report. */
function seriesOf(
  visits: readonly StageVisit[],
  columns: Columns,
  z: number,
): { series: Record<Series, Column>; outliers: Outlier[] } {
  const n = visits.length;
  const found = {} as Record<Series, Column>;
  const outliers: Outlier[] = [];
  for (const measure of measures) {
    const values = columns.values[measure];
    let present = 0;
    for (let i = 0; i < n; i += 1) if (!Number.isNaN(values[i] as number)) present += 1;
    // The rule judges the values in visit order.
    const at = new Uint32Array(present);
    const given = new Float64Array(present);
    for (let i = 0, k = 0; i < n; i += 1)
      if (!Number.isNaN(values[i] as number)) {
        at[k] = i;
        given[k++] = values[i] as number;
      }
    const outlier = new Uint8Array(n);
    for (const o of outliersOf(given, z)) {
      const i = at[o.index] as number;
      const v = visits[i] as StageVisit;
      outlier[i] = 1;
      outliers.push({
        date: v.date,
        number: v.number,
        stage: v.stage,
        measure,
        ms: given[o.index] as number,
        z: o.z,
      });
    }
    found[measure] = { values, outlier };
  }
  // The priority lane's wait: the wait of the visits in a priority lane, flagged as their wait is.
  const priorityWait = new Float64Array(n).fill(NaN);
  for (let i = 0; i < n; i += 1)
    if (columns.priority[i] === 1) priorityWait[i] = columns.values.wait[i] as number;
  found.priorityWait = { values: priorityWait, outlier: found.wait.outlier };
  outliers.sort((a, b) => (a.date === b.date ? b.ms - a.ms : a.date < b.date ? -1 : 1));
  return { series: found, outliers };
}

/** A series' summaries for every group: with the outliers, and without. */
interface SeriesSummaries {
  all: DurationSummary[];
  kept: DurationSummary[];
}

/**
 * The nearest-rank p50 and p90, the max and the mean of one series for every group at once,
 * without a list per group: the values sorted once, each group's ranks known from its count, then
 * one walk in order in which each group picks the values at its ranks as it reaches them.
 */
function summarizeSeries(column: Column, groups: Groups): SeriesSummaries {
  const width = groupings.length;
  const { values, outlier } = column;
  const size = groups.size;
  const { groupOf } = groups;
  // The outliers are the smallest and largest values (|z| grows away from the mean both ways), so
  // in order the kept values are one stretch: from `keptFrom` up to `keptTo`.
  let minKept = Infinity;
  for (let i = 0; i < values.length; i += 1)
    if (outlier[i] === 0 && (values[i] as number) < minKept) minKept = values[i] as number;
  let low = 0;
  let flagged = 0;
  const countAll = new Int32Array(size);
  for (let i = 0; i < values.length; i += 1) {
    const ms = values[i] as number;
    if (Number.isNaN(ms)) continue;
    if (outlier[i] === 1) {
      flagged += 1;
      if (ms < minKept) low += 1;
    }
    for (let k = 0; k < width; k += 1) {
      const g = groupOf[i * rowWidth + k] as number;
      if (g !== none) countAll[g] = (countAll[g] as number) + 1;
    }
  }
  const { at: order, sorted } = sortedWithIndex(values);
  const keptFrom = low;
  const keptTo = order.length - (flagged - low);
  const countKept = new Int32Array(size);
  for (let n = keptFrom; n < keptTo; n += 1) {
    const i = order[n] as number;
    for (let k = 0; k < width; k += 1) {
      const g = groupOf[i * rowWidth + k] as number;
      if (g !== none) countKept[g] = (countKept[g] as number) + 1;
    }
  }
  const rank = (count: Int32Array, p: number) =>
    count.map((c) => (c === 0 ? 0 : Math.max(1, Math.ceil((p / 100) * c))));
  const rank50All = rank(countAll, 50);
  const rank90All = rank(countAll, 90);
  const rank50Kept = rank(countKept, 50);
  const rank90Kept = rank(countKept, 90);
  const seenAll = new Int32Array(size);
  const seenKept = new Int32Array(size);
  const p50All = new Float64Array(size);
  const p90All = new Float64Array(size);
  const maxAll = new Float64Array(size);
  const sumAll = new Float64Array(size);
  const p50Kept = new Float64Array(size);
  const p90Kept = new Float64Array(size);
  const maxKept = new Float64Array(size);
  const sumKept = new Float64Array(size);
  for (let n = 0; n < order.length; n += 1) {
    const row = (order[n] as number) * rowWidth;
    const ms = sorted[n] as number;
    const kept = n >= keptFrom && n < keptTo;
    for (let k = 0; k < width; k += 1) {
      const g = groupOf[row + k] as number;
      if (g === none) continue;
      const seen = (seenAll[g] as number) + 1;
      seenAll[g] = seen;
      if (seen === rank50All[g]) p50All[g] = ms;
      if (seen === rank90All[g]) p90All[g] = ms;
      maxAll[g] = ms;
      sumAll[g] = (sumAll[g] as number) + ms;
      if (!kept) continue;
      const seenK = (seenKept[g] as number) + 1;
      seenKept[g] = seenK;
      if (seenK === rank50Kept[g]) p50Kept[g] = ms;
      if (seenK === rank90Kept[g]) p90Kept[g] = ms;
      maxKept[g] = ms;
      sumKept[g] = (sumKept[g] as number) + ms;
    }
  }
  const summaries = (
    count: Int32Array,
    p50: Float64Array,
    p90: Float64Array,
    max: Float64Array,
    sum: Float64Array,
  ) =>
    Array.from(count, (c, g): DurationSummary =>
      c === 0
        ? emptySummary
        : {
            count: c,
            p50Ms: p50[g] as number,
            p90Ms: p90[g] as number,
            maxMs: max[g] as number,
            meanMs: (sum[g] as number) / c,
          },
    );
  return {
    all: summaries(countAll, p50All, p90All, maxAll, sumAll),
    kept: summaries(countKept, p50Kept, p90Kept, maxKept, sumKept),
  };
}

/** A duration's figures from its summaries with and without the outliers. */
export function durationFiguresOf(all: DurationSummary, kept: DurationSummary): DurationFigures {
  return {
    ...all,
    outliers: all.count - kept.count,
    withoutOutliers: kept.count === all.count ? all : kept,
  };
}

/**
 * A group's figures from its counts (`count(countSlot.x)`) and the figures of its four series (the
 * three measures and the priority lane's wait).
 */
export function figuresOf(
  count: (slot: number) => number,
  duration: (s: Series) => DurationFigures,
): Figures {
  const c = count;
  return {
    arrived: c(countSlot.arrived),
    served: c(countSlot.served),
    noShows: c(countSlot.noShows),
    walkOuts: c(countSlot.walkOuts),
    cancelled: c(countSlot.cancelled),
    transferred: c(countSlot.transferred),
    held: c(countSlot.held),
    wait: duration('wait'),
    walkUp: duration('walkUp'),
    service: duration('service'),
    calledInsideWindow: shareOf(c(countSlot.inside), c(countSlot.firstCalled)),
    aboveWaitThreshold: shareOf(c(countSlot.above), c(countSlot.waited)),
    unverifiedCheckIns: c(countSlot.unverified),
    priorityClaimsConfirmed: c(countSlot.confirmed),
    priorityClaimsRefused: c(countSlot.refused),
    priorityLane: {
      share: shareOf(c(countSlot.priority), c(countSlot.arrived)),
      wait: duration('priorityWait'),
    },
  };
}

function figuresOfGroup(counts: Int32Array, durations: Record<Series, SeriesSummaries>, g: number): Figures {
  return figuresOf(
    (s) => counts[g * countSlots + s] as number,
    (s) => durationFiguresOf(durations[s].all[g] as DurationSummary, durations[s].kept[g] as DurationSummary),
  );
}

const ascending = <K extends string | number>(a: K, b: K): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The KPIs of the visits (already narrowed by the report's filters). A year's 700,000 stage visits
 * are read as columns: one pass numbers every group of every grouping, one counts, and each series
 * is sorted once and walked once for all groups (docs/reports.md has the definitions).
 */
export function aggregateKpi(
  visits: readonly StageVisit[],
  settings: KpiSettings,
  stageOrder: readonly string[] = [],
): KpiAggregate {
  const columns = columnsOf(visits, settings);
  const { groups } = columns;
  const counts = countGroups(columns);
  const { series: found, outliers } = seriesOf(visits, columns, settings.outlierZ);
  const durations = {} as Record<Series, SeriesSummaries>;
  for (const s of durationSeries) durations[s] = summarizeSeries(found[s], groups);
  const grouped = <K extends GroupKey>(grouping: Grouping, order: (a: K, b: K) => number = ascending) => {
    const k = groupings.indexOf(grouping);
    const keys = groups.keys[k] as K[];
    return keys
      .map((key, g) => [key, figuresOfGroup(counts, durations, (groups.offset[k] as number) + g)] as const)
      .sort(([a], [b]) => order(a, b));
  };
  const stageRank = (s: string) => {
    const at = stageOrder.indexOf(s);
    return at < 0 ? stageOrder.length : at;
  };
  const total = grouped<string>('total')[0]?.[1];
  return {
    total: total ?? figuresOfGroup(new Int32Array(countSlots), emptyDurations(), 0),
    byDay: grouped<string>('day').map(([date, f]) => ({ date, figures: f })),
    byStage: grouped<string>('stage', (a, b) => stageRank(a) - stageRank(b) || ascending(a, b)).map(
      ([stage, f]) => ({ stage, figures: f }),
    ),
    byCounter: grouped<number>('counter').map(([counter, f]) => ({ counter, figures: f })),
    byOfficer: grouped<string>('officer').map(([officerId, f]) => ({ officerId, figures: f })),
    byHour: grouped<number>('hour').map(([hour, f]) => ({ hour, figures: f })),
    byWindow: grouped<string>('window').map(([window, f]) => ({ window, figures: f })),
    outliers,
  };
}

const emptyDurations = (): Record<Series, SeriesSummaries> => {
  const none = { all: [emptySummary], kept: [emptySummary] };
  return { wait: none, walkUp: none, service: none, priorityWait: none };
};
