import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { offlineConflicts } from '../../src-main/services/offline.ts';
import { followHub } from '../../src-main/station/eventFollower.ts';
import { hubClient, type HubClient } from '../../src-main/station/hubClient.ts';
import { Replica } from '../../src-main/station/runtime/replica.ts';
import { StationRuntime } from '../../src-main/station/runtime/runtime.ts';
import { openReplicaDatabase } from '../../src-main/store/db.ts';
import { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { at, rowCounts } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { until } from '../support/station.ts';

let t: TestHub;
let kiosk: string;
let kiosk2: string;
const code = (i: number) => sampleAppointment(i).bookingCode;

beforeEach(async () => {
  t = await startTestHub();
  kiosk = t.pair('kiosk', 'Kiosk 1');
  kiosk2 = t.pair('kiosk', 'Kiosk 2');
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 30 }, (_, i) => sampleAppointment(i + 1))),
  });
});

afterEach(async () => {
  await t.close();
});

const regularWindow2 = () =>
  t.hub.store.db
    .prepare(
      "SELECT station_id AS stationId, first_seq AS first, last_seq AS last FROM number_leases WHERE lane = 'regular' AND window_number = 2 ORDER BY first_seq",
    )
    .all() as { stationId: string; first: number; last: number }[];

/** A ticket as a kiosk apart from the hub would have made it for booking `i` (09:00–10:00, window 2). */
const offlineTicket = (i: number, sequence: number, minute = 10) => ({
  id: randomUUID(),
  officeDate: '2026-11-30',
  number: `A2-${sequence}`,
  lane: 'regular',
  windowNumber: 2,
  sequence,
  bookingCode: code(i),
  arrival: 'on_time',
  windowStart: '09:00',
  windowEnd: '10:00',
  expectedCall: '09:30',
  issuedAt: at('2026-11-30', `09:${String(minute).padStart(2, '0')}`),
});

