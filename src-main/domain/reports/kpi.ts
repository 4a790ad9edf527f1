import { priorityLaneIds } from '../laneIds.ts';
import { orderOf, summarizeSorted, type DurationSummary } from './durations.ts';
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

/** Which visits are outliers for each measure, judged once over the whole report. */
type OutlierFlags = Record<Measure, Uint8Array>;

/** One group's values of one measure, ascending: all of them, and those not flagged as outliers. */
interface SortedValues {
  all: ArrayLike<number>;
  kept: ArrayLike<number>;
}

function durationFigures({ all, kept }: SortedValues): DurationFigures {
  const withOutliers = summarizeSorted(all);
  return {
    ...withOutliers,
    outliers: all.length - kept.length,
    withoutOutliers: kept.length === all.length ? withOutliers : summarizeSorted(kept),
  };
}

/** A group's durations, each list already in order. */
interface GroupDurations {
  wait: SortedValues;
  walkUp: SortedValues;
  service: SortedValues;
  priorityWait: SortedValues;
}

function figuresOf(
  visits: readonly StageVisit[],
  indexes: readonly number[],
  settings: KpiSettings,
  durations: GroupDurations,
): Figures {
  const graceMs = settings.windowGraceMinutes * 60_000;
  const thresholdMs = settings.waitThresholdMinutes * 60_000;
  let served = 0;
  let noShows = 0;
  let walkOuts = 0;
  let cancelled = 0;
  let transferred = 0;
  let held = 0;
  let inside = 0;
  let firstCalled = 0;
  let above = 0;
  let waited = 0;
  let unverified = 0;
  let confirmed = 0;
  let refused = 0;
  let priority = 0;
  for (const i of indexes) {
    const v = visits[i] as StageVisit;
    if (v.status === 'done') served += 1;
    else if (v.status === 'no_show') noShows += 1;
    else if (v.status === 'cancelled') cancelled += 1;
    else if (v.status === 'transferred') transferred += 1;
    else if (v.status === 'waiting' && v.firstCallAt === null && v.date < settings.today) walkOuts += 1;
    if (v.held) held += 1;
    if (v.wait !== null) {
      waited += 1;
      if (v.wait > thresholdMs) above += 1;
    }
    if (v.firstStage) {
      if (v.firstCallAt !== null) {
        firstCalled += 1;
        if (v.firstCallAt <= v.windowStartAt + graceMs) inside += 1;
      }
      if (v.unverified) unverified += 1;
      if (v.claim === 'confirmed') confirmed += 1;
      else if (v.claim === 'refused') refused += 1;
    }
    if (priorityLanes.has(v.lane)) priority += 1;
  }
  return {
    arrived: indexes.length,
    served,
    noShows,
    walkOuts,
    cancelled,
    transferred,
    held,
    wait: durationFigures(durations.wait),
    walkUp: durationFigures(durations.walkUp),
    service: durationFigures(durations.service),
    calledInsideWindow: shareOf(inside, firstCalled),
    aboveWaitThreshold: shareOf(above, waited),
    unverifiedCheckIns: unverified,
    priorityClaimsConfirmed: confirmed,
    priorityClaimsRefused: refused,
    priorityLane: {
      share: shareOf(priority, indexes.length),
      wait: durationFigures(durations.priorityWait),
    },
  };
}

function flagOutliers(
  visits: readonly StageVisit[],
  z: number,
): { flags: OutlierFlags; outliers: Outlier[] } {
  const flags = {} as OutlierFlags;
  const outliers: Outlier[] = [];
  for (const measure of measures) {
    const at: number[] = [];
    const values: number[] = [];
    visits.forEach((v, i) => {
      const ms = v[measure];
      if (ms === null) return;
      at.push(i);
      values.push(ms);
    });
    const marks = new Uint8Array(visits.length);
    for (const found of outliersOf(values, z)) {
      const i = at[found.index] as number;
      const v = visits[i] as StageVisit;
      marks[i] = 1;
      outliers.push({
        date: v.date,
        number: v.number,
        stage: v.stage,
        measure,
        ms: values[found.index] as number,
        z: found.z,
      });
    }
    flags[measure] = marks;
  }
  outliers.sort((a, b) => (a.date === b.date ? b.ms - a.ms : a.date < b.date ? -1 : 1));
  return { flags, outliers };
}

/**
 * Each measure's visits ordered by it, sorted once for every group: the visit at each place, its
 * value, whether it is an outlier and whether it waited in a priority lane, all in that order (a
 * walk then reads them in sequence, not all over a year's memory).
 */
interface Prepared {
  orders: Record<Measure, Uint32Array>;
  values: Record<Measure, Float64Array>;
  flags: Record<Measure, Uint8Array>;
  priority: Uint8Array;
}

function prepare(visits: readonly StageVisit[], flags: OutlierFlags): Prepared {
  const orders = {} as Record<Measure, Uint32Array>;
  const values = {} as Record<Measure, Float64Array>;
  const sortedFlags = {} as Record<Measure, Uint8Array>;
  const columns: Record<Measure, Float64Array> = {
    wait: new Float64Array(visits.length),
    walkUp: new Float64Array(visits.length),
    service: new Float64Array(visits.length),
  };
  for (let i = 0; i < visits.length; i += 1) {
    const v = visits[i] as StageVisit;
    columns.wait[i] = v.wait ?? NaN;
    columns.walkUp[i] = v.walkUp ?? NaN;
    columns.service[i] = v.service ?? NaN;
  }
  for (const measure of measures) {
    const column = columns[measure];
    const order = orderOf(column);
    const inOrder = new Float64Array(order.length);
    const flagged = new Uint8Array(order.length);
    const outliers = flags[measure];
    for (let n = 0; n < order.length; n += 1) {
      const i = order[n] as number;
      inOrder[n] = column[i] as number;
      flagged[n] = outliers[i] as number;
    }
    orders[measure] = order;
    values[measure] = inOrder;
    sortedFlags[measure] = flagged;
  }
  const waitOrder = orders.wait;
  const priority = new Uint8Array(waitOrder.length);
  for (let n = 0; n < waitOrder.length; n += 1)
    priority[n] = priorityLanes.has((visits[waitOrder[n] as number] as StageVisit).lane) ? 1 : 0;
  return { orders, values, flags: sortedFlags, priority };
}

