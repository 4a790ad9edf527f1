import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestRank, orderOf, summarize } from '../../../src-main/domain/reports/durations.ts';
import { aggregateKpi } from '../../../src-main/domain/reports/kpi.ts';
import { outliersOf, zScores } from '../../../src-main/domain/reports/outliers.ts';
import { measureVisit, type PeriodRow, type StageVisit } from '../../../src-main/domain/reports/visits.ts';

const minute = 60_000;

describe('percentiles, nearest-rank', () => {
  it('take a value that happened: the one at rank ⌈p·n⌉', () => {
    const ten = [10, 1, 9, 2, 8, 3, 7, 4, 6, 5];
    expect(summarize(ten)).toEqual({ count: 10, p50Ms: 5, p90Ms: 9, maxMs: 10, meanMs: 5.5 });
    // Four values: p50 is the 2nd, p90 the 4th (no interpolation between 2 and 3).
    expect(summarize([4, 1, 3, 2])).toMatchObject({ p50Ms: 2, p90Ms: 4 });
    expect(summarize([7])).toEqual({ count: 1, p50Ms: 7, p90Ms: 7, maxMs: 7, meanMs: 7 });
    expect(summarize([])).toEqual({ count: 0, p50Ms: null, p90Ms: null, maxMs: null, meanMs: null });
    expect(nearestRank(Float64Array.from([1, 2, 3]), 100)).toBe(3);
  });

  it('sort numbers as numbers, not as text', () => {
    expect(summarize([100_000, 9_000, 80_000]).p50Ms).toBe(80_000);
  });
});

describe('outliers: |z| ≥ 3 against the mean and population deviation of the report', () => {
  // Twenty waits of about ten minutes and one of a hundred.
  const similar = Array.from({ length: 20 }, (_, i) => (9 + (i % 3)) * minute);
  const waits = [...similar, 100 * minute];

  it('flags the one wait ten times the rest, and only it', () => {
    const found = outliersOf(waits);
    expect(found).toHaveLength(1);
    expect(found[0]?.index).toBe(20);
    expect(found[0]?.z).toBeGreaterThanOrEqual(3);
    expect(outliersOf(similar)).toEqual([]);
  });

  it('finds none when the values do not vary, and none below 11 values', () => {
    expect(zScores([5, 5, 5]).every((z) => z === 0)).toBe(true);
    expect(outliersOf([1, 1, 1, 1, 1, 1, 1, 1, 1, 1000])).toEqual([]);
  });

  it('leaves the flagged wait out of the figures without outliers, and lists it by number', () => {
    const visits = waits.map((wait, i) => visit({ number: `A2-${String(i + 1).padStart(3, '0')}`, wait }));
    const report = aggregateKpi(visits, settings);
    expect(report.total.wait).toMatchObject({ count: 21, maxMs: 100 * minute, outliers: 1 });
    expect(report.total.wait.withoutOutliers).toEqual(summarize(similar));
    expect(report.total.wait.withoutOutliers.maxMs).toBe(11 * minute);
    expect(report.outliers).toEqual([
      {
        date: '2026-11-30',
        number: 'A2-021',
        stage: 'documents',
        measure: 'wait',
        ms: 100 * minute,
        z: expect.any(Number),
      },
    ]);
    // The service times did not vary: nothing flagged there.
    expect(report.total.service.outliers).toBe(0);
  });
});

