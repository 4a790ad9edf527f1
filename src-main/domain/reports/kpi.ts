import { priorityLaneIds } from '../laneIds.ts';
import { summarize, type DurationSummary } from './durations.ts';
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

function durationFigures(
  visits: readonly StageVisit[],
  indexes: readonly number[],
  measure: Measure,
  flags: Uint8Array,
): DurationFigures {
  const all = new Float64Array(indexes.length);
  const kept = new Float64Array(indexes.length);
  let n = 0;
  let k = 0;
  for (const i of indexes) {
    const ms = (visits[i] as StageVisit)[measure];
    if (ms === null) continue;
    all[n++] = ms;
    if (!flags[i]) kept[k++] = ms;
  }
  const withOutliers = summarize(all.subarray(0, n));
  return {
    ...withOutliers,
    outliers: n - k,
    withoutOutliers: k === n ? withOutliers : summarize(kept.subarray(0, k)),
  };
}

function figuresOf(
  visits: readonly StageVisit[],
  indexes: readonly number[],
  settings: KpiSettings,
  flags: OutlierFlags,
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
  const priority: number[] = [];
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
    if (priorityLanes.has(v.lane)) priority.push(i);
  }
  return {
    arrived: indexes.length,
    served,
    noShows,
    walkOuts,
    cancelled,
    transferred,
    held,
    wait: durationFigures(visits, indexes, 'wait', flags.wait),
    walkUp: durationFigures(visits, indexes, 'walkUp', flags.walkUp),
    service: durationFigures(visits, indexes, 'service', flags.service),
    calledInsideWindow: shareOf(inside, firstCalled),
    aboveWaitThreshold: shareOf(above, waited),
    unverifiedCheckIns: unverified,
    priorityClaimsConfirmed: confirmed,
    priorityClaimsRefused: refused,
    priorityLane: {
      share: shareOf(priority.length, indexes.length),
      wait: durationFigures(visits, priority, 'wait', flags.wait),
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

function groupBy<K extends string | number>(
  visits: readonly StageVisit[],
  key: (v: StageVisit) => K | null,
): Map<K, number[]> {
  const groups = new Map<K, number[]>();
  visits.forEach((v, i) => {
    const k = key(v);
    if (k === null) return;
    const list = groups.get(k);
    if (list) list.push(i);
    else groups.set(k, [i]);
  });
  return groups;
}

const ascending = <K extends string | number>(a: K, b: K): number => (a < b ? -1 : a > b ? 1 : 0);

/** The KPIs of the visits (already narrowed by the report's filters). */
export function aggregateKpi(
  visits: readonly StageVisit[],
  settings: KpiSettings,
  stageOrder: readonly string[] = [],
): KpiAggregate {
  const { flags, outliers } = flagOutliers(visits, settings.outlierZ);
  const figures = (indexes: readonly number[]) => figuresOf(visits, indexes, settings, flags);
  const grouped = <K extends string | number>(key: (v: StageVisit) => K | null, order = ascending<K>) =>
    [...groupBy(visits, key).entries()]
      .sort(([a], [b]) => order(a, b))
      .map(([k, ix]) => [k, figures(ix)] as const);
  const stageRank = (s: string) => {
    const at = stageOrder.indexOf(s);
    return at < 0 ? stageOrder.length : at;
  };
  return {
    total: figures(visits.map((_, i) => i)),
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
