import {
  issuanceReportView,
  kpiReportView,
  officersReportView,
  promisesReportView,
  publicFiguresView,
  type DurationStats,
  type IssuanceReportView,
  type KpiFigures,
  type KpiReportView,
  type OfficersReportView,
  type PromisesReportView,
  type PublicFiguresView,
} from '../../src-main/api/reportViews.ts';

/**
 * Report views made by hand, each parsed by its schema so that they stay what the services return:
 * the files and charts are tested on them before (and apart from) the services that compute them.
 */

const minute = 60_000;

function stats(p50: number, p90: number, max: number, mean: number, count = 10): DurationStats {
  const plain = {
    count,
    p50Ms: p50 * minute,
    p90Ms: p90 * minute,
    maxMs: max * minute,
    meanMs: mean * minute,
  };
  return { ...plain, outliers: 0, withoutOutliers: plain };
}

/** A group's figures with its wait p50 / p90 in minutes. */
export function figures(waitP50: number, waitP90: number, arrived = 10): KpiFigures {
  return {
    arrived,
    served: arrived - 2,
    noShows: 1,
    walkOuts: 1,
    cancelled: 0,
    transferred: 1,
    held: 1,
    wait: stats(waitP50, waitP90, waitP90 + 5, (waitP50 + waitP90) / 2, arrived),
    walkUp: stats(1, 2, 3, 1.5, arrived),
    service: stats(6.5, 11, 14, 7.25, arrived),
    calledInsideWindow: { count: 7, of: 8, share: 0.875 },
    aboveWaitThreshold: { count: 2, of: 8, share: 0.25 },
    unverifiedCheckIns: 1,
    priorityClaimsConfirmed: 2,
    priorityClaimsRefused: 1,
    priorityLane: { share: { count: 2, of: 10, share: 0.2 }, wait: stats(3, 6, 7, 4, 2) },
  };
}

export const sampleKpi: KpiReportView = kpiReportView.parse({
  from: '2026-11-02',
  to: '2026-11-06',
  filters: { stage: null, counter: null, officer: null },
  settings: { windowGraceMinutes: 15, waitThresholdMinutes: 20, outlierZ: 3 },
  total: {
    ...figures(12.5, 31, 40),
    wait: {
      ...stats(12.5, 31, 95, 14.2, 40),
      outliers: 1,
      withoutOutliers: {
        count: 39,
        p50Ms: 12 * minute,
        p90Ms: 29 * minute,
        maxMs: 41 * minute,
        meanMs: 13 * minute,
      },
    },
  },
  byDay: [
    { date: '2026-11-02', figures: figures(10, 25, 20) },
    { date: '2026-11-03', figures: figures(15, 35, 20) },
  ],
  byStage: [
    { stage: 'documents', figures: figures(4, 9, 40) },
    { stage: 'interview', figures: figures(17, 38, 38) },
  ],
  byCounter: [
    { counter: 3, figures: figures(11, 27, 22) },
    { counter: 4, figures: figures(13, 33, 18) },
  ],
  byOfficer: [
    { officer: 'ayu', name: 'Ayu Lestari', figures: figures(11, 27, 22) },
    { officer: 'made', name: 'Made "Dek" Wirawan, S.H.', figures: figures(13, 33, 18) },
  ],
  byHour: [
    { hour: 9, figures: figures(18, 42, 15) },
    { hour: 8, figures: figures(7, 16, 12) },
    { hour: 10, figures: figures(11, 24, 13) },
  ],
  byWindow: [
    { window: '08:00–09:00', figures: figures(8, 19, 21) },
    { window: '09:00–10:00', figures: figures(16, 36, 19) },
  ],
  outliers: [
    { date: '2026-11-03', number: 'A2-014', stage: 'interview', measure: 'wait', ms: 95 * minute, z: 3.4 },
  ],
});

