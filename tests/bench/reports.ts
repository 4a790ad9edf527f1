// The reports section (issue 21): a floor database with a year of history (`yearOfHistory.ts`),
// each report over it measured in-process and repeated, `/public` through a hub when it has the
// route, and check-in on a hub holding that year against the same run on a fresh floor. Owns the
// key `reports`.
import fs from 'node:fs';
import path from 'node:path';
import { ManualClock } from '../../src-main/domain/clock.ts';
import { instantAt } from '../../src-main/domain/localTime.ts';
import type { ServiceContext } from '../../src-main/services/context.ts';
import { reportIssuance } from '../../src-main/services/reports/issuance.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { reportOfficers } from '../../src-main/services/reports/officers.ts';
import { reportPromises } from '../../src-main/services/reports/promises.ts';
import { publicFigures } from '../../src-main/services/reports/publicFigures.ts';
import { openDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import {
  benchBookings,
  combine,
  figures,
  prepareHubData,
  runPhase,
  scanText,
  startHub,
  waveGapMs,
  type Phase,
} from './checkin.ts';
import type { LoadJob } from './load.ts';
import {
  forkTs,
  latencyStats,
  ms3,
  nextMessage,
  type BenchContext,
  type LatencyStats,
  type Section,
  type SectionResult,
} from './support.ts';
import { generateHistory, type HistorySummary } from './yearOfHistory.ts';

/** Measured runs of each report, after the warm-up runs. */
export const reportRuns = 20;
export const reportWarmup = 3;
export const limits = {
  kpiYearP99Ms: 1000,
  issuanceYearP99Ms: 1000,
  kpiDayP99Ms: 50,
  publicP99Ms: 100,
  /** Check-in on the year's floor over check-in on a fresh one, p50 and p99. */
  checkinWithHistoryRatio: 1.1,
};

/** `firstMs`: the first run, before any warm-up: a report's cold start (nothing of the range kept yet). */
type Figures = LatencyStats & { runs: number; warmup: number; firstMs: number };
type Measured = Figures | { error: string };

/** Runs `work` `reportWarmup` times unmeasured, then `reportRuns` times measured; an error is kept, not thrown. */
async function measure(name: string, bench: BenchContext, work: () => unknown): Promise<Measured> {
  try {
    const first = performance.now();
    await work();
    const firstMs = ms3(performance.now() - first);
    for (let i = 1; i < reportWarmup; i += 1) await work();
    const samples: number[] = [];
    for (let i = 0; i < reportRuns; i += 1) {
      const start = performance.now();
      await work();
      samples.push(performance.now() - start);
    }
    const stats = latencyStats(samples);
    bench.log(`reports: ${name} first ${firstMs} ms, then p50 ${stats.p50} ms, p99 ${stats.p99} ms`);
    return { ...stats, runs: reportRuns, warmup: reportWarmup, firstMs };
  } catch (error) {
    const message = (error as Error)?.message ?? String(error);
    bench.log(`reports: ${name} failed: ${message}`);
    return { error: message };
  }
}

const p99Of = (m: Measured | null): number | null => (m && 'p99' in m ? m.p99 : null);

/** GET `/public` on a hub: null when the hub has no such route (it answers 404). */
async function measurePublicPage(bench: BenchContext, url: string): Promise<Measured | null> {
  const probe = await fetch(`${url}/public`);
  await probe.arrayBuffer();
  if (probe.status === 404) return null;
  return measure('GET /public', bench, async () => {
    const response = await fetch(`${url}/public`);
    const body = await response.text();
    if (response.status !== 200) throw new Error(`GET /public: ${response.status} ${body.slice(0, 200)}`);
  });
}

/**
 * Check-in on a hub holding the year of history and on a fresh one, the same bookings and kiosks
 * on both, in alternating rounds (history, fresh, history, …) so whatever else the machine does
 * weighs on both alike.
 */
async function checkInWithAndWithout(bench: BenchContext, historyDir: string) {
  const { requests, warmup, concurrency, rounds } = bench.options;
  const total = warmup + requests;
  const bookings = benchBookings(total);
  const texts = bookings.map(scanText);
  const noSubscribers = { ...bench, options: { ...bench.options, subscribers: 0 } };
  bench.log(`reports: importing ${total} bookings into both floors and pairing ${concurrency} kiosks each…`);
  const freshDir = bench.tempDir('loket-bench-fresh-');
  const withHistory = await prepareHubData(noSubscribers, historyDir, bookings);
  const fresh = await prepareHubData(noSubscribers, freshDir, bookings);
  // No backups on either: the last copy a hub takes as it stops would be gigabytes of history.
  const historyHub = await startHub(bench, historyDir, ['--no-backup']);
  const freshHub = await startHub(bench, freshDir, ['--no-backup']);
  const publicPage = await measurePublicPage(bench, historyHub.url);
  const load = forkTs('load.ts', 'load');
  await nextMessage(load, 'ready');
  const job = (target: 'history' | 'fresh', slice: string[]): LoadJob => ({
    type: 'run',
    pattern: 'closed',
    waveGapMs,
    target,
    url: target === 'history' ? historyHub.url : freshHub.url,
    path: '/api/checkIn',
    tokens: target === 'history' ? withHistory.kiosks : fresh.kiosks,
    texts: slice,
    concurrency,
    expect: 'ticket',
  });
  bench.log(
    `reports: check-in, ${warmup} warm-up + ${requests} measured on each floor, ${rounds} alternating rounds…`,
  );
  const warmTexts = texts.slice(0, warmup);
  const historyWarm = await runPhase(load, historyHub.hub, job('history', warmTexts));
  const freshWarm = await runPhase(load, freshHub.hub, job('fresh', warmTexts));
  const historyRounds: Phase[] = [];
  const freshRounds: Phase[] = [];
  for (let r = 0; r < rounds; r += 1) {
    const slice = texts.slice(
      warmup + Math.floor((requests * r) / rounds),
      warmup + Math.floor((requests * (r + 1)) / rounds),
    );
    historyRounds.push(await runPhase(load, historyHub.hub, job('history', slice)));
    freshRounds.push(await runPhase(load, freshHub.hub, job('fresh', slice)));
  }
  await load.stop();
  const failures: string[] = [];
  for (const [name, hub] of [
    ['hub with history', historyHub.hub],
    ['fresh hub', freshHub.hub],
  ] as const) {
    const exit = await hub.stop(10_000);
    if (exit !== 0) failures.push(`${name} exited with ${exit}: ${hub.output().slice(-1000)}`);
  }
  const withFigures = figures(bench, historyWarm, combine(historyRounds));
  const withoutFigures = figures(bench, freshWarm, combine(freshRounds));
  for (const [name, f] of [
    ['with history', withFigures],
    ['without history', withoutFigures],
  ] as const)
    if (f.errors) failures.push(`${f.errors} check-in requests failed ${name}`);
  return {
    publicPage,
    checkin: {
      withHistory: withFigures,
      withoutHistory: withoutFigures,
      ratio: {
        p50: ms3(withFigures.p50 / withoutFigures.p50),
        p99: ms3(withFigures.p99 / withoutFigures.p99),
        mean: ms3(withFigures.mean / withoutFigures.mean),
      },
    },
    failures,
  };
}

export const reportsSection: Section = {
  name: 'reports',
  async run(bench): Promise<SectionResult> {
    const historyDir = bench.tempDir('loket-bench-history-');
    const size = { days: bench.options.historyDays, visitsPerDay: bench.options.historyVisitsPerDay };
    let history: HistorySummary;
    if (bench.options.historyFrom) {
      // A history generated before (`history.json` written beside it): copied, so this run's
      // check-ins never change the original.
      const from = bench.options.historyFrom;
      bench.log(`reports: copying the history in ${from}…`);
      fs.copyFileSync(path.join(from, 'loket.db'), path.join(historyDir, 'loket.db'));
      history = JSON.parse(fs.readFileSync(path.join(from, 'history.json'), 'utf8')) as HistorySummary;
    } else {
      bench.log(`reports: generating ${size.days} working days × ${size.visitsPerDay} visits of history…`);
      history = generateHistory(historyDir, { ...size, log: bench.log });
      fs.writeFileSync(path.join(historyDir, 'history.json'), JSON.stringify(history));
    }
    bench.log(`reports: history written in ${history.ms} ms`);

    // The reports in-process on the hub's database, the clock at the close of the history's last day.
    const store = new Store(openDatabase(historyDir));
    const ctx: ServiceContext = {
      store,
      clock: new ManualClock(instantAt(history.lastDay, '17:00', 'Asia/Makassar')),
    };
    const year = { from: history.firstDay, to: history.lastDay };
    const day = { from: history.lastDay, to: history.lastDay };
    const issuanceYear = Number(history.lastDay.slice(0, 4));
    let measured: Record<string, Measured>;
    try {
      measured = {
        kpiYear: await measure('KPI, the year', bench, () => reportKpi(ctx, year)),
        kpiDay: await measure('KPI, one day', bench, () => reportKpi(ctx, day)),
        issuanceYear: await measure(`issuance ${issuanceYear}`, bench, () =>
          reportIssuance(ctx, { year: issuanceYear }),
        ),
        promisesYear: await measure('promises, the year', bench, () => reportPromises(ctx, year)),
        officersYear: await measure('officers, the year', bench, () => reportOfficers(ctx, year)),
        publicFigures: await measure('public figures', bench, () => publicFigures(ctx, {})),
        // The public figures are kept until the event log moves on; on a live floor it moves with every
        // check-in, so this is what a visitor after a change waits for (30 and 29 days in turn: each
        // run computes afresh).
        publicFiguresRecomputed: await measure(
          'public figures, computed afresh',
          bench,
          (() => {
            let days = 30;
            return () => publicFigures(ctx, { days: (days = days === 30 ? 29 : 30) });
          })(),
        ),
      };
    } finally {
      store.close();
    }

    const { publicPage, checkin, failures } = await checkInWithAndWithout(bench, historyDir);
    for (const [name, m] of Object.entries(measured))
      if ('error' in m) failures.push(`report ${name} failed: ${m.error}`);

    const within = (p99: number | null, limit: number) => p99 !== null && p99 <= limit;
    // Judged on the figures computed afresh, not on the kept answer a static floor gives.
    const publicP99 = p99Of(measured.publicFiguresRecomputed ?? null);
    const publicPageP99 = p99Of(publicPage);
    const targets = {
      reportsKpiYearP99: within(p99Of(measured.kpiYear ?? null), limits.kpiYearP99Ms),
      reportsIssuanceYearP99: within(p99Of(measured.issuanceYear ?? null), limits.issuanceYearP99Ms),
      reportsKpiDayP99: within(p99Of(measured.kpiDay ?? null), limits.kpiDayP99Ms),
      // The public page's data, and the page itself where the hub serves it.
      reportsPublicP99:
        within(publicP99, limits.publicP99Ms) &&
        (publicPage === null || within(publicPageP99, limits.publicP99Ms)),
      reportsCheckinWithHistory:
        checkin.ratio.p50 <= limits.checkinWithHistoryRatio &&
        checkin.ratio.p99 <= limits.checkinWithHistoryRatio,
    };
    const mark = (met: boolean) => (met ? 'met' : 'MISSED');
    const line = (name: string, m: Measured | null) =>
      m === null
        ? `  ${name}: not served by this hub`
        : 'error' in m
          ? `  ${name}: FAILED ${m.error}`
          : `  ${name}: first ${m.firstMs} ms, then p50 ${m.p50} ms  p99 ${m.p99} ms  mean ${m.mean} ms  max ${m.max} ms`;
    return {
      keys: {
        reports: {
          history,
          runs: reportRuns,
          warmup: reportWarmup,
          ...measured,
          publicPage: publicPage ?? { served: false },
          checkin,
          limits,
        },
      },
      targets,
      failures,
      summary: [
        `reports on ${history.days} working days of history (${history.visits} visits, ${history.periods} periods, ${history.events} events over ${history.days} days, generated in ${history.ms} ms), ${reportRuns} runs each:`,
        line('KPI, the year', measured.kpiYear ?? null),
        line('KPI, one day', measured.kpiDay ?? null),
        line(`issuance ${issuanceYear}`, measured.issuanceYear ?? null),
        line('promises, the year', measured.promisesYear ?? null),
        line('officers, the year', measured.officersYear ?? null),
        line('public figures', measured.publicFigures ?? null),
        line('public figures, computed afresh', measured.publicFiguresRecomputed ?? null),
        line('GET /public', publicPage),
        `  check-in with history:    p50 ${checkin.withHistory.p50} ms  p99 ${checkin.withHistory.p99} ms`,
        `  check-in without history: p50 ${checkin.withoutHistory.p50} ms  p99 ${checkin.withoutHistory.p99} ms`,
        `  ratios with/without: p50 ${checkin.ratio.p50}×  p99 ${checkin.ratio.p99}×`,
        `target year KPI p99 ≤ ${limits.kpiYearP99Ms} ms: ${mark(targets.reportsKpiYearP99)}`,
        `target year issuance p99 ≤ ${limits.issuanceYearP99Ms} ms: ${mark(targets.reportsIssuanceYearP99)}`,
        `target one day's KPI p99 ≤ ${limits.kpiDayP99Ms} ms: ${mark(targets.reportsKpiDayP99)}`,
        `target public figures p99 ≤ ${limits.publicP99Ms} ms: ${mark(targets.reportsPublicP99)}`,
        `target check-in with history within ${limits.checkinWithHistoryRatio}× of without: ${mark(targets.reportsCheckinWithHistory)}`,
      ],
    };
  },
};
