import type { ManualClock } from '../../src-main/domain/clock.ts';
import { checkIn } from '../../src-main/services/checkIn.ts';
import { commandLine, type ServiceContext } from '../../src-main/services/context.ts';
import {
  callNext,
  callTicket,
  completeService,
  markNoShow,
  recall,
  setCounterState,
  startService,
  type CounterCaller,
} from '../../src-main/services/counters.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser, signIn } from '../../src-main/services/officers.ts';
import { addStation } from '../../src-main/services/stations.ts';
import type { Store } from '../../src-main/store/store.ts';
import { appointmentCsv, sampleAppointment } from './bookings.ts';
import { at } from './floor.ts';

/** The office day the report tests build (a Monday). */
export const reportDate = '2026-11-30';

export interface ReportDay {
  /** Every piece of personal data the day holds: NIKs, names, phones, booking codes, ticket numbers, officers. */
  personal: string[];
  /** The supervisor who reads the reports. */
  supervisor: { username: string; secret: string; name: string };
  /** The two officers who worked the counters. */
  officers: { username: string; name: string; counter: number }[];
}

/**
 * A real passport morning, built through the services as the floor would: seven citizens check in
 * at the kiosk, counter 1 serves the document check (one out-of-order call for a medical reason,
 * one no-show after two recalls, a 15-minute break), counter 3 interviews, and one citizen is
 * still waiting when the day is read. The clock ends at 12:00 office time.
 */
export function buildReportDay(store: Store, clock: ManualClock): ReportDay {
  const ctx: ServiceContext = { store, clock };
  const time = (hhmm: string) => clock.set(at(reportDate, hhmm));
  time('08:30');
  const supervisor = { username: 'kadek.sumerta', secret: '975310', name: 'Kadek Sumerta' };
  addUser(ctx, commandLine, { ...supervisor, role: 'supervisor' });
  const officers = [
    { username: 'ayu.lestari', secret: '246810', name: 'Ayu Lestari', counter: 1 },
    { username: 'made.wirawan', secret: '135791', name: 'Made Wirawan', counter: 3 },
  ];
  for (const o of officers)
    addUser(ctx, commandLine, { username: o.username, name: o.name, role: 'officer', secret: o.secret });

  const bookings = Array.from({ length: 7 }, (_, i) =>
    sampleAppointment(101 + i, {
      appointmentDate: reportDate,
      phone: `0812555${String(1001 + i)}`,
      ...(i === 6 ? { windowStart: '10:00', windowEnd: '11:00' } : {}),
    }),
  );
  const summary = importAppointments(ctx, commandLine, { format: 'csv', content: appointmentCsv(bookings) });
  if (summary.rejected.length)
    throw new Error(`report day bookings refused: ${JSON.stringify(summary.rejected)}`);

  const kiosk = { stationId: null, actor: 'test-kiosk' };
  const numbers: string[] = [];
  bookings.forEach((b, i) => {
    // The 10:00 window's citizen comes when its check-in opens (an hour early).
    time(i === 6 ? '09:01' : `08:${String(40 + i * 3).padStart(2, '0')}`);
    numbers.push(checkIn(ctx, kiosk, { text: b.bookingCode }).number);
  });

  const desk = (o: (typeof officers)[number]): CounterCaller => {
    const station = addStation(ctx, commandLine, {
      mode: 'counter',
      name: `Loket ${o.counter}`,
      counter: o.counter,
    }).station;
    const officer = signIn(ctx, station, { username: o.username, secret: o.secret, counter: o.counter });
    return { stationId: station.id, actor: o.username, officer };
  };
  time('09:02');
  const documents = desk(officers[0] as (typeof officers)[number]);
  const interview = desk(officers[1] as (typeof officers)[number]);
  const serve = (caller: CounterCaller, minutes: number) => {
    startService(ctx, caller);
    clock.advanceMinutes(minutes);
    completeService(ctx, caller);
  };

  // Counter 1: two in order, then the fifth citizen out of order (urgent medical condition).
  callNext(ctx, documents);
  clock.advanceMinutes(1);
  serve(documents, 4);
  callNext(ctx, documents);
  clock.advanceMinutes(2);
  serve(documents, 5);
  callTicket(ctx, documents, { number: numbers[4] as string, reason: 'medical' });
  clock.advanceMinutes(1);
  serve(documents, 3);
  // The next one does not come after two recalls.
  callNext(ctx, documents);
  clock.advanceMinutes(2);
  recall(ctx, documents);
  clock.advanceMinutes(2);
  recall(ctx, documents);
  clock.advanceMinutes(2);
  markNoShow(ctx, documents);
  // A 15-minute break.
  setCounterState(ctx, documents, { state: 'on_break', reason: 'istirahat' });
  clock.advanceMinutes(15);
  setCounterState(ctx, documents, { state: 'available' });
  callNext(ctx, documents);
  clock.advanceMinutes(1);
  serve(documents, 6);

  // Counter 3 interviews the first two who finished the document check.
  time('09:50');
  for (let i = 0; i < 2; i += 1) {
    callNext(ctx, interview);
    clock.advanceMinutes(1);
    serve(interview, 12);
  }
  time('12:00');

  return {
    personal: [
      ...bookings.flatMap((b) => [b.nik, b.fullName, b.phone ?? '', b.bookingCode]).filter(Boolean),
      ...numbers,
      supervisor.name,
      supervisor.username,
      ...officers.flatMap((o) => [o.name, o.username]),
    ],
    supervisor,
    officers: officers.map(({ username, name, counter }) => ({ username, name, counter })),
  };
}
