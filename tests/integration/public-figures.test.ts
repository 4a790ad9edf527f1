import { afterEach, describe, expect, it } from 'vitest';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { callNext, completeService, startService } from '../../src-main/services/counters.ts';
import { addUser, signIn } from '../../src-main/services/officers.ts';
import { publicFigures } from '../../src-main/services/reports/publicFigures.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor, type TestFloor } from '../support/floor.ts';

let floor: TestFloor | null = null;
afterEach(() => floor?.close());

describe('the public figures: what anyone may see of the day', () => {
  it("today's waits from the first queue, in aggregate; a day without visits is empty; no one is named", () => {
    floor = makeFloor({ now: at('2026-11-30', '08:30') });
    const { ctx, clock } = floor;
    const bookings = [sampleAppointment(301), sampleAppointment(302)];
    floor.load(bookings);
    addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
    // Both arrive before their 09:00–10:00 window: each wait starts at 09:00.
    clock.set(at('2026-11-30', '08:40'));
    const numbers = bookings.map((b) => checkIn(ctx, floor!.kiosk, { text: b.bookingCode }).number);
    const station = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 1', counter: 1 }).station;
    const officer = signIn(ctx, station, { username: 'ayu', secret: '246810', counter: 1 });
    const desk = { stationId: station.id, actor: 'ayu', officer };
    clock.set(at('2026-11-30', '09:10'));
    callNext(ctx, desk);
    startService(ctx, desk);
    clock.advanceMinutes(5);
    completeService(ctx, desk);
    clock.set(at('2026-11-30', '09:25'));
    callNext(ctx, desk);

    const view = publicFigures(ctx, { days: 2 });
    expect(view.office).toBe('Kantor Imigrasi Kelas I TPI Denpasar');
    expect(view.today).toBe('2026-11-30');
    expect(view.days).toEqual([
      {
        date: '2026-11-29',
        visits: 0,
        averageWaitMs: null,
        p90WaitMs: null,
        calledInsideWindowShare: null,
        readyOnTime: { count: 0, of: 0, share: null },
      },
      {
        date: '2026-11-30',
        visits: 2,
        // 10 and 25 minutes: called at 09:10 and 09:25, the window opened at 09:00.
        averageWaitMs: 17.5 * 60_000,
        p90WaitMs: 25 * 60_000,
        // Only the first was called by 09:15 (window start + 15 minutes).
        calledInsideWindowShare: 0.5,
        readyOnTime: { count: 0, of: 0, share: null },
      },
    ]);
    const shown = JSON.stringify(view);
    for (const personal of [
      ...bookings.flatMap((b) => [b.nik, b.fullName, b.bookingCode]),
      ...numbers,
      'ayu',
    ])
      expect(shown).not.toContain(personal);
    // Thirty days unless asked.
    expect(publicFigures(ctx, {}).days.map((d) => d.date)).toHaveLength(30);
  });
});
