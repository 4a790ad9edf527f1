import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';
import { editPayload } from '../support/tamper.ts';

let t: TestHub;
let supervisor: string;

beforeEach(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv([1, 2, 3].map((i) => sampleAppointment(i))),
  });
  addUser(ctx, commandLine, { username: 'sri', name: 'Sri Wahyuni', role: 'supervisor', secret: '112233' });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: '246810' });
  supervisor = t.pair('supervisor', 'Supervisor');
  const kiosk = t.pair('kiosk', 'Kiosk 1');
  for (const i of [1, 2, 3])
    expect((await t.call('checkIn', { text: sampleAppointment(i).bookingCode }, kiosk)).status).toBe(200);
});

afterEach(async () => {
  await t.close();
});

describe("the supervisor's console verifies the event log", () => {
  it('shows an intact log with its count and head, then the row edited behind the hub’s back', async () => {
    expect((await t.call('auditVerify', {}, supervisor)).body.error.code).toBe('OFFICER_REQUIRED');
    expect((await t.call('signIn', { username: 'sri', secret: '112233' }, supervisor)).status).toBe(200);
    const head = t.hub.store.events.head();
    const intact = await t.call('auditVerify', {}, supervisor);
    expect(intact.status).toBe(200);
    expect(intact.body).toMatchObject({
      intact: true,
      chained: true,
      events: head?.seq,
      head,
      broken: null,
      checkedAt: '2026-11-30T09:15:00+08:00',
    });

    // Someone with sqlite3 on the hub's machine changes who got a ticket.
    const db = new Database(path.join(t.dataDir, 'loket.db'));
    const issued = db
      .prepare(`SELECT seq FROM events WHERE type = 'ticket.issued' ORDER BY seq`)
      .pluck()
      .get() as number;
    editPayload(db, issued, { number: 'A2-001', bookingCode: 'MPDPS-99999' });
    db.close();
    const broken = await t.call('auditVerify', {}, supervisor);
    expect(broken.body).toMatchObject({
      intact: false,
      broken: { seq: issued, kind: 'edited' },
    });
    expect(broken.body.broken.message).toMatch(/no longer matches its hash/);
  });
});

describe('reading a biometric image leaves a trace', () => {
  it('a face photo opened at a counter is a biometrics.read event naming the officer and the station', async () => {
    const ctx = {
      store: t.hub.store,
      clock: t.clock,
      biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
    };
    // Her documents checked at counter 1, she is at counter 3 for the interview: it serves her now.
    const documents = t.pair('counter', 'Loket 1');
    expect(
      (await t.call('signIn', { username: 'ayu', secret: '246810', counter: 1 }, documents)).status,
    ).toBe(200);
    for (const step of ['callNext', 'startService', 'completeService', 'signOut'])
      expect((await t.call(step, {}, documents)).status, step).toBe(200);
    const counter = t.pair('counter', 'Loket 3');
    expect((await t.call('signIn', { username: 'ayu', secret: '246810', counter: 3 }, counter)).status).toBe(
      200,
    );
    for (const step of ['callNext', 'startService'])
      expect((await t.call(step, {}, counter)).status, step).toBe(200);
    const served = t.hub.store.queue.atCounter(3);
    const application = interviewedApplication(ctx, { index: 1, ticketId: served?.ticketId as string });
    const before = t.hub.store.events.lastSeq();
    const photo = await t.call('facePhoto', { applicationId: application.id }, counter);
    expect(photo.status).toBe(200);
    expect(photo.body).toMatchObject({ width: 350, height: 450 });
    const ayu = t.hub.store.officers.users().find((user) => user.username === 'ayu');
    const station = t.hub.store.stations.list().find((s) => s.name === 'Loket 3');
    expect(t.hub.store.events.readAfter(before)).toEqual([
      expect.objectContaining({
        type: 'biometrics.read',
        actor: ayu?.id,
        station: station?.id,
        payload: { applicationId: application.id, number: application.number, kind: 'face' },
      }),
    ]);

    // An application without a photo answers NOT_FOUND and records no read.
    const other = t.hub.store.events.lastSeq();
    expect((await t.call('facePhoto', { applicationId: crypto.randomUUID() }, counter)).body.error.code).toBe(
      'NOT_FOUND',
    );
    expect(t.hub.store.events.lastSeq()).toBe(other);
  });
});
