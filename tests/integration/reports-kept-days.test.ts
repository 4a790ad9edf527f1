import { describe, expect, it } from 'vitest';
import { invoke } from '../../src-main/api/invoke.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import {
  callNext,
  completeService,
  markNoShow,
  recall,
  startService,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { addUser, requireOfficer, signIn } from '../../src-main/services/officers.ts';
import { reportKpi } from '../../src-main/services/reports/kpi.ts';
import { addStation } from '../../src-main/services/stations.ts';
import { sampleAppointment } from '../support/bookings.ts';
import { at, makeFloor } from '../support/floor.ts';

/**
 * A closed day's measured visits are kept for the next report (a year's report reads only the days
 * that moved), and a late change to that day is never hidden behind what was kept.
 */
describe("a closed day's figures", () => {
  it('follow a citizen called at closing time and marked absent the next morning', () => {
    const floor = makeFloor({ now: at('2026-11-30', '08:00') });
    const ctx = floor.ctx;
    addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const station = addStation(ctx, commandLine, { mode: 'counter', name: 'Loket 1', counter: 1 }).station;
    signIn(ctx, station, { username: 'ayu', secret: '246810' });
    const ayu: CounterCaller = {
      stationId: station.id,
      actor: 'ayu',
      officer: requireOfficer(ctx, station, ['officer']),
    };
    floor.clock.set(at('2026-11-30', '09:05'));
    checkIn(ctx, floor.kiosk, { text: 'MPDPS-00001' });
    checkIn(ctx, floor.kiosk, { text: 'MPDPS-00002' });
    floor.clock.set(at('2026-11-30', '09:10'));
    callNext(ctx, ayu);
    floor.clock.set(at('2026-11-30', '09:12'));
    startService(ctx, ayu);
    floor.clock.set(at('2026-11-30', '09:20'));
    completeService(ctx, ayu);
    floor.clock.set(at('2026-11-30', '16:50'));
    callNext(ctx, ayu);
    recall(ctx, ayu);
    recall(ctx, ayu);

    // The next morning the 30th is closed: its report is measured and kept.
    floor.clock.set(at('2026-12-01', '07:30'));
    const day = { from: '2026-11-30', to: '2026-11-30', stage: 'documents' };
    const before = reportKpi(ctx, day);
    expect(before.total).toMatchObject({ arrived: 2, served: 1, noShows: 0 });
    expect(reportKpi(ctx, day)).toEqual(before);

    // The officer marks the second citizen absent at 07:45: the 30th's figures move.
    floor.clock.set(at('2026-12-01', '07:45'));
    markNoShow(ctx, ayu);
    const after = reportKpi(ctx, day);
    expect(after.total).toMatchObject({ arrived: 2, served: 1, noShows: 1 });
    floor.close();
  });

  it('are read a day at a time through the API, and the same as read at once', async () => {
    const floor = makeFloor({ now: at('2026-11-30', '08:00') });
    const ctx = floor.ctx;
    addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
    floor.load([sampleAppointment(1), sampleAppointment(2)]);
    const console = addStation(ctx, commandLine, { mode: 'supervisor', name: 'Supervisor' }).station;
    floor.clock.set(at('2026-11-30', '09:05'));
    checkIn(ctx, floor.kiosk, { text: 'MPDPS-00001' });
    floor.clock.set(at('2026-12-02', '09:00'));
    signIn(ctx, console, { username: 'sri', secret: '112233' });
    const range = { from: '2026-11-29', to: '2026-12-02' };
    const answer = await invoke(ctx, console, 'reportKpi', range);
    expect(answer).toEqual(reportKpi(ctx, range));
    expect((answer as { total: { arrived: number; walkOuts: number } }).total).toMatchObject({
      arrived: 1,
      walkOuts: 1,
    });
    floor.close();
  });
});
