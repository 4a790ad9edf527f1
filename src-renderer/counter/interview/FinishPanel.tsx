import { useState } from 'react';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import type { InterviewOutcome } from '../../../src-main/domain/interview.ts';
import { spokenDateText } from './dates.ts';
import { useText } from '../../shared/i18n.ts';
import { useInterview } from './store.ts';
import { interviewTexts as it } from './texts.ts';

/** The pickup date the application would get (or got), and why it is that date. */
export function PickupDate({ pickup }: { pickup: ApplicationView['pickup'] }) {
  const t = useText();
  return (
    <div className="pickup" data-testid="pickup">
      <p>
        {t(it.pickupDate)}:{' '}
        <strong data-testid="pickup-date" data-date={pickup.date ?? ''}>
          {pickup.date ? t(spokenDateText(pickup.date)) : '—'}
        </strong>{' '}
        {!pickup.final && <span className="quiet">({t(it.pickupPreview)})</span>}
      </p>
      <p data-testid="pickup-summary">{t(pickup.summary)}</p>
      {pickup.reasons.length > 0 && (
        <details>
          <summary>{t(it.pickupWhy)}</summary>
          <ul data-testid="pickup-reasons">
            {pickup.reasons.map((r, index) => (
              <li key={index}>{t(r)}</li>
            ))}
          </ul>
        </details>
      )}
      {pickup.override && (
        <p className="notice" data-testid="pickup-override">
          {pickup.override.computed ?? '—'} → {pickup.date}: {pickup.override.reason}
        </p>
      )}
    </div>
  );
}

/** A supervisor's username and PIN, typed at this counter, for a refusal or the finger exceptions. */
export function ApprovalForm({
  application,
  subject,
}: {
  application: ApplicationView;
  subject: 'refusal' | 'finger_exceptions';
}) {
  const t = useText();
  const { busy, change } = useInterview();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  const approved = application.approvals.find((a) => a.subject === subject);
  const needed = subject === 'refusal' ? true : (application.fingerprints?.exceptions.length ?? 0) > 0;
  if (!needed) return null;
  if (approved)
    return (
      <p className="notice" data-testid={`approved-${subject}`}>
        {t(it.approvedBy)} {approved.supervisorName} ({t(it[subject])})
      </p>
    );
  return (
    <form
      className="panel approval"
      data-testid={`approval-${subject}`}
      onSubmit={(event) => {
        event.preventDefault();
        void change('approveAtCounter', { applicationId: application.id, subject, username, secret }).then(
          () => setSecret(''),
        );
      }}
    >
      <h3>
        {t(it.approval)} · {t(it.approvalFor)} {t(it[subject])}
      </h3>
      <div className="row">
        <label>
          {t(it.supervisorUsername)}{' '}
          <input
            value={username}
            autoComplete="off"
            onChange={(event) => setUsername(event.target.value)}
            data-testid={`approve-username-${subject}`}
          />
        </label>
        <label>
          {t(it.supervisorPin)}{' '}
          <input
            type="password"
            value={secret}
            autoComplete="off"
            onChange={(event) => setSecret(event.target.value)}
            data-testid={`approve-pin-${subject}`}
          />
        </label>
        <button type="submit" disabled={busy || !username || !secret} data-testid={`approve-${subject}`}>
          {t(it.approve)}
        </button>
      </div>
    </form>
  );
}

/** The outcome, the pickup date with an officer's override, and the end of the interview. */
export function FinishPanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const [outcome, setOutcome] = useState<InterviewOutcome>('continue');
  const [reason, setReason] = useState('');
  const [overrideDate, setOverrideDate] = useState('');
  const [overrideReason, setOverrideReason] = useState('');
  const finish = () =>
    void change('finishInterview', {
      applicationId: application.id,
      outcome,
      reason: outcome === 'continue' ? null : reason,
      pickupOverride:
        outcome === 'continue' && overrideDate ? { date: overrideDate, reason: overrideReason } : null,
    });
  return (
    <section className="panel finish" data-testid="finish">
      <h3>{t(it.finish)}</h3>
      <PickupDate pickup={application.pickup} />
      <fieldset className="row">
        <legend>{t(it.outcome)}</legend>
        {(['continue', 'postpone', 'refuse'] as const).map((o) => (
          <label key={o}>
            <input
              type="radio"
              name="outcome"
              checked={outcome === o}
              onChange={() => setOutcome(o)}
              data-testid={`outcome-${o}`}
            />{' '}
            {t(it[o])}
          </label>
        ))}
      </fieldset>
      {outcome === 'continue' ? (
        <div className="row">
          <label>
            {t(it.overrideDate)}{' '}
            <input
              type="date"
              value={overrideDate}
              onChange={(event) => setOverrideDate(event.target.value)}
              data-testid="override-date"
            />
          </label>
          {overrideDate && (
            <input
              placeholder={t(it.reason)}
              value={overrideReason}
              maxLength={500}
              onChange={(event) => setOverrideReason(event.target.value)}
              data-testid="override-reason"
            />
          )}
        </div>
      ) : (
        <label className="block">
          {t(it.reason)}
          <input
            value={reason}
            maxLength={500}
            onChange={(event) => setReason(event.target.value)}
            data-testid="outcome-reason"
          />
        </label>
      )}
      {outcome === 'refuse' && <ApprovalForm application={application} subject="refusal" />}
      <button
        type="button"
        className="primary big-officer"
        disabled={busy}
        onClick={finish}
        data-testid="finish-interview"
      >
        {t(it.finish)}
      </button>
    </section>
  );
}
