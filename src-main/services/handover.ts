import { LoketError } from '../domain/errors.ts';
import { stageOf } from '../domain/floor.ts';
import { localDateOf, minutesOf, type LocalDate } from '../domain/localTime.ts';
import { readNik } from '../domain/nik.ts';
import { whenToCome } from '../domain/pickupTime.ts';
import { initialsOf } from '../domain/ticket.ts';
import { applicationNumberPattern } from '../domain/payload.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import type { HandoverRecord, PrintJobRecord } from '../store/printJobs.ts';
import type { QueueEntry } from '../store/queue.ts';
import { appendApplicationEvent, bookingOf } from './applications.ts';
import type { ServiceContext } from './context.ts';
import { completeService, enqueue, startService, type CounterCaller } from './counters.ts';
import { pickupTimingOf } from './pickup.ts';
import { applicationOfReceipt } from './receipts.ts';

/**
 * Ready passports and their handover (DESIGN §5). The board lists ready passports by application
 * number only; at the handover counter the officer scans the receipt, sees the photo, checks the
 * NIK on the KTP against the application, and records who received the passport: the applicant,
 * or a representative with a letter of authority. Passports not collected within 30 days are
 * listed for cancellation.
 */

export const uncollectedDays = 30;

/** Application numbers of the passports ready for pickup, oldest first: what the board shows. */
export function readyNumbers(ctx: ServiceContext): { number: string; readyAt: number }[] {
  return ctx.store.printJobs.readyNumbers();
}

export interface HandoverCase {
  job: PrintJobRecord;
  application: ApplicationRecord;
  fullName: string;
  birthDate: string;
  handover: HandoverRecord | null;
}

/** The passport a scanned receipt (or a typed application number) stands for, with who it is for. */
export function handoverCase(ctx: ServiceContext, input: { text: string }): HandoverCase {
  // The officer may type the application number printed on the receipt instead of scanning it.
  const typed = input.text.trim().toUpperCase();
  const application = applicationNumberPattern.test(typed)
    ? ctx.store.applications.findByNumber(typed)
    : applicationOfReceipt(ctx, input.text, 'if_present');
  const job = application ? ctx.store.printJobs.findByApplication(application.id) : null;
  if (!application || !job)
    throw new LoketError('NOT_FOUND', {
      id: `Tidak ada paspor untuk permohonan ${application?.number ?? typed}.`,
      en: `There is no passport for application ${application?.number ?? typed}.`,
    });
  const booking = bookingOf(ctx, application);
  return {
    job,
    application,
    fullName: booking.fullName,
    birthDate: booking.birthDate,
    handover: ctx.store.printJobs.handover(job.id),
  };
}

export interface HandoverInput {
  jobId: string;
  /** The NIK on the KTP the officer holds: the applicant's own, also when a representative comes. */
  applicantNik: string;
  receiver: 'applicant' | 'representative';
  representative?: { name: string; nik: string; letterReference: string };
}

/** Records who received a ready passport, after the officer checked the applicant's NIK. */
export function recordHandover(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: HandoverInput,
): HandoverRecord {
  return ctx.store.transaction(() => {
    const job = ctx.store.printJobs.find(input.jobId);
    const application = job ? ctx.store.applications.find(job.applicationId) : null;
    if (!job || !application)
      throw new LoketError('NOT_FOUND', { id: 'Paspor tidak ditemukan.', en: 'Passport not found.' });
    if (job.state !== 'ready')
      throw new LoketError(
        'CONFLICT',
        job.state === 'collected'
          ? { id: 'Paspor ini sudah diserahkan.', en: 'This passport has already been handed over.' }
          : { id: 'Paspor ini belum siap diserahkan.', en: 'This passport is not ready to hand over.' },
        { state: job.state },
      );
    const booking = bookingOf(ctx, application);
    if (input.applicantNik.trim() !== booking.nik)
      throw new LoketError('CONFLICT', {
        id: 'NIK pada KTP tidak sama dengan NIK permohonan. Paspor tidak diserahkan.',
        en: "The NIK on the KTP differs from the application's. The passport is not handed over.",
      });
    const representative = input.receiver === 'representative' ? input.representative : undefined;
    if (input.receiver === 'representative') {
      if (!representative?.name.trim() || !representative.letterReference.trim())
        throw new LoketError('INVALID_INPUT', {
          id: 'Wakil harus membawa surat kuasa: isi nama wakil dan nomor surat kuasa.',
          en: 'A representative must bring a letter of authority: enter their name and the letter’s reference.',
        });
      if (!readNik(representative.nik.trim()))
        throw new LoketError('INVALID_INPUT', {
          id: 'NIK wakil tidak sah.',
          en: "The representative's NIK is not valid.",
        });
      if (representative.nik.trim() === booking.nik)
        throw new LoketError('INVALID_INPUT', {
          id: 'NIK wakil sama dengan NIK pemohon; pilih "pemohon sendiri".',
          en: 'The representative’s NIK is the applicant’s; choose "the applicant".',
        });
    }
    const at = ctx.clock.now();
    const record: HandoverRecord = {
      jobId: job.id,
      receiver: input.receiver,
      representativeName: representative?.name.trim() ?? null,
      representativeNik: representative?.nik.trim() ?? null,
      letterReference: representative?.letterReference.trim() ?? null,
      officerId: caller.officer.user.id,
      stationId: caller.stationId,
      at,
    };
    ctx.store.printJobs.recordHandover(record);
    ctx.store.printJobs.save({ ...job, state: 'collected', updatedAt: at });
    ctx.store.applications.save({ ...application, handedOverAt: at, updatedAt: at });
    appendApplicationEvent(ctx, caller, 'passport.collected', application, at, {
      jobId: job.id,
      receiver: input.receiver,
    });
    closePickupVisit(ctx, caller, application);
    return record;
  });
}

