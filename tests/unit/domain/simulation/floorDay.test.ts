import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import { defaultOfficeConfig } from '../../../../src-main/domain/office.ts';
import {
  floorDayInput,
  runFloorDay,
  type FloorDayInput,
  type SimulatedBooking,
} from '../../../../src-main/domain/simulation/floorDay.ts';
import { officeDay } from '../../../../src-main/domain/simulation/officeDay.ts';
import { resolvePolicy, type ResolvedPolicy } from '../../../../src-main/domain/simulation/policies.ts';
import { isLoketError } from '../../../../src-main/domain/errors.ts';
import { floorDayFor, simulateFloorDay } from '../../../../src-main/services/simulation/floorDay.ts';

const calendar2026 = (
  JSON.parse(fs.readFileSync('resources/calendars/2026.json', 'utf8')) as {
    days: FloorDayInput['calendar'];
  }
).days;

/** A small day: 08:00–12:00, one-hour windows, one stage with `officers` at exactly `minutes` a citizen. */
function smallDay(
  bookings: SimulatedBooking[],
  change: Partial<Record<string, unknown>> = {},
): FloorDayInput {
  const office = officeDay(defaultOfficeConfig, '2026-12-08', []) as Record<string, unknown>;
  return floorDayInput.parse({
    ...office,
    open: 480,
    close: 720,
    stages: [{ id: 'interview', officers: 1, service: { kind: 'deterministic', minutes: 10 }, breaks: [] }],
    walkUpMinutes: 0,
    bookings,
    handover: null,
    printer: { secondsPerPassport: 60, spoilRate: 0, backlogAtOpen: 0, approvalsPerDayBefore: 0 },
    kindMix: { baru: 1 },
    ...change,
  });
}

const policy = (id: string, input: FloorDayInput) => resolvePolicy(id, input.calling) as ResolvedPolicy;
const onTime = (window: number, arrivalMinute: number, lane: SimulatedBooking['lane'] = 'regular') => ({
  window,
  lane,
  arrivalMinute,
});

describe('the floor day on cases with known answers', () => {
  it('one counter, exactly ten minutes a citizen: the waits are 0, 9 and 18 minutes', () => {
    const input = smallDay([onTime(1, 480), onTime(1, 481), onTime(1, 482)]);
    for (const id of ['window', 'fifo']) {
      const day = runFloorDay(input, policy(id, input), 1);
      expect(day.waits).toEqual([0, 9, 18]);
      expect(day.waitP50).toBe(9);
      expect(day.waitMax).toBe(18);
      expect(day.served).toBe(3);
      expect(day.lastServed).toBe(510);
      // 30 busy minutes of 240.
      expect(day.stages[0]?.utilisation).toBeCloseTo(30 / 240, 10);
    }
  });

  it('calls the earlier window first by window, the earlier arrival first when first come first served', () => {
    // The counter is busy until 09:00 with the first citizen; then a window-2 citizen who checked in at
    // 08:20 and a window-1 citizen who came at 08:30 are waiting.
    const input = smallDay([onTime(1, 480), onTime(2, 500), onTime(1, 510)], {
      stages: [{ id: 'interview', officers: 1, service: { kind: 'deterministic', minutes: 60 }, breaks: [] }],
    });
    const called = (id: string) =>
      Object.fromEntries(
        (runFloorDay(input, policy(id, input), 1, { keepVisits: true }).visits ?? []).map((v) => [
          v.arrival,
          v.stages[0]?.called,
        ]),
      );
    expect(called('window')).toEqual({ 480: 480, 510: 540, 500: 600 });
    expect(called('fifo')).toEqual({ 480: 480, 500: 540, 510: 600 });
  });

  it('sends a citizen who comes too early back to check-in’s opening, and puts one who comes too late on standby', () => {
    // Window 2 opens 09:00: check-in from 08:00 (60 minutes early); window 1 ends 09:00, late after 09:30.
    const input = smallDay([onTime(2, 470), onTime(1, 575)]);
    const day = runFloorDay(input, policy('window', input), 1, { keepVisits: true });
    expect(day.cameTooEarly).toBe(1);
    expect(day.standby).toBe(1);
    const early = day.visits?.find((v) => v.arrival === 470);
    expect(early?.checkIn).toBe(480);
    expect(day.visits?.find((v) => v.arrival === 575)?.lane).toBe('standby');
    // First come first served has no such rules.
    const fifo = runFloorDay(input, policy('fifo', input), 1);
    expect([fifo.cameTooEarly, fifo.standby]).toEqual([0, 0]);
  });

  it('calls no one before the window opens under no-early, and calls early when idle under window', () => {
    const input = smallDay([onTime(2, 490)]);
    const at = (id: string) =>
      runFloorDay(input, policy(id, input), 1, { keepVisits: true }).visits?.[0]?.stages[0];
    expect(at('window')?.called).toBe(490);
    expect(at('no-early')?.called).toBe(540);
  });

  it('serves the priority lane at the office’s ratio; first come first served knows no lane', () => {
    const bookings = [onTime(1, 480), onTime(1, 481), onTime(1, 482), onTime(1, 483, 'lansia')];
    const input = smallDay(bookings);
    const lansiaCall = (id: string) =>
      runFloorDay(input, policy(id, input), 1, { keepVisits: true }).visits?.find(
        (v) => v.bookedLane === 'lansia',
      )?.stages[0]?.called;
    // 1:2 (the office's ratio): priority first in the cycle, so the lansia citizen goes second.
    expect(lansiaCall('window')).toBe(490);
    expect(lansiaCall('fifo')).toBe(510);
  });

  it('keeps an officer on a break away from the counter until it ends', () => {
    const input = smallDay([onTime(1, 490)], {
      stages: [
        {
          id: 'interview',
          officers: 1,
          service: { kind: 'deterministic', minutes: 10 },
          breaks: [{ start: 485, end: 520, officers: 1 }],
        },
      ],
    });
    const day = runFloorDay(input, policy('window', input), 1);
    expect(day.waits).toEqual([30]);
    // Busy 10 of (240 − 35) minutes.
    expect(day.stages[0]?.utilisation).toBeCloseTo(10 / 205, 10);
  });
});

