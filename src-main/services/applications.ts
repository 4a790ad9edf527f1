import { newId } from '../domain/ids.ts';
import type { Appointment } from '../domain/appointment.ts';
import { LoketError } from '../domain/errors.ts';
import {
  compareOldPassport,
  documentsFor,
  expectsOldPassport,
  nikWarnings,
  type DocumentId,
} from '../domain/interview.ts';
import { localDateOf } from '../domain/localTime.ts';
import { readPayload, type MrzPayload } from '../domain/payload.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { eventOf, type EventTypeWith, type PayloadBeyond } from '../store/events.ts';
import type { Caller, ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';

/**
 * The interview at the counter: the visit served at the interview stage becomes an application
 * with its own number; the officer records the documents seen, the NIK read on the KTP and, for
 * replacements, the old passport's MRZ. Every change is one transaction with its event; events
 * carry the application's number, never the citizen's data.
 */

export const notFound = () =>
  new LoketError('NOT_FOUND', { id: 'Permohonan tidak ditemukan.', en: 'Application not found.' });

const conflict = (id: string, en: string) => new LoketError('CONFLICT', { id, en });

export function bookingOf(ctx: ServiceContext, application: ApplicationRecord): Appointment {
  const booking = ctx.store.bookings.find(application.bookingCode);
  if (!booking) throw notFound();
  return booking;
}

/** `DPS-261129-0007`: office, the office day, and the day's sequence. */
export function applicationNumber(officeCode: string, officeDate: string, sequence: number): string {
  return `${officeCode}-${officeDate.slice(2).replace(/-/g, '')}-${String(sequence).padStart(4, '0')}`;
}

type ApplicationRef = { applicationId: string; number: string };
export type ApplicationEventType = EventTypeWith<ApplicationRef>;

/** An event about an application: its id and number, and what `type` adds. */
export function appendApplicationEvent<T extends ApplicationEventType>(
  ctx: ServiceContext,
  caller: Caller,
  type: T,
  application: ApplicationRecord,
  at: number,
  extra: PayloadBeyond<T, ApplicationRef>,
): void {
  const actor = (caller as Partial<CounterCaller>).officer?.user.id ?? caller.actor;
  ctx.store.events.emit(
    eventOf(
      type,
      { at, actor, station: caller.stationId },
      { applicationId: application.id, number: application.number, ...extra },
    ),
  );
}

/**
 * The application of the visit this counter is serving at the interview stage, opened on first
 * ask: the same ticket always gives the same application.
 */
export function openInterview(ctx: ServiceContext, caller: CounterCaller): ApplicationRecord {
  return ctx.store.transaction(() => {
    const office = ctx.store.office.get();
    const counter = caller.officer.session.counter;
    const entry = counter === null ? null : ctx.store.queue.atCounter(counter);
    if (!entry || entry.status !== 'serving' || entry.stage !== office.interview.stage)
      throw conflict(
        'Wawancara dimulai setelah tiket di tahap wawancara dilayani di loket ini.',
        'An interview starts once this counter is serving a ticket at the interview stage.',
      );
    const at = ctx.clock.now();
    const existing = ctx.store.applications.findByTicket(entry.ticketId);
    if (existing) {
      if (existing.counter === counter && existing.officerId === caller.officer.user.id) return existing;
      const moved = { ...existing, counter, officerId: caller.officer.user.id, updatedAt: at };
      ctx.store.applications.save(moved);
      return moved;
    }
    const ticket = ctx.store.tickets.find(entry.ticketId);
    const booking = ticket ? ctx.store.bookings.find(ticket.bookingCode) : null;
    if (!ticket || !booking) throw notFound();
    const officeDate = localDateOf(at, office.timeZone);
    const application: ApplicationRecord = {
      id: newId(),
      number: applicationNumber(office.code, officeDate, ctx.store.applications.nextSequence(officeDate)),
      officeDate,
      ticketId: ticket.id,
      bookingCode: booking.bookingCode,
      applicationKind: booking.applicationKind,
      passportType: booking.passportType,
      status: 'interview',
      counter,
      officerId: caller.officer.user.id,
      startedAt: at,
      interview: {
        documents: documentsFor(booking.applicationKind).map((d) => ({ id: d.id, seen: false, note: '' })),
        nikOnKtp: null,
        nikWarnings: nikWarnings(booking, null),
        oldPassport: null,
        notes: '',
      },
      fingerprints: null,
      face: null,
      outcomeReason: null,
      approvals: [],
      pickupDate: null,
      pickupBasis: null,
      pickupOverride: null,
      finishedAt: null,
      receiptPrints: 0,
      handedOverAt: null,
      updatedAt: at,
    };
    ctx.store.applications.add(application);
    appendApplicationEvent(ctx, caller, 'application.opened', application, at, {
      ticketId: ticket.id,
      counter,
    });
    return application;
  });
}

/**
 * The application this counter is interviewing, for a change: still in interview, and opened at
 * this counter (another counter's application is not this officer's to change).
 */
export function openApplication(
  ctx: ServiceContext,
  caller: CounterCaller,
  applicationId: string,
): ApplicationRecord {
  const application = ctx.store.applications.find(applicationId);
  if (!application) throw notFound();
  if (application.counter !== caller.officer.session.counter)
    throw conflict(
      'Permohonan ini sedang diwawancarai di loket lain.',
      'This application is being interviewed at another counter.',
    );
  if (application.status !== 'interview')
    throw conflict('Wawancara permohonan ini sudah selesai.', "This application's interview has ended.");
  return application;
}

export interface InterviewInput {
  applicationId: string;
  documents: { id: DocumentId; seen: boolean; note: string }[];
  nikOnKtp: string | null;
  notes: string;
}

/** The documents seen (with notes), the NIK on the KTP and the officer's notes. */
export function recordInterview(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: InterviewInput,
): ApplicationRecord {
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, input.applicationId);
    const expected = documentsFor(application.applicationKind).map((d) => d.id);
    const given = new Map(input.documents.map((d) => [d.id, d]));
    const unknown = input.documents.filter((d) => !expected.includes(d.id)).map((d) => d.id);
    if (unknown.length)
      throw new LoketError(
        'INVALID_INPUT',
        {
          id: `Dokumen ini bukan untuk jenis permohonan ini: ${unknown.join(', ')}.`,
          en: `These documents are not for this application kind: ${unknown.join(', ')}.`,
        },
        { unknown },
      );
    const at = ctx.clock.now();
    const booking = bookingOf(ctx, application);
    const next: ApplicationRecord = {
      ...application,
      interview: {
        ...application.interview,
        documents: expected.map((id) => given.get(id) ?? { id, seen: false, note: '' }),
        nikOnKtp: input.nikOnKtp,
        nikWarnings: nikWarnings(booking, input.nikOnKtp),
        notes: input.notes,
      },
      updatedAt: at,
    };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, 'application.interviewed', next, at, {
      documentsSeen: next.interview.documents.filter((d) => d.seen).map((d) => d.id),
      warnings: next.interview.nikWarnings.map((w) => w.code),
    });
    return next;
  });
}

/**
 * The old passport's MRZ, scanned or typed, compared with the booking. A misread MRZ is refused
 * with the reader's correction in its details, as at every scanner (payload.ts).
 */
export function checkOldPassport(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string; text: string },
): ApplicationRecord {
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, input.applicationId);
    if (!expectsOldPassport(application.applicationKind))
      throw conflict(
        'Jenis permohonan ini tidak membawa paspor lama.',
        'This application kind has no old passport to check.',
      );
    const mrz = readPayload(input.text, { accept: ['mrz'] }) as MrzPayload;
    const comparison = compareOldPassport(bookingOf(ctx, application), mrz);
    const at = ctx.clock.now();
    const next = {
      ...application,
      interview: { ...application.interview, oldPassport: comparison },
      updatedAt: at,
    };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, 'application.oldPassportChecked', next, at, {
      warnings: comparison.warnings.map((w) => w.code),
    });
    return next;
  });
}