/** Ready passports nobody collected within 30 days: the list for cancellation. */
export function uncollected(ctx: ServiceContext): { job: PrintJobRecord; number: string; days: number }[] {
  const now = ctx.clock.now();
  return ctx.store.printJobs.uncollectedSince(now - uncollectedDays * 86_400_000).map((job) => ({
    job,
    number: ctx.store.applications.find(job.applicationId)?.number ?? '',
    days: Math.floor((now - (job.readyAt ?? now)) / 86_400_000),
  }));
}

export interface PickupTicket {
  number: string;
  applicationNumber: string;
  initials: string;
  /** The citizen scanned the same receipt again today: the same number. */
  repeated: boolean;
}

/**
 * The citizen scans the receipt of a ready passport at the kiosk and takes a pickup number
 * (`P-001`) for the handover counter: one per passport a day, the same number when scanned again.
 * A public screen: initials only.
 */
export function takePickupTicket(ctx: ServiceContext, input: { text: string }): PickupTicket {
  const office = ctx.store.office.get();
  return ctx.store.transaction(() => {
    const application = applicationOfReceipt(ctx, input.text);
    const job = ctx.store.printJobs.findByApplication(application.id);
    if (!job || job.state !== 'ready')
      throw new LoketError('CONFLICT', {
        id: 'Paspor Anda belum siap diambil.',
        en: 'Your passport is not ready for pickup yet.',
      });
    const timing = application.pickupDate ? pickupTimingOf(ctx, application.pickupDate) : null;
    if (timing?.kind === 'later')
      throw new LoketError('TOO_EARLY', whenToCome(timing), {
        comeOn: { date: timing.date, open: timing.open, close: timing.close },
      });
    const now = ctx.clock.now();
    const today = localDateOf(now, office.timeZone);
    const initials = initialsOf(bookingOf(ctx, application).fullName);
    const taken = ctx.store.printJobs.pickupTicket(job.id, today);
    if (taken) {
      // Called and missed today: scanned again, the same number goes back in line, at its end.
      if (!pickupEntries(ctx, application).length)
        joinPickupQueue(ctx, application, taken.number, today, now);
      return { number: taken.number, applicationNumber: application.number, initials, repeated: true };
    }
    const number = `P-${String(ctx.store.printJobs.pickupTicketsOn(today) + 1).padStart(3, '0')}`;
    ctx.store.printJobs.addPickupTicket(today, number, job.id, now);
    ctx.store.events.emit({
      type: 'passport.pickupTicket',
      at: now,
      actor: 'kiosk',
      station: null,
      payload: { applicationId: application.id, number: application.number, pickupNumber: number },
    });
    joinPickupQueue(ctx, application, number, today, now);
    return { number, applicationNumber: application.number, initials, repeated: false };
  });
}

/** The pickup stage's live places of this passport's visit (its application's ticket). */
function pickupEntries(ctx: ServiceContext, application: ApplicationRecord): QueueEntry[] {
  const stage = ctx.store.office.get().pickup.stage;
  return ctx.store.queue.liveForTicket(application.ticketId).filter((e) => e.stage === stage);
}

/** A place that leaves the pickup queue without being served (the passport went another way). */
function withdraw(
  ctx: ServiceContext,
  entry: QueueEntry,
  reason: 'handed_over' | 'new_number',
  by: { at: number; actor: string; station: string | null },
): void {
  const { at } = by;
  if (!ctx.store.queue.move(entry.id, entry.status, 'cancelled', at)) return;
  ctx.store.queue.enterPeriod(entry, null, at, null, null);
  ctx.store.events.emit({
    type: 'ticket.cancelled',
    ...by,
    payload: {
      entryId: entry.id,
      ticketId: entry.ticketId,
      number: entry.number,
      stage: entry.stage,
      reason,
    },
  });
}

/**
 * The pickup number joins the floor's pickup stage (`pickup.stage`): the counters that serve it
 * call it with "Panggil berikutnya" like any ticket. Every pickup number is in the regular lane
 * with one window (the pickup hours), so the calling order is the order the numbers were taken. The entry stands on
 * the visit's ticket (its application's), so the counter finds the citizen and the passport.
 */
function joinPickupQueue(
  ctx: ServiceContext,
  application: ApplicationRecord,
  number: string,
  today: LocalDate,
  at: number,
): void {
  const office = ctx.store.office.get();
  // A floor configured without the stage: the desk scans the receipt, as before numbers were called.
  if (!stageOf(office.floor, office.pickup.stage)) return;
  // An earlier day's number that was never served makes way for today's.
  for (const entry of pickupEntries(ctx, application))
    withdraw(ctx, entry, 'new_number', { at, actor: 'kiosk', station: null });
  enqueue(
    ctx,
    { id: application.ticketId, officeDate: today, number, lane: 'regular', issuedAt: at },
    office.pickup.stage,
    minutesOf(office.pickup.hours.open),
    at,
  );
}

/**
 * A handover ends the passport's pickup visit: the number this counter called is done, and a
 * number still waiting (the passport handed over at another desk) leaves the queue.
 */
function closePickupVisit(ctx: ServiceContext, caller: CounterCaller, application: ApplicationRecord): void {
  const at = ctx.clock.now();
  const counter = caller.officer.session.counter;
  for (const entry of pickupEntries(ctx, application)) {
    const here =
      counter !== null && entry.counter === counter && ['called', 'serving'].includes(entry.status);
    if (!here) {
      withdraw(ctx, entry, 'handed_over', { at, actor: caller.officer.user.id, station: caller.stationId });
      continue;
    }
    if (entry.status === 'called') startService(ctx, caller);
    completeService(ctx, caller);
  }
}
