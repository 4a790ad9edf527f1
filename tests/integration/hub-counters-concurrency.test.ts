import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { changeOffice } from '../../src-main/services/office.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { laneIds } from '../../src-main/domain/laneIds.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const tickets = 500;
const counters = 4;
let t: TestHub;

beforeAll(async () => {
  t = await startTestHub({ now: at('2026-11-30', '08:00') });
  const ctx = { store: t.hub.store, clock: t.clock };
  // Four counters at the document check, every lane.
  changeOffice(ctx, commandLine, [
    {
      path: 'floor.counters',
      value: Array.from({ length: counters }, (_, i) => ({
        number: i + 1,
        stages: ['documents'],
        lanes: [...laneIds],
      })),
    },
  ]);
  const windows = ['08:00', '09:00', '10:00', '11:00', '12:00', '13:00', '14:00', '15:00'];
  const bookings = Array.from({ length: tickets }, (_, i) => {
    const start = windows[i % windows.length] as string;
    const end = `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:00`;
    return sampleAppointment(i + 1, {
      windowStart: start,
      windowEnd: end,
      lane: i % 5 === 0 ? 'lansia' : 'regular',
    });
  });
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  for (const booking of bookings) {
    t.clock.set(at('2026-11-30', booking.windowStart));
    checkIn(ctx, { stationId: null, actor: 'kiosk' }, { text: booking.bookingCode });
  }
  t.clock.set(at('2026-11-30', '15:30'));
  for (let i = 1; i <= counters; i += 1)
    addUser(ctx, commandLine, {
      username: `officer${i}`,
      name: `Officer ${i}`,
      role: 'officer',
      secret: `24681${i}`,
    });
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe('four counters calling next as fast as they can', () => {
  it('call every one of 500 tickets exactly once', async () => {
    const desks = await Promise.all(
      Array.from({ length: counters }, async (_, i) => {
        const token = t.pair('counter', `Loket ${i + 1}`);
        const signedIn = await t.call(
          'signIn',
          { username: `officer${i + 1}`, secret: `24681${i + 1}`, counter: i + 1 },
          token,
        );
        expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
        return token;
      }),
    );
    const calledBy = await Promise.all(
      desks.map(async (token) => {
        const mine: string[] = [];
        for (;;) {
          const reply = await t.call('callNext', {}, token);
          expect(reply.status, JSON.stringify(reply.body)).toBe(200);
          if (!reply.body.called) return mine;
          mine.push(reply.body.called.number as string);
          expect((await t.call('startService', {}, token)).status).toBe(200);
          expect((await t.call('completeService', {}, token)).status).toBe(200);
        }
      }),
    );
    const all = calledBy.flat();
    expect(all).toHaveLength(tickets);
    expect(new Set(all).size).toBe(tickets);
    // Every counter took its share: they really raced.
    for (const mine of calledBy) expect(mine.length).toBeGreaterThan(tickets / counters / 4);
    // The database agrees: one call per ticket at the document check, none waiting there.
    const db = t.hub.store.db;
    expect(db.prepare("SELECT COUNT(*) FROM calls WHERE stage = 'documents'").pluck().get()).toBe(tickets);
    expect(
      db.prepare("SELECT COUNT(DISTINCT ticket_id) FROM calls WHERE stage = 'documents'").pluck().get(),
    ).toBe(tickets);
    expect(
      db
        .prepare("SELECT COUNT(*) FROM queue_entries WHERE stage = 'documents' AND status <> 'done'")
        .pluck()
        .get(),
    ).toBe(0);
  }, 120_000);
});
