import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bucketBounds,
  bucketCount,
  bucketOf,
  centralKpiSettings,
  decodeSummary,
  encodeSummary,
  figuresOfSummary,
  mergeAll,
  summarizeVisits,
  type WaitSummary,
} from '../../../src-main/central/reports/waitSummary.ts';
import { aggregateKpi, type DurationFigures, type Figures } from '../../../src-main/domain/reports/kpi.ts';
import { periodParts } from '../../../src-main/central/reports/waits.ts';
import type { StageVisit } from '../../../src-main/domain/reports/visits.ts';

/**
 * The central waits pre-combined per office day and month (issue 25): a national year is read from
 * them, so their counts must be the floor's exactly and their percentiles within the stated bound
 * of the floor's nearest-rank ones.
 */
const minute = 60_000;
const windowStartAt = Date.parse('2026-11-30T09:00:00+08:00');

type Row = StageVisit & { outOfOrderCalls: number };

const visitArb = fc
  .record({
    stage: fc.constantFrom('documents', 'interview', 'pickup'),
    // Mostly a floor's waits (up to 2 hours), some very long (the outlier rule has work).
    wait: fc.option(
      fc.oneof(fc.integer({ min: 0, max: 2 * 3_600_000 }), fc.integer({ min: 0, max: 36 * 3_600_000 })),
      {
        nil: null,
      },
    ),
    walkUp: fc.option(fc.integer({ min: 0, max: 10 * minute }), { nil: null }),
    service: fc.option(fc.integer({ min: 0, max: 3_600_000 }), { nil: null }),
    status: fc.constantFrom('done', 'no_show', 'waiting', 'transferred', 'cancelled'),
    firstStage: fc.boolean(),
    priority: fc.boolean(),
    held: fc.boolean(),
    late: fc.integer({ min: 0, max: 40 }),
    claim: fc.constantFrom(null, 'confirmed', 'refused'),
    outOfOrder: fc.nat({ max: 2 }),
  })
  .map((r): Row => ({
    wait: r.wait,
    walkUp: r.walkUp,
    service: r.service,
    firstCallAt: r.wait === null ? null : windowStartAt + r.late * minute,
    calledCounter: r.wait === null ? null : 1,
    calledOfficerId: r.wait === null ? null : 'o1',
    waitStartedAt: windowStartAt,
    held: r.held,
    firstSeq: 1,
    date: '2026-11-30',
    stage: r.stage,
    number: 'A2-001',
    lane: r.priority ? 'lansia' : 'regular',
    window: '09:00–10:00',
    status: r.status,
    firstStage: r.firstStage,
    windowStartAt,
    hour: 9,
    unverified: r.firstStage && r.late > 30,
    claim: r.firstStage ? r.claim : null,
    outOfOrderCalls: r.outOfOrder,
  }));

/** Within half a second below 128 s, within 1/256 of the value above. */
const close = (combined: number | null, exact: number | null) => {
  if (exact === null) return combined === null;
  if (combined === null) return false;
  return Math.abs(combined - exact) <= Math.max(500, exact / 256);
};

function expectClose(combined: DurationFigures, exact: DurationFigures, label: string) {
  expect(combined.count, label).toBe(exact.count);
  expect(combined.maxMs, label).toBe(exact.maxMs);
  if (exact.meanMs === null) expect(combined.meanMs).toBeNull();
  else expect(combined.meanMs, label).toBeCloseTo(exact.meanMs, 3);
  expect(close(combined.p50Ms, exact.p50Ms), `${label} p50 ${combined.p50Ms} ~ ${exact.p50Ms}`).toBe(true);
  expect(close(combined.p90Ms, exact.p90Ms), `${label} p90 ${combined.p90Ms} ~ ${exact.p90Ms}`).toBe(true);
}

function expectSameCounts(combined: Figures, exact: Figures) {
  const { wait, walkUp, service, priorityLane, ...counts } = exact;
  const { wait: w, walkUp: u, service: s, priorityLane: p, ...mine } = combined;
  expect(mine).toEqual(counts);
  expect(p.share).toEqual(priorityLane.share);
  expectClose(w, wait, 'wait');
  expectClose(u, walkUp, 'walkUp');
  expectClose(s, service, 'service');
  expectClose(p.wait, priorityLane.wait, 'priority wait');
}

describe('a duration bucket', () => {
  it('holds its value, and buckets follow the values in order', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 2 ** 17 * 1000 - 1 }),
        fc.nat({ max: 10_000_000 }),
        (ms, more) => {
          const b = bucketOf(ms);
          const { low, high } = bucketBounds(b);
          expect(ms).toBeGreaterThanOrEqual(low);
          expect(ms).toBeLessThan(high);
          expect(bucketOf(ms + more)).toBeGreaterThanOrEqual(b);
          // The promised width: a second below 128 s, 1/128 of its low bound above.
          expect(high - low).toBeLessThanOrEqual(Math.max(1000, low / 128));
        },
      ),
    );
    // The edges: a second, 128 s, an exact doubling, and beyond 36 hours.
    expect(bucketOf(999)).toBe(0);
    expect(bucketOf(1000)).toBe(1);
    expect(bucketOf(127_999)).toBe(127);
    expect(bucketOf(128_000)).toBe(128);
    expect(bucketOf(256_000)).toBe(256);
    expect(bucketOf(255_999)).toBe(255);
    expect(bucketOf(-5)).toBe(0);
    expect(bucketOf(2 ** 17 * 1000 - 1)).toBe(bucketCount - 2);
    expect(bucketOf(2 ** 17 * 1000)).toBe(bucketCount - 1);
    expect(bucketOf(100 * 3_600_000)).toBe(bucketCount - 1);
    expect(bucketBounds(bucketCount - 1)).toEqual({ low: 2 ** 17 * 1000, high: Infinity });
  });
});

