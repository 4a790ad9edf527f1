import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  byDeadline,
  printPace,
  projectQueue,
  workingStretches,
  type QueuedJob,
  type WorkingTime,
} from '../../../src-main/domain/printQueue.ts';
import { defaultOfficeConfig } from '../../../src-main/domain/office.ts';

const time: WorkingTime = {
  timeZone: 'Asia/Makassar',
  officeHours: defaultOfficeConfig.hours,
  closures: [],
  calendar: [{ date: '2026-12-01', kind: 'libur_nasional', name: { id: 'Libur', en: 'Holiday' } }],
};
const pickupHours = { open: '13:00', close: '15:00' };
// Monday 30 November 2026, 15:00 in Denpasar (UTC+8).
const mondayAfternoon = Date.parse('2026-11-30T07:00:00Z');
const at = (iso: string) => Date.parse(iso);

describe('the print queue', () => {
  it('puts the earliest promise first, then the earliest approval', () => {
    const jobs: QueuedJob[] = [
      { id: 'late-promise', promisedDate: '2026-12-07', approvedAt: 1 },
      { id: 'second', promisedDate: '2026-12-03', approvedAt: 20 },
      { id: 'first', promisedDate: '2026-12-03', approvedAt: 10 },
    ];
    expect([...jobs].sort(byDeadline).map((j) => j.id)).toEqual(['first', 'second', 'late-promise']);
  });

  it('never lets a later promise overtake an earlier one (property)', () => {
    const job = fc.record({
      id: fc.uuid(),
      promisedDate: fc.constantFrom('2026-12-02', '2026-12-03', '2026-12-04'),
      approvedAt: fc.integer({ min: 0, max: 1000 }),
    });
    fc.assert(
      fc.property(fc.array(job, { maxLength: 30 }), (jobs) => {
        const ordered = [...jobs].sort(byDeadline);
        for (let i = 1; i < ordered.length; i += 1) {
          const [a, b] = [ordered[i - 1] as QueuedJob, ordered[i] as QueuedJob];
          expect(
            a.promisedDate < b.promisedDate ||
              (a.promisedDate === b.promisedDate && a.approvedAt <= b.approvedAt),
          ).toBe(true);
        }
      }),
    );
  });

  it('measures the pace as the median of the last prints, and uses the capacity until there are three', () => {
    const fallback = { workingMinutesPerDay: 480, capacityPerDay: 240 };
    expect(printPace([90_000, 95_000], fallback)).toEqual({
      secondsPerPassport: 120,
      basis: 'configured',
      samples: 2,
    });
    expect(printPace([90_000, 95_000, 100_000, 900_000], fallback)).toEqual({
      secondsPerPassport: 97.5,
      basis: 'measured',
      samples: 4,
    });
  });

  it('works only in opening hours on working days: the holiday and the weekend are skipped', () => {
    const stretches = workingStretches(mondayAfternoon, 7, time).map(([s, e]) => [
      new Date(s).toISOString(),
      new Date(e).toISOString(),
    ]);
    expect(stretches).toEqual([
      ['2026-11-30T07:00:00.000Z', '2026-11-30T08:00:00.000Z'],
      // Tuesday 1 December is a holiday.
      ['2026-12-02T00:00:00.000Z', '2026-12-02T08:00:00.000Z'],
      ['2026-12-03T00:00:00.000Z', '2026-12-03T08:00:00.000Z'],
      ['2026-12-04T00:00:00.000Z', '2026-12-04T08:00:00.000Z'],
    ]);
  });

  it('projects each finish from the measured pace, carrying over closing time to the next working morning', () => {
    const pace = printPace([1_200_000, 1_200_000, 1_200_000], {
      workingMinutesPerDay: 480,
      capacityPerDay: 250,
    });
    const jobs: QueuedJob[] = [
      { id: 'a', promisedDate: '2026-12-02', approvedAt: 1 },
      { id: 'b', promisedDate: '2026-12-02', approvedAt: 2 },
      { id: 'c', promisedDate: '2026-12-02', approvedAt: 3 },
      { id: 'd', promisedDate: '2026-12-03', approvedAt: 4 },
    ];
    const projection = projectQueue(jobs, { now: mondayAfternoon, pace, time, pickupHours });
    expect(
      projection.map((p) => [p.id, p.position, new Date(p.projectedFinish ?? 0).toISOString(), p.atRisk]),
    ).toEqual([
      // 20 minutes each: 15:20, 15:40 and 16:00 on Monday; the fourth does not fit before closing,
      // and Tuesday is a holiday, so it starts again on Wednesday at 08:00.
      ['a', 1, '2026-11-30T07:20:00.000Z', false],
      ['b', 2, '2026-11-30T07:40:00.000Z', false],
      ['c', 3, '2026-11-30T08:00:00.000Z', false],
      ['d', 4, '2026-12-02T00:20:00.000Z', false],
    ]);
    expect(new Date(projection[0]?.deadline ?? 0).toISOString()).toBe('2026-12-02T05:00:00.000Z');
  });

  it('warns when a promise will be missed at the measured pace', () => {
    // An hour a passport: Wednesday morning holds five before the 13:00 pickup opens.
    const pace = printPace([3_600_000, 3_600_000, 3_600_000], {
      workingMinutesPerDay: 480,
      capacityPerDay: 250,
    });
    const jobs: QueuedJob[] = Array.from({ length: 8 }, (_, i) => ({
      id: `j${i}`,
      promisedDate: '2026-12-02',
      approvedAt: i,
    }));
    const atRisk = projectQueue(jobs, { now: mondayAfternoon, pace, time, pickupHours }).filter(
      (p) => p.atRisk,
    );
    // Monday 15:00–16:00 takes one; Wednesday 08:00–13:00 five more; the last two finish after 13:00.
    expect(atRisk.map((p) => p.id)).toEqual(['j6', 'j7']);
  });

  it('counts the job on the printer now before the queue', () => {
    const pace = printPace([600_000, 600_000, 600_000], { workingMinutesPerDay: 480, capacityPerDay: 250 });
    const [only] = projectQueue([{ id: 'a', promisedDate: '2026-12-02', approvedAt: 1 }], {
      now: mondayAfternoon,
      busyUntil: at('2026-11-30T07:30:00Z'),
      pace,
      time,
      pickupHours,
    });
    expect(new Date(only?.projectedFinish ?? 0).toISOString()).toBe('2026-11-30T07:40:00.000Z');
  });
});