export const sampleOfficers: OfficersReportView = officersReportView.parse({
  from: '2026-11-02',
  to: '2026-11-06',
  officers: [
    {
      officer: 'ayu',
      name: 'Ayu Lestari',
      busyMs: 301 * minute,
      idleMs: 45.5 * minute,
      breakMs: 75 * minute,
      breaks: [
        { reason: 'istirahat', ms: 60 * minute, count: 1 },
        { reason: 'sholat', ms: 15 * minute, count: 1 },
      ],
      called: 31,
      served: 29,
      outOfOrder: [{ reason: 'medical', calls: 2 }],
      priorityClaimsConfirmed: 3,
      priorityClaimsRefused: 1,
    },
  ],
});

const month = (m: number, counts: [number, number, number, number], source: 'floor' | 'imported' | null) => ({
  month: m,
  biasaBaru: counts[0],
  biasaPenggantian: counts[1],
  elektronikBaru: counts[2],
  elektronikPenggantian: counts[3],
  total: counts.reduce((a, b) => a + b, 0),
  source,
});

/** The study's 2022 table (its Figure 2), November from the floor, December not yet run. */
const rows2022: [number, number, number, number][] = [
  [1082, 573, 34, 244],
  [1071, 645, 27, 200],
  [909, 1035, 84, 451],
  [685, 815, 101, 636],
  [1836, 1026, 117, 576],
  [2547, 2059, 6, 45],
  [2382, 2203, 5, 25],
  [2504, 2004, 10, 11],
  [1720, 2329, 3, 21],
  [1219, 1577, 76, 427],
  [1356, 1400, 207, 824],
];

export const sampleIssuance: IssuanceReportView = issuanceReportView.parse({
  year: 2022,
  months: [
    ...rows2022.map((counts, i) => month(i + 1, counts, i === 10 ? 'floor' : 'imported')),
    month(12, [0, 0, 0, 0], null),
  ],
  jumlah: {
    biasaBaru: 17311,
    biasaPenggantian: 15666,
    elektronikBaru: 670,
    elektronikPenggantian: 3460,
    total: 37107,
  },
});

const promiseDay = (date: string, promised: number, onTime: number, late: number, notPrinted: number) => ({
  date,
  promised,
  printedOnTime: onTime,
  late,
  notPrinted,
  lateBy: { printerBacklog: late, spoils: 0, pausedPrinter: 0, adjudication: notPrinted },
  collected: onTime,
  uncollectedAfter30Days: 0,
});

export const samplePromises: PromisesReportView = promisesReportView.parse({
  from: '2026-11-02',
  to: '2026-11-04',
  days: [
    promiseDay('2026-11-02', 10, 9, 1, 0),
    promiseDay('2026-11-03', 12, 10, 1, 1),
    promiseDay('2026-11-04', 8, 8, 0, 0),
  ],
  total: {
    promised: 30,
    printedOnTime: 27,
    late: 2,
    notPrinted: 1,
    onTimeShare: 0.9,
    collected: 27,
    uncollectedAfter30Days: 0,
  },
});

const publicDay = (
  date: string,
  visits: number,
  average: number | null,
  p90: number | null,
  inside: number | null,
  ready: number,
  of: number,
) => ({
  date,
  visits,
  averageWaitMs: average === null ? null : average * minute,
  p90WaitMs: p90 === null ? null : p90 * minute,
  calledInsideWindowShare: inside,
  readyOnTime: { count: ready, of, share: of ? ready / of : null },
});

export const samplePublic: PublicFiguresView = publicFiguresView.parse({
  office: 'Kantor Imigrasi Kelas I TPI Denpasar',
  today: '2026-11-08',
  days: [
    publicDay('2026-11-02', 210, 14, 32, 0.91, 40, 42),
    publicDay('2026-11-03', 230, 16.5, 35, 0.88, 38, 40),
    publicDay('2026-11-04', 190, 11, 24, 0.95, 44, 44),
    publicDay('2026-11-05', 205, 12, 27, 0.93, 39, 41),
    publicDay('2026-11-06', 220, 13.5, 30, 0.9, 41, 43),
    publicDay('2026-11-07', 0, null, null, null, 0, 0),
    publicDay('2026-11-08', 0, null, null, null, 0, 0),
  ],
});