describe('the waits pre-combined', () => {
  it("count what the floor's report counts, with its percentiles within the stated bound", () => {
    fc.assert(
      fc.property(fc.array(visitArb, { minLength: 1, maxLength: 200 }), (visits) => {
        const exact = aggregateKpi(visits, centralKpiSettings, ['documents', 'interview', 'pickup']);
        const byStage = summarizeVisits(visits, centralKpiSettings);
        const total = mergeAll(byStage.values());
        expectSameCounts(figuresOfSummary(total, total, 3), exact.total);
        for (const { stage, figures } of exact.byStage)
          expectSameCounts(figuresOfSummary(byStage.get(stage) as WaitSummary, total, 3), figures);
        expect(total.outOfOrder).toBe(visits.reduce((n, v) => n + v.outOfOrderCalls, 0));
      }),
      { numRuns: 200 },
    );
  });

  it('add up: the summary of two days is the sum of theirs, kept through storage', () => {
    fc.assert(
      fc.property(fc.array(visitArb, { maxLength: 80 }), fc.array(visitArb, { maxLength: 80 }), (a, b) => {
        const one = summarizeVisits(a, centralKpiSettings);
        const two = summarizeVisits(b, centralKpiSettings);
        const stored = [...one.values(), ...two.values()].map((s) => decodeSummary(encodeSummary(s)));
        const both = mergeAll(summarizeVisits([...a, ...b], centralKpiSettings).values());
        const merged = mergeAll(stored);
        expect([merged.counts, merged.firstStage, merged.outOfOrder]).toEqual([
          both.counts,
          both.firstStage,
          both.outOfOrder,
        ]);
        for (const name of ['wait', 'walkUp', 'service', 'priorityWait'] as const) {
          const { sum, sumSq, ...rest } = merged.series[name];
          const { sum: bothSum, sumSq: bothSq, ...bothRest } = both.series[name];
          expect(rest).toEqual(bothRest);
          // Added in another order: the same up to the last bits of a double.
          expect(Math.abs(sum - bothSum)).toBeLessThanOrEqual(Math.abs(bothSum) * 1e-12);
          expect(Math.abs(sumSq - bothSq)).toBeLessThanOrEqual(Math.abs(bothSq) * 1e-12);
        }
      }),
    );
  });

  it('finds the outliers the floor finds when they stand far from the rest', () => {
    // 200 waits of 5–15 minutes and three of 20 hours: |z| well past 3 for those three.
    const visits: Row[] = [];
    for (let i = 0; i < 203; i += 1) {
      const wait = i < 200 ? (5 + (i % 11)) * minute : 20 * 3_600_000 + i;
      visits.push({
        ...(fc.sample(visitArb, { numRuns: 1, seed: i })[0] as Row),
        wait,
        stage: 'interview',
      });
    }
    const exact = aggregateKpi(visits, centralKpiSettings).total.wait;
    const summary = mergeAll(summarizeVisits(visits, centralKpiSettings).values());
    const combined = figuresOfSummary(summary, summary, 3).wait;
    expect(exact.outliers).toBe(3);
    expect(combined.outliers).toBe(3);
    expect(combined.withoutOutliers.count).toBe(200);
    expect(close(combined.withoutOutliers.p90Ms, exact.withoutOutliers.p90Ms)).toBe(true);
    expect(close(combined.withoutOutliers.maxMs, exact.withoutOutliers.maxMs)).toBe(true);
  });

  it('keeps large counts through storage, and refuses a stored summary it cannot read', () => {
    const big = mergeAll([]);
    big.series.wait.buckets[5] = 3_000_000_000;
    big.series.wait.buckets[bucketCount - 1] = 1;
    big.series.wait.count = 3_000_000_001;
    const stored = encodeSummary(big);
    expect(decodeSummary(stored).series.wait.buckets[5]).toBe(3_000_000_000);
    expect(decodeSummary(stored).series.wait.buckets[bucketCount - 1]).toBe(1);
    expect(() => decodeSummary(Buffer.from([9, 0, 0, 0]))).toThrow(/unknown wait summary format/);
    expect(() => decodeSummary(stored.subarray(0, stored.length - 2))).toThrow(/damaged wait summary/);
  });
});

describe('a period in parts', () => {
  it('reads whole months from their summaries and the other days from theirs', () => {
    expect(periodParts('2026-01-01', '2026-12-31')).toEqual({
      months: Array.from({ length: 12 }, (_, i) => `2026-${String(i + 1).padStart(2, '0')}-01`),
      days: [],
    });
    expect(periodParts('2026-11-30', '2026-12-01')).toEqual({
      months: [],
      days: ['2026-11-30', '2026-12-01'],
    });
    const edges = periodParts('2026-01-30', '2026-03-02');
    expect(edges.months).toEqual(['2026-02-01']);
    expect(edges.days).toEqual(['2026-01-30', '2026-01-31', '2026-03-01', '2026-03-02']);
    expect(periodParts('2024-02-29', '2024-02-29')).toEqual({ months: [], days: ['2024-02-29'] });
    expect(periodParts('2026-12-01', '2027-01-31').months).toEqual(['2026-12-01', '2027-01-01']);
  });
});
