import { LoketError, type Bilingual } from '../domain/errors.ts';
import type { User } from '../store/officers.ts';
import type { ApprovalSubject } from '../domain/interview.ts';
import type { ApplicationRecord } from '../store/applications.ts';
import { appendApplicationEvent, openApplication } from './applications.ts';
import type { ServiceContext } from './context.ts';
import type { CounterCaller } from './counters.ts';
import { checkCredentials } from './officers.ts';
import { approveFingerExceptions } from './fingerprints.ts';

const approvers = ['supervisor', 'admin'];

export const approvalNames: Record<ApprovalSubject, { id: string; en: string }> = {
  refusal: { id: 'penolakan permohonan', en: 'refusing the application' },
  finger_exceptions: { id: 'pengecualian sidik jari', en: 'the fingerprint exceptions' },
};

/**
 * A supervisor approves at the officer's counter with their own username and PIN: a refusal, or
 * the fingerprint exceptions. Wrong PINs count against the supervisor's username as at sign-in; the
 * officer interviewing cannot approve their own case.
 */
export function approveAtCounter(
  ctx: ServiceContext,
  caller: CounterCaller,
  input: { applicationId: string; subject: ApprovalSubject; username: string; secret: string },
): ApplicationRecord {
  const supervisor = approvingSupervisor(ctx, caller, input, approvalNames[input.subject], {
    id: 'petugas yang mewawancarai',
    en: 'the interviewing officer',
  });
  return ctx.store.transaction(() => {
    const opened = openApplication(ctx, caller, input.applicationId);
    const at = ctx.clock.now();
    const application =
      input.subject === 'finger_exceptions'
        ? approveFingerExceptions(ctx, opened, supervisor.id, at)
        : opened;
    const next: ApplicationRecord = {
      ...application,
      approvals: [
        ...application.approvals.filter((a) => a.subject !== input.subject),
        { subject: input.subject, supervisorId: supervisor.id, supervisorName: supervisor.name, at },
      ],
      updatedAt: at,
    };
    ctx.store.applications.save(next);
    appendApplicationEvent(ctx, caller, 'application.approved', next, at, {
      subject: input.subject,
      supervisorId: supervisor.id,
    });
    return next;
  });
}

/**
 * The supervisor whose username and PIN, typed at an officer's station, approve `what`: a
 * supervisor or admin, never the officer asking (`asker` names them). Wrong PINs count against the
 * username as at sign-in.
 */
export function approvingSupervisor(
  ctx: ServiceContext,
  caller: CounterCaller,
  credentials: { username: string; secret: string },
  what: Bilingual,
  asker: Bilingual,
): User {
  const supervisor = checkCredentials(ctx, credentials.username, credentials.secret);
  if (!approvers.includes(supervisor.role))
    throw new LoketError('FORBIDDEN', {
      id: `Hanya supervisor yang dapat menyetujui ${what.id}.`,
      en: `Only a supervisor may approve ${what.en}.`,
    });
  if (supervisor.id === caller.officer.user.id)
    throw new LoketError('FORBIDDEN', {
      id: `Persetujuan harus dari supervisor lain, bukan ${asker.id}.`,
      en: `The approval must come from another supervisor, not ${asker.en}.`,
    });
  return supervisor;
}

export function approvalOf(application: ApplicationRecord, subject: ApprovalSubject) {
  return application.approvals.find((a) => a.subject === subject) ?? null;
}

export function approvalRequired(subject: ApprovalSubject): LoketError {
  return new LoketError(
    'APPROVAL_REQUIRED',
    {
      id: `Perlu persetujuan supervisor (PIN di loket) untuk ${approvalNames[subject].id}.`,
      en: `A supervisor's approval (PIN at the counter) is needed for ${approvalNames[subject].en}.`,
    },
    { subject },
  );
}
