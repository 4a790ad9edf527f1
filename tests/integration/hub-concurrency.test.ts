import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

const kiosks = 20;
const perKiosk = 10;
const total = kiosks * perKiosk;

let t: TestHub;
let tokens: string[];
let codes: string[];

beforeEach(async () => {
  t = await startTestHub();
  // 200 bookings, all in the regular lane and the 09:00–10:00 window (window 2 at 09:15).
  const bookings = Array.from({ length: total }, (_, i) => sampleAppointment(i + 1));
  codes = bookings.map((b) => b.bookingCode);
  const summary = importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv(bookings),
  });
  expect(summary.created).toBe(total);
  tokens = Array.from({ length: kiosks }, (_, i) => t.pair('kiosk', `Kiosk ${i + 1}`));
});

afterEach(async () => {
  await t.close();
});

/** Every kiosk scans its ten bookings, all 200 requests in flight at once. */
async function burst(): Promise<Array<{ code: string; status: number; body: any }>> {
  return Promise.all(
    codes.map(async (code, i) => {
      const token = tokens[i % kiosks] as string;
      const reply = await t.call('checkIn', { text: code }, token);
      return { code, ...reply };
    }),
  );
}

const expectedNumbers = Array.from({ length: total }, (_, i) => `A2-${String(i + 1).padStart(3, '0')}`);

it('gives 200 concurrent check-ins from 20 kiosks 200 distinct numbers A2-001…A2-200 with no gaps', async () => {
  const replies = await burst();
  for (const reply of replies) expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  expect(replies.every((r) => r.body.repeated === false)).toBe(true);
  expect(replies.map((r) => r.body.booking.code)).toEqual(codes);

  const numbers = replies.map((r) => r.body.number as string);
  expect(new Set(numbers).size).toBe(total);
  expect([...numbers].sort()).toEqual(expectedNumbers);

  // The floor's records agree: one ticket per booking, one event per ticket, the counter at 200.
  const tickets = t.hub.store.tickets.listForDay('2026-11-30');
  expect(tickets).toHaveLength(total);
  const byCode = new Map(tickets.map((ticket) => [ticket.bookingCode, ticket.number]));
  for (const reply of replies) expect(byCode.get(reply.code)).toBe(reply.body.number);
  expect(
    t.hub.store.db
      .prepare("SELECT last_sequence FROM number_counters WHERE lane = 'regular' AND window_number = 2")
      .pluck()
      .get(),
  ).toBe(total);
  expect(
    t.hub.store.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get(),
  ).toBe(total);

  // Each kiosk's tickets are recorded against that kiosk.
  const issuedBy = t.hub.store.db
    .prepare('SELECT issued_by, COUNT(*) AS n FROM tickets GROUP BY issued_by')
    .all() as { issued_by: string; n: number }[];
  expect(issuedBy).toHaveLength(kiosks);
  expect(issuedBy.every((row) => row.n === perKiosk)).toBe(true);
});

it('returns the same number with repeated=true when all 200 are scanned again at once', async () => {
  const first = await burst();
  const numberOf = new Map(first.map((r) => [r.code, r.body.number as string]));
  expect(new Set(numberOf.values()).size).toBe(total);

  const again = await burst();
  for (const reply of again) {
    expect(reply.status, JSON.stringify(reply.body)).toBe(200);
    expect(reply.body.repeated).toBe(true);
    expect(reply.body.number).toBe(numberOf.get(reply.code));
  }
  expect(t.hub.store.tickets.listForDay('2026-11-30')).toHaveLength(total);
  expect(
    t.hub.store.db.prepare("SELECT COUNT(*) FROM events WHERE type = 'ticket.issued'").pluck().get(),
  ).toBe(total);
});
