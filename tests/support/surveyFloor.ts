import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import type { Appointment } from '../../src-main/domain/appointment.ts';
import { appointmentCsv, sampleAppointment } from './bookings.ts';
import type { TestHub } from './hub.ts';

/**
 * A floor whose citizens answer the satisfaction survey, all through the hub's API as the stations
 * would: each citizen checks in at the kiosk, is served at counter 1 (documents) and counter 3
 * (interview), then scans the ticket's QR at the feedback station by counter 3's exit (or the
 * kiosk) and answers.
 */
export interface SurveyFloor {
  supervisor: { username: string; secret: string; name: string };
  supervisorToken: string;
  kioskToken: string;
  /** Counter 3's station (the interview desk) and the officer signed in there. */
  counter3: { token: string; username: string; secret: string };
  /** Everything personal the floor holds: names, NIKs, booking codes, phones, ticket numbers. */
  personal: string[];
  /** The next citizen's visit, then their answers (u1…u9 in order; null leaves one blank). */
  visitAndAnswer(
    answers: (number | null)[],
    more?: { profile?: Record<string, string>; comment?: string },
  ): Promise<void>;
}

const pins = { supervisor: '135790', made: '975310', ayu: '864200' };

/**
 * `answerAt`: the feedback station by counter 3's exit (the default), or the kiosk (which also
 * opens the survey from a scanned code) where a test wants no feedback station on the floor.
 */
export async function surveyFloor(
  t: TestHub,
  citizens = 8,
  answerAt: 'feedback' | 'kiosk' = 'feedback',
): Promise<SurveyFloor> {
  const ctx = { store: t.hub.store, clock: t.clock };
  const bookings: Appointment[] = Array.from({ length: citizens }, (_, i) =>
    sampleAppointment(201 + i, { phone: `0813777${String(1001 + i)}` }),
  );
  importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  const supervisor = { username: 'kadek.sumerta', secret: pins.supervisor, name: 'Kadek Sumerta' };
  addUser(ctx, commandLine, { ...supervisor, role: 'supervisor' });
  addUser(ctx, commandLine, { username: 'made', name: 'Made Wirawan', role: 'officer', secret: pins.made });
  addUser(ctx, commandLine, { username: 'ayu', name: 'Ayu Lestari', role: 'officer', secret: pins.ayu });
  const kioskToken = t.pair('kiosk', 'Kios 1');
  const loket1 = t.pair('counter', 'Loket 1');
  const loket3 = t.pair('counter', 'Loket 3');
  const supervisorToken = t.pair('supervisor', 'Konsol supervisor');
  const feedback = answerAt === 'feedback' ? t.pair('feedback', 'Survei loket 3') : kioskToken;

  const ok = async (operation: string, input: unknown, token: string) => {
    const reply = await t.call(operation, input, token);
    if (reply.status !== 200) throw new Error(`${operation}: ${reply.status} ${JSON.stringify(reply.body)}`);
    return reply.body;
  };
  await ok('signIn', { username: 'made', secret: pins.made, counter: 1 }, loket1);
  await ok('signIn', { username: 'ayu', secret: pins.ayu, counter: 3 }, loket3);
  await ok('signIn', { username: supervisor.username, secret: supervisor.secret }, supervisorToken);

  const numbers: string[] = [];
  let next = 0;
  return {
    supervisor,
    supervisorToken,
    kioskToken,
    counter3: { token: loket3, username: 'ayu', secret: pins.ayu },
    get personal() {
      return [
        ...bookings.flatMap((b) => [b.fullName, b.nik, b.bookingCode, ...(b.phone ? [b.phone] : [])]),
        ...numbers,
        'Made Wirawan',
        'Ayu Lestari',
      ];
    },
    async visitAndAnswer(answers, more = {}) {
      const booking = bookings[next];
      next += 1;
      if (!booking) throw new Error('No citizen left on this survey floor.');
      const ticket = await ok('checkIn', { text: booking.bookingCode }, kioskToken);
      numbers.push(ticket.number);
      for (const desk of [loket1, loket3]) {
        await ok('callNext', {}, desk);
        await ok('startService', {}, desk);
        await ok('completeService', {}, desk);
      }
      t.clock.set(t.clock.now() + 60_000);
      const started = await ok('startSurvey', { code: ticket.qr }, feedback);
      const given = Object.fromEntries(
        answers.flatMap((answer, i) => (answer === null ? [] : [[`u${i + 1}`, answer]])),
      );
      await ok('submitSurvey', { token: started.token, answers: given, ...more }, feedback);
    },
  };
}