describe('a visit measured from its periods', () => {
  const windowStart = Date.parse('2026-11-30T09:00:00+08:00');
  const p = (
    seq: number,
    state: string,
    from: number,
    to: number | null,
    counter: number | null = 1,
  ): PeriodRow => ({
    seq,
    state,
    startedAt: windowStart + from * minute,
    endedAt: to === null ? null : windowStart + to * minute,
    officerId: counter === null ? null : 'o1',
    counter,
  });

  it('waits from the window start, not from an early check-in, over every waiting period', () => {
    const m = measureVisit(
      [
        p(1, 'waiting', -30, 10, null),
        p(2, 'called', 10, 12),
        p(3, 'held', 12, 20),
        p(4, 'waiting', 20, 25, null),
        p(5, 'called', 25, 26),
        p(6, 'serving', 26, 40),
      ],
      windowStart,
    );
    expect(m).toMatchObject({
      wait: 15 * minute,
      walkUp: 3 * minute,
      service: 14 * minute,
      firstCallAt: windowStart + 10 * minute,
      calledCounter: 1,
      waitStartedAt: windowStart,
      held: true,
      firstSeq: 1,
    });
  });

  it('has no wait until called, no walk-up without service, no service until it ends', () => {
    expect(measureVisit([p(1, 'waiting', 0, null, null)], windowStart)).toMatchObject({
      wait: null,
      walkUp: null,
      service: null,
    });
    expect(measureVisit([p(1, 'waiting', 5, 8, null), p(2, 'called', 8, 14)], windowStart)).toMatchObject({
      wait: 3 * minute,
      walkUp: null,
      service: null,
    });
    expect(
      measureVisit(
        [p(1, 'waiting', 5, 8, null), p(2, 'called', 8, 9), p(3, 'serving', 9, null)],
        windowStart,
      ),
    ).toMatchObject({
      walkUp: minute,
      service: null,
    });
  });
});

const settings = { today: '2026-12-01', windowGraceMinutes: 15, waitThresholdMinutes: 20, outlierZ: 3 };

function visit(overrides: Partial<StageVisit>): StageVisit {
  const windowStartAt = Date.parse('2026-11-30T09:00:00+08:00');
  return {
    wait: 10 * minute,
    walkUp: minute,
    service: 10 * minute,
    firstCallAt: windowStartAt + 10 * minute,
    calledCounter: 1,
    calledOfficerId: 'o1',
    waitStartedAt: windowStartAt,
    held: false,
    firstSeq: 1,
    date: '2026-11-30',
    stage: 'documents',
    number: 'A2-001',
    lane: 'regular',
    window: '09:00–10:00',
    status: 'done',
    firstStage: true,
    windowStartAt,
    hour: 9,
    unverified: false,
    claim: null,
    ...overrides,
  };
}

describe('the order a report sorts each measure in once', () => {
  const byComparison = (values: number[]) =>
    values
      .map((v, i) => [v, i] as const)
      .filter(([v]) => !Number.isNaN(v))
      .sort(([a, i], [b, j]) => a - b || i - j)
      .map(([, i]) => i);

  it('puts whole milliseconds in order, equal ones by visit, and leaves out visits without one', () => {
    const values = [300_000, NaN, 60_000, 300_000, 0, 5_400_000, NaN, 60_000];
    expect([...orderOf(Float64Array.from(values))]).toEqual([4, 2, 7, 0, 3, 5]);
    expect([...orderOf(Float64Array.from(values))]).toEqual(byComparison(values));
  });

  it('orders values that do not fit the packed form by comparison, the same way', () => {
    const values = [2.5, 1.25, NaN, 2 ** 52, -3];
    expect([...orderOf(Float64Array.from(values))]).toEqual(byComparison(values));
  });

  it('matches a sort by comparison on any set of durations', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.integer({ min: 0, max: 86_400_000 }), fc.constant(NaN)), { maxLength: 300 }),
        (values) => {
          expect([...orderOf(Float64Array.from(values))]).toEqual(byComparison(values));
        },
      ),
    );
  });
});

describe("each group's durations", () => {
  it('are the summaries of its own visits, whatever the mix of days, stages and lanes', () => {
    const days = ['2026-11-30', '2026-12-01', '2026-12-02'];
    const stages = ['documents', 'interview'];
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.nat({ max: 2 }),
            stage: fc.nat({ max: 1 }),
            wait: fc.option(fc.integer({ min: 0, max: 7_200_000 }), { nil: null }),
            priority: fc.boolean(),
          }),
          { maxLength: 120 },
        ),
        (rows) => {
          const visits = rows.map((r, i) =>
            visit({
              number: `A2-${i}`,
              date: days[r.day] as string,
              stage: stages[r.stage] as string,
              wait: r.wait,
              lane: r.priority ? 'lansia' : 'regular',
            }),
          );
          const report = aggregateKpi(visits, settings);
          const waitsOf = (keep: (v: StageVisit) => boolean) =>
            visits.filter((v) => keep(v) && v.wait !== null).map((v) => v.wait as number);
          for (const { date, figures } of report.byDay) {
            const { count, p50Ms, p90Ms, maxMs } = summarize(waitsOf((v) => v.date === date));
            expect(figures.wait).toMatchObject({ count, p50Ms, p90Ms, maxMs });
          }
          for (const { stage, figures } of report.byStage) {
            const { count, p50Ms, p90Ms, maxMs } = summarize(
              waitsOf((v) => v.stage === stage && v.lane === 'lansia'),
            );
            expect(figures.priorityLane.wait).toMatchObject({ count, p50Ms, p90Ms, maxMs });
          }
        },
      ),
    );
  });
});