/**
 * The figures of each group of a grouping: counts over its visits, durations from lists built by
 * walking each measure's order once, so every group's list comes out sorted.
 */
function groupedFigures<K extends string | number>(
  visits: readonly StageVisit[],
  prepared: Prepared,
  settings: KpiSettings,
  key: (v: StageVisit) => K | null,
): Map<K, Figures> {
  const groups = new Map<K, number[]>();
  const ordinal = new Int32Array(visits.length).fill(-1);
  const keys: K[] = [];
  visits.forEach((v, i) => {
    const k = key(v);
    if (k === null) return;
    let list = groups.get(k);
    if (!list) {
      list = [];
      groups.set(k, list);
      keys.push(k);
    }
    list.push(i);
  });
  keys.forEach((k, g) => {
    for (const i of groups.get(k) as number[]) ordinal[i] = g;
  });
  // One list per group and measure, all in one array (each group its own stretch of it, as long as
  // the group), filled walking the measure's order.
  const start = new Int32Array(keys.length + 1);
  keys.forEach((k, g) => (start[g + 1] = (start[g] as number) + (groups.get(k) as number[]).length));
  const walk = (measure: Measure, only: Uint8Array | null): SortedValues[] => {
    const all = new Float64Array(visits.length);
    const kept = new Float64Array(visits.length);
    const allEnd = start.slice(0, keys.length);
    const keptEnd = start.slice(0, keys.length);
    const order = prepared.orders[measure];
    const column = prepared.values[measure];
    const flags = prepared.flags[measure];
    for (let n = 0; n < order.length; n += 1) {
      const g = ordinal[order[n] as number] as number;
      if (g < 0 || (only !== null && only[n] === 0)) continue;
      const ms = column[n] as number;
      all[allEnd[g] as number] = ms;
      allEnd[g] = (allEnd[g] as number) + 1;
      if (flags[n] === 0) {
        kept[keptEnd[g] as number] = ms;
        keptEnd[g] = (keptEnd[g] as number) + 1;
      }
    }
    return keys.map((_, g) => ({
      all: all.subarray(start[g], allEnd[g]),
      kept: kept.subarray(start[g], keptEnd[g]),
    }));
  };
  const wait = walk('wait', null);
  const walkUp = walk('walkUp', null);
  const service = walk('service', null);
  const priorityWait = walk('wait', prepared.priority);
  const lists = keys.map((_, g) => ({
    wait: wait[g] as SortedValues,
    walkUp: walkUp[g] as SortedValues,
    service: service[g] as SortedValues,
    priorityWait: priorityWait[g] as SortedValues,
  }));
  const figures = new Map<K, Figures>();
  keys.forEach((k, g) =>
    figures.set(k, figuresOf(visits, groups.get(k) as number[], settings, lists[g] as GroupDurations)),
  );
  return figures;
}

const ascending = <K extends string | number>(a: K, b: K): number => (a < b ? -1 : a > b ? 1 : 0);

/** The KPIs of the visits (already narrowed by the report's filters). */
export function aggregateKpi(
  visits: readonly StageVisit[],
  settings: KpiSettings,
  stageOrder: readonly string[] = [],
): KpiAggregate {
  const { flags, outliers } = flagOutliers(visits, settings.outlierZ);
  const prepared = prepare(visits, flags);
  const grouped = <K extends string | number>(key: (v: StageVisit) => K | null, order = ascending<K>) =>
    [...groupedFigures(visits, prepared, settings, key).entries()].sort(([a], [b]) => order(a, b));
  const stageRank = (s: string) => {
    const at = stageOrder.indexOf(s);
    return at < 0 ? stageOrder.length : at;
  };
  const total = groupedFigures(visits, prepared, settings, () => 'all').get('all');
  return {
    total: total ?? figuresOf(visits, [], settings, emptyDurations()),
    byDay: grouped((v) => v.date).map(([date, f]) => ({ date, figures: f })),
    byStage: grouped(
      (v) => v.stage,
      (a, b) => stageRank(a) - stageRank(b) || ascending(a, b),
    ).map(([stage, f]) => ({ stage, figures: f })),
    byCounter: grouped((v) => v.calledCounter).map(([counter, f]) => ({ counter, figures: f })),
    byOfficer: grouped((v) => v.calledOfficerId).map(([officerId, f]) => ({ officerId, figures: f })),
    byHour: grouped((v) => v.hour).map(([hour, f]) => ({ hour, figures: f })),
    byWindow: grouped((v) => v.window).map(([window, f]) => ({ window, figures: f })),
    outliers,
  };
}

const emptyDurations = (): GroupDurations => ({
  wait: { all: [], kept: [] },
  walkUp: { all: [], kept: [] },
  service: { all: [], kept: [] },
  priorityWait: { all: [], kept: [] },
});
