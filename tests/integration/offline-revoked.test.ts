import { afterEach, beforeEach, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { revokeStation } from '../../src-main/services/stations.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { answered, stationPc, until, type StationPc } from '../support/station.ts';

/**
 * A kiosk revoked on the hub (stolen, replaced) while it held tickets for the hub: it must not go
 * on issuing numbers the hub will never take, with citizens waiting for a call that never comes.
 */
let t: TestHub;
let pc: StationPc;

beforeEach(async () => {
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))),
  });
  pc = await stationPc(t.hub.port, t.pair('kiosk', 'Kios 1'), t.clock);
  await pc.runtime.start();
  await until('leased numbers', () => pc.runtime.status().online && pc.runtime.status().leasedLeft > 0);
});

afterEach(async () => {
  await pc.close();
  await t.close();
});

it('a revoked kiosk stops issuing tickets and says the station is no longer registered', async () => {
  pc.proxy.set('drop');
  const offline = await answered(pc.runtime, 'checkIn', { text: sampleAppointment(1).bookingCode });
  expect(offline).toMatchObject({ issuedOffline: true });
  const kiosk = t.hub.store.stations.list().find((s) => s.name === 'Kios 1')!;
  revokeStation({ store: t.hub.store, clock: t.clock }, commandLine, kiosk.id);

  pc.proxy.set('pass');
  await until('the runtime to learn it was revoked', () => pc.runtime.status().revoked);
  // Its outbox is kept (the supervisor deals with the slip), not sent again and again.
  expect(pc.runtime.status()).toMatchObject({ pending: 1, online: false });
  expect(t.hub.store.tickets.find(offline.id)).toBeNull();

  const issued = pc.store.tickets.listForDay('2026-11-30').length;
  const refused = await pc.runtime.call('checkIn', { text: sampleAppointment(2).bookingCode });
  expect(refused.ok).toBe(false);
  if (refused.ok) return;
  expect(refused.error.code).toBe('UNAUTHORIZED');
  expect(refused.error.details).toMatchObject({ station: 'not_registered' });
  expect(refused.error.message.id).toMatch(/tidak lagi terdaftar/);
  expect(pc.store.tickets.listForDay('2026-11-30')).toHaveLength(issued);
  expect(pc.runtime.status().pending).toBe(1);
});

it('a kiosk revoked while it was connected refuses the next check-in instead of issuing it offline', async () => {
  const kiosk = t.hub.store.stations.list().find((s) => s.name === 'Kios 1')!;
  revokeStation({ store: t.hub.store, clock: t.clock }, commandLine, kiosk.id);
  const refused = await pc.runtime.call('checkIn', { text: sampleAppointment(3).bookingCode });
  expect(!refused.ok && refused.error.code).toBe('UNAUTHORIZED');
  expect(pc.runtime.status()).toMatchObject({ revoked: true, pending: 0 });
  expect(pc.store.tickets.listForDay('2026-11-30')).toHaveLength(0);
});
