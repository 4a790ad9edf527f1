import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { biometricKeyFile, loadBiometricKeyFile } from '../../src-main/hub/biometricKey.ts';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { interviewedApplication } from '../support/interviewed.ts';

let t: TestHub;
let tokens: Record<'kiosk' | 'serving' | 'other' | 'supervisor' | 'print', string>;

beforeEach(async () => {
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv([sampleAppointment(1)]) });
  for (const [username, name, role, secret] of [
    ['ayu', 'Ayu Lestari', 'officer', '246810'],
    ['made', 'Made Wirawan', 'officer', '135791'],
    ['sri', 'Sri Wahyuni', 'supervisor', '112233'],
    ['putu', 'Putu Ardana', 'print_operator', '975310'],
  ] as const)
    addUser(ctx, commandLine, { username, name, role, secret });
  tokens = {
    kiosk: t.pair('kiosk', 'Kios 1'),
    serving: t.pair('counter', 'Loket 1'),
    other: t.pair('counter', 'Loket 2'),
    supervisor: t.pair('supervisor', 'Konsol'),
    print: t.pair('print', 'Cetak'),
  };
  const signIns = [
    ['serving', 'ayu', '246810', 1],
    ['other', 'made', '135791', 2],
    ['supervisor', 'sri', '112233', undefined],
    ['print', 'putu', '975310', undefined],
  ] as const;
  for (const [station, username, secret, counter] of signIns)
    expect((await t.call('signIn', { username, secret, counter }, tokens[station])).status).toBe(200);
});
afterEach(() => t.close());

const reads = () =>
  t.hub.store.events.readAfter(0, 10_000).filter((event) => event.type === 'biometrics.read');
const userId = (username: string) => t.hub.store.officers.userNamed(username)?.id;

describe('a face photo is seen only by those who need it, and every sight is logged', () => {
  it('the serving counter, the print station with the job and a supervisor read; another counter may not', async () => {
    expect((await t.call('checkIn', { text: sampleAppointment(1).bookingCode }, tokens.kiosk)).status).toBe(
      200,
    );
    for (const step of ['callNext', 'startService'])
      expect((await t.call(step, {}, tokens.serving)).status, step).toBe(200);
    const served = t.hub.store.queue.atCounter(1);
    const ctx = {
      store: t.hub.store,
      clock: t.clock,
      biometricKey: loadBiometricKeyFile(biometricKeyFile(t.dataDir)),
    };
    const application = interviewedApplication(ctx, { index: 1, ticketId: served?.ticketId as string });
    const read = (token: string) => t.call('facePhoto', { applicationId: application.id }, token);

    // The counter serving her visit sees her photo, and the log says who and where.
    expect((await read(tokens.serving)).status).toBe(200);
    expect(reads().map((e) => [e.actor, e.payload])).toEqual([
      [userId('ayu'), { applicationId: application.id, number: application.number, kind: 'face' }],
    ]);

    // Another counter, and the print station before there is a job, are refused and leave no trace.
    const seq = t.hub.store.events.lastSeq();
    for (const token of [tokens.other, tokens.print]) {
      const refused = await read(token);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
      expect(refused.body.error.message.id).toBeTruthy();
      expect(refused.body.photo).toBeUndefined();
    }
    expect(t.hub.store.events.lastSeq()).toBe(seq);

    // A supervisor reads; once approved, the print station printing it does too.
    expect((await read(tokens.supervisor)).status).toBe(200);
    expect(
      (await t.call('approveApplication', { applicationId: application.id }, tokens.supervisor)).status,
    ).toBe(200);
    expect((await read(tokens.print)).status).toBe(200);
    expect(reads().map((e) => e.actor)).toEqual([userId('ayu'), userId('sri'), userId('putu')]);

    // When her visit moves on, the counter that served her no longer may.
    expect((await t.call('completeService', {}, tokens.serving)).status).toBe(200);
    expect((await read(tokens.serving)).body.error.code).toBe('FORBIDDEN');
  });
});