async function command(token: string, operation: string, input: unknown, id: string = randomUUID()) {
  const response = await fetch(`${t.hub.url}/api/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-loket-command': id },
    body: JSON.stringify(input),
  });
  return { status: response.status, body: (await response.json()) as any };
}

describe('numbers leased to kiosks', () => {
  it('a kiosk gets a block for every lane and window, and the hub never hands those numbers out itself', async () => {
    const leased = await t.call('leaseNumbers', {}, kiosk);
    expect(leased.status).toBe(200);
    // 6 lanes × 8 windows of 08:00–16:00.
    expect(leased.body.leases).toHaveLength(48);
    await t.call('leaseNumbers', {}, kiosk2);
    expect(regularWindow2().map(({ first, last }) => [first, last])).toEqual([
      [501, 600],
      [601, 700],
    ]);
    // Asking again gives the same blocks back, not new ones.
    expect((await t.call('leaseNumbers', {}, kiosk)).body.leases).toHaveLength(48);

    // A busy window whose online numbers run into the leased blocks steps over them.
    t.hub.store.db
      .prepare("UPDATE number_counters SET last_sequence = 499 WHERE lane = 'regular' AND window_number = 2")
      .run();
    t.hub.store.db
      .prepare(
        "INSERT OR IGNORE INTO number_counters (office_date, lane, window_number, last_sequence) VALUES ('2026-11-30', 'regular', 2, 499)",
      )
      .run();
    const first = await t.call('checkIn', { text: code(1) }, kiosk);
    const second = await t.call('checkIn', { text: code(2) }, kiosk);
    expect([first.body.number, second.body.number]).toEqual(['A2-500', 'A2-701']);
  });

  it('a used-up block is replaced by a fresh one when the kiosk says so', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    const again = await t.call('leaseNumbers', { exhausted: [{ lane: 'regular', windowNumber: 2 }] }, kiosk);
    expect(again.body.leases.filter((l: any) => l.lane === 'regular' && l.windowNumber === 2)).toHaveLength(
      2,
    );
    expect(regularWindow2().map(({ first }) => first)).toEqual([501, 601]);
  });
});

describe('tickets issued offline reach the hub', () => {
  it('is accepted once, however often the outbox sends it, and joins the queue in check-in order', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    const id = randomUUID();
    const input = { ticket: offlineTicket(3, 501) };
    const first = await command(kiosk, 'checkInOffline', input, id);
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.body.outcome).toBe('accepted');
    expect(first.body.ticket).toMatchObject({ number: 'A2-501', issuedOffline: true, status: 'waiting' });
    const counts = rowCounts(t.hub.store);
    const again = await command(kiosk, 'checkInOffline', input, id);
    expect(again.body).toEqual(first.body);
    expect(rowCounts(t.hub.store)).toEqual(counts);
  });

  it('refuses a number that was not leased to the sending kiosk, and a refusal is answered the same way again', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    await t.call('leaseNumbers', {}, kiosk2);
    const id = randomUUID();
    const counts = rowCounts(t.hub.store);
    // 601 belongs to the second kiosk.
    const refused = await command(kiosk, 'checkInOffline', { ticket: offlineTicket(3, 601) }, id);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message.en).toMatch(/not from a block leased to this kiosk/);
    expect((await command(kiosk, 'checkInOffline', { ticket: offlineTicket(3, 601) }, id)).body).toEqual(
      refused.body,
    );
    // The supervisor sees the refusal: nothing a kiosk handed out disappears unnoticed.
    expect(offlineConflicts({ store: t.hub.store, clock: t.clock }).refused).toMatchObject([
      { operation: 'checkInOffline', code: 'FORBIDDEN', station: 'Kiosk 1' },
    ]);
    const { events: _events, ...rest } = rowCounts(t.hub.store);
    const { events: _before, ...restBefore } = counts;
    expect(rest).toEqual(restBefore);
  });

  it('refuses a slip whose number the hub already has on another ticket: 403, nothing written, listed for the supervisor', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    expect((await command(kiosk, 'checkInOffline', { ticket: offlineTicket(3, 501) })).status).toBe(200);
    const counts = rowCounts(t.hub.store);
    // A second slip with the same number (a kiosk whose replica was reset hands it out again).
    const twice = await command(kiosk, 'checkInOffline', { ticket: offlineTicket(4, 501, 20) });
    expect(twice.status, JSON.stringify(twice.body)).toBe(403);
    expect(twice.body.error.code).toBe('FORBIDDEN');
    const { events: _events, ...rest } = rowCounts(t.hub.store);
    const { events: _before, ...restBefore } = counts;
    expect(rest).toEqual(restBefore);
    expect(offlineConflicts({ store: t.hub.store, clock: t.clock }).refused).toMatchObject([
      { operation: 'checkInOffline', code: 'FORBIDDEN', station: 'Kiosk 1' },
    ]);
    expect(t.hub.store.tickets.find(twice.body.error.details.ticketId)).toBeNull();
  });

  it('refuses a printed number outside the lease even with a leased sequence, and online check-ins go on', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    const counts = rowCounts(t.hub.store);
    const forged = { ...offlineTicket(5, 502), number: 'A2-001' };
    const refused = await command(kiosk, 'checkInOffline', { ticket: forged });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const { events: _events, ...rest } = rowCounts(t.hub.store);
    const { events: _before, ...restBefore } = counts;
    expect(rest).toEqual(restBefore);
    expect(offlineConflicts({ store: t.hub.store, clock: t.clock }).refused).toMatchObject([
      { operation: 'checkInOffline', code: 'FORBIDDEN', station: 'Kiosk 1' },
    ]);
    // The lane and window's next online numbers are still free.
    for (const i of [6, 7]) {
      const online = await t.call('checkIn', { text: code(i) }, kiosk2);
      expect(online.status, JSON.stringify(online.body)).toBe(200);
    }
    expect(
      t.hub.store.tickets
        .listForDay('2026-11-30')
        .map((x) => x.number)
        .sort(),
    ).toEqual(['A2-001', 'A2-002']);
  });

  it('a command id is a UUID, only outbox operations take one, and it cannot be reused for another command', async () => {
    const bad = await fetch(`${t.hub.url}/api/checkInOffline`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${kiosk}`,
        'x-loket-command': '42',
      },
      body: '{}',
    });
    expect(bad.status).toBe(400);
    expect((await command(kiosk, 'checkIn', { text: code(4) })).status).toBe(400);
    const badTime = await fetch(`${t.hub.url}/api/checkInOffline`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${kiosk}`,
        'x-loket-command': randomUUID(),
        'x-loket-command-at': 'yesterday',
      },
      body: '{}',
    });
    expect(badTime.status).toBe(400);
    await t.call('leaseNumbers', {}, kiosk);
    const id = randomUUID();
    expect((await command(kiosk, 'checkInOffline', { ticket: offlineTicket(5, 501) }, id)).status).toBe(200);
    expect((await command(kiosk2, 'checkInOffline', { ticket: offlineTicket(6, 502) }, id)).status).toBe(409);
  });

  it('a check-in whose answer was lost and which the kiosk then issued offline keeps the number printed on the slip', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    const ticketId = randomUUID();
    const online = await t.call('checkIn', { text: code(8), ticketId }, kiosk);
    expect(online.body.number).toBe('A2-001');
    const slip = { ...offlineTicket(8, 501), id: ticketId };
    const late = await command(kiosk, 'checkInOffline', { ticket: slip });
    expect(late.body.outcome).toBe('renumbered');
    expect(late.body.ticket.number).toBe('A2-501');
    const entry = t.hub.store.db
      .prepare('SELECT number FROM queue_entries WHERE ticket_id = ?')
      .pluck()
      .get(ticketId);
    expect(entry).toBe('A2-501');
    expect(t.hub.store.tickets.listForDay('2026-11-30')).toHaveLength(1);
  });

  it('a ticket already called at a counter is never voided by a conflict: the offline one is', async () => {
    await t.call('leaseNumbers', {}, kiosk);
    const online = await t.call('checkIn', { text: code(9) }, kiosk2);
    t.hub.store.db
      .prepare("UPDATE queue_entries SET status = 'called' WHERE ticket_id = ?")
      .run(online.body.id);
    // Issued offline earlier than the online one, but that one is already at a counter.
    const offline = await command(kiosk, 'checkInOffline', { ticket: offlineTicket(9, 501, 1) });
    expect(offline.body.outcome).toBe('conflict_voided');
    expect(offline.body.ticket.status).toBe('void');
    expect(t.hub.store.tickets.find(online.body.id)?.status).toBe('waiting');
    expect(t.hub.store.conflicts.forDay('2026-11-30')).toMatchObject([
      { bookingCode: code(9), keptTicketId: online.body.id },
    ]);
  });
});

describe('a kiosk replica', () => {
  it('starts from a snapshot once and, restarted, resumes from its cursor without reloading', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-replica-'));
    const snapshots: string[] = [];
    const counting = (client: HubClient): HubClient => ({
      url: client.url,
      call: (name, input, options) => {
        if (name === 'replicaSnapshot') snapshots.push(name);
        return client.call(name, input, options);
      },
    });
    const startRuntime = async () => {
      const store = new Store(openReplicaDatabase(dir), { replica: true });
      const runtime = new StationRuntime({
        replica: new Replica(store),
        hub: counting(hubClient(t.hub.url, kiosk)),
        token: kiosk,
        clock: t.clock,
        follow: followHub,
      });
      await runtime.start();
      return { store, runtime };
    };
    try {
      const first = await startRuntime();
      expect(first.store.kioskBookings.count()).toBe(30);
      await first.runtime.stop();
      first.store.close();
      // What the kiosk keeps of them names no one (UU 27/2022): no NIK, name, phone or birth date.
      const kept = fs.readFileSync(path.join(dir, 'station.db')).toString('latin1');
      for (const booking of [sampleAppointment(1), sampleAppointment(30)]) {
        for (const personal of [booking.nik, booking.fullName, booking.birthDate, booking.phone])
          if (personal) expect(kept).not.toContain(personal);
      }

      // While the kiosk is off, the hub imports more bookings and another kiosk checks one in.
      importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
        format: 'csv',
        content: appointmentCsv([sampleAppointment(31), sampleAppointment(32)]),
      });
      await t.call('checkIn', { text: code(12) }, kiosk2);

      const second = await startRuntime();
      await until('the replica to catch up', () => second.store.kioskBookings.count() === 32);
      await until(
        'the other kiosk’s ticket',
        () => second.store.tickets.activeForBooking(code(12), '2026-11-30') !== null,
      );
      expect(snapshots).toHaveLength(1);
      await second.runtime.stop();
      second.store.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is given only to kiosks', async () => {
    expect((await t.call('replicaSnapshot', {}, t.pair('display'))).status).toBe(403);
  });
});
