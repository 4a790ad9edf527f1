import { describe, expect, it } from 'vitest';
import { defaultOfficeConfig } from '../../../../src-main/domain/office.ts';
import { aggregateKpi, type KpiAggregate } from '../../../../src-main/domain/reports/kpi.ts';
import { runFloorDay, type FloorDayOutcome } from '../../../../src-main/domain/simulation/floorDay.ts';
import { resolvePolicy } from '../../../../src-main/domain/simulation/policies.ts';
import { stageVisitsOf } from '../../../../src-main/domain/simulation/replay.ts';
import { floorDayFor } from '../../../../src-main/services/simulation/floorDay.ts';

/**
 * A simulated day's KPIs through the live floor's report code (`aggregateKpi` over the stage
 * visits `measureVisit` makes of period rows). The report's wait of a stage visit is from the later
 * of joining the stage's line and the booked window's opening to the call, 0 when called before
 * the window opens. The simulator keeps two figures of its own:
 *
 * - the applicant's wait (`waitP50`, `waitP90`): first call minus the later of arrival and the
 *   window's opening, negative when called early. At the check-in stage the report's wait is this
 *   one clipped at 0 (a citizen sent away as too early comes back before the window opens, so the
 *   later of the two is the window's opening either way); nearest-rank percentiles commute with
 *   the clip, so the report's p50/p90 are max(0, the simulator's).
 * - each stage's own wait (`stages[i]`): from joining that stage's line to the call. After the
 *   first stage this is the report's wait for every visit that reaches the stage after its window
 *   opened, which the `no-early` policy guarantees (no one is called before the window opens).
 */

const input = floorDayFor({ office: defaultOfficeConfig, calendar: [] }, { date: '2026-11-30' });
const settings = { today: '2026-12-01', windowGraceMinutes: 15, waitThresholdMinutes: 20, outlierZ: 3 };
const seeds = [1, 2, 3];

function day(policyId: string, seed: number): { outcome: FloorDayOutcome; kpi: KpiAggregate } {
  const policy = resolvePolicy(policyId, input.calling);
  if (!policy) throw new Error(`no policy ${policyId}`);
  const outcome = runFloorDay(input, policy, seed, { keepVisits: true });
  const visits = stageVisitsOf(outcome.visits ?? [], { date: input.date, timeZone: input.timeZone });
  return {
    outcome,
    kpi: aggregateKpi(
      visits,
      settings,
      input.stages.map((s) => s.id),
    ),
  };
}

const minutes = (ms: number | null) => (ms ?? NaN) / 60_000;
const figuresOf = (kpi: KpiAggregate, stage: string) => {
  const found = kpi.byStage.find((s) => s.stage === stage);
  if (!found) throw new Error(`no stage ${stage} in the report`);
  return found.figures;
};
/** Period rows hold whole milliseconds: the report's figures are the simulator's to within one. */
const withinAMillisecond = 1 / 60_000;

describe("a simulated day's KPIs through the reports' code", () => {
  it.each(['window', 'fifo', 'no-early'].flatMap((p) => seeds.map((s) => [p, s] as const)))(
    '%s, seed %i: the check-in stage waits are the applicant waits clipped at 0, every visit served counted',
    (policyId, seed) => {
      const { outcome, kpi } = day(policyId, seed);
      const first = figuresOf(kpi, input.stages[0]?.id as string);
      expect(outcome.served).toBeGreaterThan(200);
      expect(first.served).toBe(outcome.served);
      expect(first.wait.count).toBe(outcome.served);
      expect(kpi.total.arrived).toBe(outcome.served * input.stages.length);
      expect(Math.abs(minutes(first.wait.p50Ms) - Math.max(0, outcome.waitP50))).toBeLessThanOrEqual(
        withinAMillisecond,
      );
      expect(Math.abs(minutes(first.wait.p90Ms) - Math.max(0, outcome.waitP90))).toBeLessThanOrEqual(
        withinAMillisecond,
      );
      expect(minutes(first.wait.maxMs)).toBeCloseTo(Math.max(0, outcome.waitMax), 4);
    },
  );

  it.each(seeds)('no-early, seed %i: every later stage has the simulator’s own p50 and p90 wait', (seed) => {
    const { outcome, kpi } = day('no-early', seed);
    // The condition the definitions share: every later stage joined after the window opened.
    for (const visit of outcome.visits ?? [])
      for (const stage of visit.stages.slice(1))
        expect(stage.enqueued).toBeGreaterThanOrEqual(visit.windowStart);
    for (const own of outcome.stages.slice(1)) {
      const report = figuresOf(kpi, own.stage);
      expect(report.served).toBe(outcome.served);
      expect(Math.abs(minutes(report.wait.p50Ms) - own.waitP50)).toBeLessThanOrEqual(withinAMillisecond);
      expect(Math.abs(minutes(report.wait.p90Ms) - own.waitP90)).toBeLessThanOrEqual(withinAMillisecond);
    }
  });
});