describe('the Denpasar default day', () => {
  const input = floorDayInput.parse(officeDay(defaultOfficeConfig, '2026-12-08', calendar2026));

  it('gives the same day for the same seed, byte for byte, and another for another seed', () => {
    const window = policy('window', input);
    expect(JSON.stringify(runFloorDay(input, window, 7))).toBe(JSON.stringify(runFloorDay(input, window, 7)));
    expect(JSON.stringify(runFloorDay(input, window, 8))).not.toBe(
      JSON.stringify(runFloorDay(input, window, 7)),
    );
  });

  it('compares the policies on the same citizens', () => {
    const arrivals = (id: string) =>
      (runFloorDay(input, policy(id, input), 3, { keepVisits: true }).visits ?? [])
        .map((v) => v.arrival)
        .sort();
    expect(arrivals('fifo')).toEqual(arrivals('window'));
    expect(arrivals('fifo').length).toBeGreaterThan(200);
  });

  it('shows the interview stage as the bottleneck, and a worse one with fewer officers', async () => {
    const summary = await simulateFloorDay(input, { policies: ['window'], seeds: 10 });
    const [documents, interview] = summary.policies[0]?.stages ?? [];
    expect(interview?.utilisation.mean).toBeGreaterThan(documents?.utilisation.mean ?? 1);
    expect(interview?.utilisation.mean).toBeGreaterThan(0.7);
    expect(interview?.utilisation.mean).toBeLessThan(0.9);
    const three = floorDayFor(
      { office: defaultOfficeConfig, calendar: calendar2026 },
      { date: '2026-12-08', officers: { interview: 3 } },
    );
    const fewer = await simulateFloorDay(three, { policies: ['window'], seeds: 10 });
    const squeezed = fewer.policies[0]?.stages[1];
    expect(squeezed?.utilisation.mean).toBeGreaterThan(0.95);
    expect(squeezed?.waitP90.mean).toBeGreaterThan((interview?.waitP90.mean ?? 0) + 30);
  });

  it('counts the pickup promises a slow printer would miss', () => {
    const slow = floorDayInput.parse({
      ...input,
      printer: { ...input.printer, secondsPerPassport: 600, backlogAtOpen: 600 },
    });
    const day = runFloorDay(slow, policy('window', slow), 1);
    expect(day.printerBacklogAtClose).toBeGreaterThan(500);
    expect(day.promisesAtRisk).toBeGreaterThan(0);
    expect(runFloorDay(input, policy('window', input), 1).promisesAtRisk).toBe(0);
  });
});

describe('bad input', () => {
  const source = { office: defaultOfficeConfig, calendar: calendar2026 };
  const refusal = (work: () => unknown) => {
    try {
      work();
    } catch (error) {
      if (isLoketError(error)) return `${String(error.details.field)}: ${String(error.details.message)}`;
      throw error;
    }
    throw new Error('not refused');
  };

  it('refuses negative officers, a stage the office lacks, a closed day and a quota past closing time', () => {
    expect(refusal(() => floorDayFor(source, { date: '2026-12-08', officers: { interview: -2 } }))).toBe(
      'officers.interview: officers cannot be negative',
    );
    expect(refusal(() => floorDayFor(source, { date: '2026-12-08', officers: { photo: 2 } }))).toMatch(
      /^officers\.photo: no stage photo/,
    );
    expect(refusal(() => floorDayFor(source, { date: '2026-12-25' }))).toMatch(/^date: the office is closed/);
    expect(() => smallDay([onTime(9, 480)])).toThrow(
      /window 9 is beyond the day's 4 windows \(08:00–12:00\)/,
    );
    const beyond = officeDay(defaultOfficeConfig, '2026-12-08', []) as { bookings: SimulatedBooking[] };
    expect(() => floorDayInput.parse({ ...beyond, bookings: [{ window: 12, lane: 'regular' }] })).toThrow(
      /window 12 is beyond the day's 8 windows \(08:00–16:00\)/,
    );
  });

  it('refuses an unknown policy and more seeds than the caller may run, before running anything', async () => {
    const input = floorDayFor(source, { date: '2026-12-08' });
    await expect(simulateFloorDay(input, { policies: ['window', 'lifo'] })).rejects.toThrow(
      /unknown policy lifo/,
    );
    await expect(simulateFloorDay(input, { seeds: 10_000 })).rejects.toThrow(/seeds must be at most 1000/);
    await expect(simulateFloorDay(input, { seeds: 500 }, { maxSeeds: 200 })).rejects.toThrow(
      /at most 200 seeds here/,
    );
  });
});
