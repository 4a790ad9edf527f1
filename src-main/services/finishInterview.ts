import { LoketError } from '../domain/errors.ts';
import { documentsFor, type InterviewOutcome } from '../domain/interview.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { appendApplicationEvent, openApplication } from './applications.ts';
import { approvalOf, approvalRequired } from './approvals.ts';
import type { ServiceContext } from './context.ts';
import { completeService, type CounterCaller } from './counters.ts';
import { fingerprintsBlocking } from './fingerprints.ts';
import { pickupOf, type PickupPromiseResult } from './pickup.ts';

export interface FinishInput {
  applicationId: string;
  outcome: InterviewOutcome;
  reason: string | null;
  pickupOverride: { date: string; reason: string } | null;
}

const conflict = (id: string, en: string, details: Record<string, unknown> = {}) =>
  new LoketError('CONFLICT', { id, en }, details);

/** What must be done before an application may go on to adjudication. */
function readyToContinue(ctx: ServiceContext, application: ApplicationRecord): void {
  const names = new Map(documentsFor(application.applicationKind).map((d) => [d.id, d.name]));
  const missing = application.interview.documents.filter((d) => !d.seen).map((d) => names.get(d.id));
  if (missing.length)
    throw conflict(
      `Dokumen belum diperiksa: ${missing.map((n) => n?.id).join(', ')}. Tunda permohonan bila tidak dibawa.`,
      `Documents not yet seen: ${missing.map((n) => n?.en).join(', ')}. Postpone the application if they are missing.`,
    );
  const blocking = fingerprintsBlocking(ctx, application);
  if (blocking) throw blocking;
  if (!application.face) throw conflict('Foto wajah belum diambil.', 'The face photo has not been taken.');
}

/**
 * Ends the interview: continue to adjudication with the one pickup date (the promise, or the
 * officer's date with a reason), postpone with a reason, or refuse with a reason and a
 * supervisor's approval. The visit's queue service completes in the same transaction, so the
 * counter is free for the next citizen the moment the receipt prints.
 */
export function finishInterview(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: FinishInput,
): ApplicationRecord {
  return ctx.store.transaction(() => {
    const application = openApplication(ctx, caller, input.applicationId);
    const reason = input.reason?.trim() || null;
    if (input.outcome !== 'continue' && !reason)
      throw new LoketError('INVALID_INPUT', {
        id: 'Beri alasan penundaan atau penolakan; pemohon diberi tahu alasan ini.',
        en: 'Give the reason to postpone or refuse; the applicant is told this reason.',
      });
    if (input.outcome === 'refuse' && !approvalOf(application, 'refusal')) throw approvalRequired('refusal');
    const at = ctx.clock.now();
    let pickup: PickupPromiseResult | null = null;
    let override: ApplicationRecord['pickupOverride'] = null;
    if (input.outcome === 'continue') {
      readyToContinue(ctx, application);
      pickup = pickupOf(ctx, application, input.pickupOverride ?? undefined);
      if (input.pickupOverride) {
        override = {
          computed: pickup.computed,
          date: input.pickupOverride.date,
          reason: input.pickupOverride.reason.trim(),
          officerId: caller.officer.user.id,
          at,
        };
      }
    }
    const next: ApplicationRecord = {
      ...application,
      status:
        input.outcome === 'continue'
          ? 'adjudication'
          : input.outcome === 'postpone'
            ? 'postponed'
            : 'refused',
      outcomeReason: reason,
      pickupDate: pickup?.date ?? null,
      pickupBasis: pickup ? { reasons: pickup.reasons, summary: pickup.summary } : null,
      pickupOverride: override,
      finishedAt: at,
      updatedAt: at,
    };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, 'application.finished', next, at, {
      outcome: input.outcome,
      pickupDate: next.pickupDate,
      ...(override
        ? { pickupOverride: { computed: override.computed, date: override.date, reason: override.reason } }
        : {}),
      ...(reason ? { reason } : {}),
    });
    completeService(ctx, caller);
    return next;
  });
}
