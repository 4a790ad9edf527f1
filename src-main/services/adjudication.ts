import { newId } from '../domain/ids.ts';
import { LoketError } from '../domain/errors.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import type { AdjudicationRecord, PrintJobRecord } from '../store/printJobs.ts';
import { appendApplicationEvent, bookingOf, notFound } from './applications.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';

/**
 * Adjudication (DESIGN §5): a supervisor reads an interviewed application and approves it, which
 * puts its print job in the queue, or sends it back with a reason. Each decision is kept; an
 * application sent back can be approved later, once what was wrong is put right.
 */

const conflict = (id: string, en: string, details: Record<string, unknown> = {}) =>
  new LoketError('CONFLICT', { id, en }, details);

export interface AwaitingDecision {
  application: ApplicationRecord;
  /** The last decision, when the application was sent back before. */
  sentBack: AdjudicationRecord | null;
}

/** Interviewed applications without a print job, oldest interview first; those sent back say why. */
export function awaitingAdjudication(ctx: ServiceContext): AwaitingDecision[] {
  return ctx.store.applications.awaitingAdjudication().map((application) => {
    const last = ctx.store.printJobs.latestDecision(application.id);
    return { application, sentBack: last?.decision === 'sent_back' ? last : null };
  });
}

function decidable(ctx: ServiceContext, applicationId: string): ApplicationRecord {
  const application = ctx.store.applications.find(applicationId);
  if (!application) throw notFound();
  if (application.status !== 'adjudication' || application.finishedAt === null)
    throw conflict(
      'Hanya permohonan yang wawancaranya selesai yang dapat diputuskan.',
      'Only an application whose interview has ended can be decided.',
      { status: application.status },
    );
  if (ctx.store.printJobs.findByApplication(application.id))
    throw conflict(
      'Permohonan ini sudah disetujui dan ada di antrean cetak.',
      'This application is already approved and in the print queue.',
    );
  return application;
}

/** Approves an application: its print job joins the queue with the pickup date promised at the interview. */
export function approveApplication(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string },
): PrintJobRecord {
  return ctx.store.transaction(() => {
    const application = decidable(ctx, input.applicationId);
    if (!application.pickupDate)
      throw conflict(
        'Permohonan ini belum punya tanggal ambil (menunggu BAP). Tetapkan tanggalnya di loket dulu.',
        'This application has no pickup date yet (waiting for the BAP). Set its date at the counter first.',
      );
    bookingOf(ctx, application);
    const at = ctx.clock.now();
    ctx.store.printJobs.decide({
      applicationId: application.id,
      decision: 'approved',
      reason: null,
      officerId: caller.officer.user.id,
      decidedAt: at,
    });
    const job: PrintJobRecord = {
      id: newId(),
      applicationId: application.id,
      passportType: application.passportType,
      promisedDate: application.pickupDate,
      approvedAt: at,
      state: 'queued',
      bookletSerial: null,
      attempts: 0,
      lastError: null,
      printedAt: null,
      readyAt: null,
      updatedAt: at,
    };
    ctx.store.printJobs.add(job);
    appendApplicationEvent(ctx, caller, 'application.adjudicated', application, at, {
      decision: 'approved',
      jobId: job.id,
      promisedDate: job.promisedDate,
    });
    return job;
  });
}

/** Sends an application back with the reason; it stays out of the queue until approved. */
export function sendBackApplication(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string; reason: string },
): AdjudicationRecord {
  const reason = input.reason.trim();
  if (!reason)
    throw new LoketError('INVALID_INPUT', {
      id: 'Tulis alasan permohonan dikembalikan.',
      en: 'Write why the application is sent back.',
    });
  return ctx.store.transaction(() => {
    const application = decidable(ctx, input.applicationId);
    const at = ctx.clock.now();
    const decision: AdjudicationRecord = {
      applicationId: application.id,
      decision: 'sent_back',
      reason,
      officerId: caller.officer.user.id,
      decidedAt: at,
    };
    ctx.store.printJobs.decide(decision);
    appendApplicationEvent(ctx, caller, 'application.adjudicated', application, at, {
      decision: 'sent_back',
    });
    return decision;
  });
}