describe('every group of a report, against counting it by hand', () => {
  // The report sorts each measure once and walks it for every group at once; this counts each group
  // on its own, the slow way, with the outliers judged over the whole report.
  const byHand = (
    visits: StageVisit[],
    keep: (v: StageVisit) => boolean,
    measure: 'wait' | 'walkUp' | 'service',
  ) => {
    const present = visits.filter((v) => v[measure] !== null);
    const flagged = new Set(
      outliersOf(present.map((v) => v[measure] as number)).map((o) => present[o.index]),
    );
    const mine = present.filter(keep);
    const all = summarize(mine.map((v) => v[measure] as number));
    const kept = summarize(mine.filter((v) => !flagged.has(v)).map((v) => v[measure] as number));
    return { ...all, outliers: all.count - kept.count, withoutOutliers: kept };
  };

  it('gives each day, stage, counter, officer, hour and window the figures of its own visits', () => {
    const duration = fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            day: fc.nat({ max: 2 }),
            stage: fc.constantFrom('documents', 'interview'),
            counter: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null }),
            officer: fc.constantFrom('o1', 'o2', 'o3'),
            hour: fc.integer({ min: 8, max: 10 }),
            wait: duration,
            walkUp: duration,
            // A few very long services, so the outlier rule has something to find.
            service: fc.oneof(duration, fc.constant(30_000_000)),
            status: fc.constantFrom('done', 'no_show', 'waiting', 'transferred'),
          }),
          { maxLength: 150 },
        ),
        (rows) => {
          const visits = rows.map((r, i) =>
            visit({
              number: `A2-${i}`,
              date: `2026-11-${28 + r.day}`,
              stage: r.stage,
              calledCounter: r.counter,
              calledOfficerId: r.counter === null ? null : r.officer,
              hour: r.hour,
              window: `${String(r.hour).padStart(2, '0')}:00–${r.hour + 1}:00`,
              wait: r.wait,
              walkUp: r.walkUp,
              service: r.service,
              status: r.status,
            }),
          );
          const report = aggregateKpi(visits, settings);
          const check = (figures: (typeof report)['total'], keep: (v: StageVisit) => boolean) => {
            const mine = visits.filter(keep);
            expect(figures.arrived).toBe(mine.length);
            expect(figures.served).toBe(mine.filter((v) => v.status === 'done').length);
            expect(figures.noShows).toBe(mine.filter((v) => v.status === 'no_show').length);
            for (const measure of ['wait', 'walkUp', 'service'] as const)
              expect(figures[measure]).toEqual(byHand(visits, keep, measure));
          };
          check(report.total, () => true);
          for (const { date, figures } of report.byDay) check(figures, (v) => v.date === date);
          for (const { stage, figures } of report.byStage) check(figures, (v) => v.stage === stage);
          for (const { counter, figures } of report.byCounter)
            check(figures, (v) => v.calledCounter === counter);
          for (const { officerId, figures } of report.byOfficer)
            check(figures, (v) => v.calledOfficerId === officerId);
          for (const { hour, figures } of report.byHour) check(figures, (v) => v.hour === hour);
          for (const { window, figures } of report.byWindow) check(figures, (v) => v.window === window);
          expect(report.byCounter.reduce((n, c) => n + c.figures.arrived, 0)).toBe(
            visits.filter((v) => v.calledCounter !== null).length,
          );
        },
      ),
      { numRuns: 150 },
    );
  });
});
