import { useEffect, useState } from 'react';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import type { EntryView } from '../../../src-main/api/counterViews.ts';
import { texts, useText } from '../../shared/i18n.ts';
import { dateWords, passportTypeWords, sexWords } from '../../shared/values.ts';
import { useCounterSession } from '../store.ts';
import { FacePanel } from './FacePanel.tsx';
import { FingerprintPanel } from './FingerprintPanel.tsx';
import { ApprovalForm, FinishPanel } from './FinishPanel.tsx';
import { ReceiptPanel } from './ReceiptPanel.tsx';
import { useInterview } from './store.ts';
import { interviewTexts as it } from './texts.ts';

/**
 * The interview desk: opens the application when the counter serves a ticket at the interview
 * stage, and keeps it (then its receipt) on screen until the officer closes it.
 */
export function InterviewDesk({ entry }: { entry: EntryView | null }) {
  const office = useCounterSession((s) => s.office);
  const { application, open } = useInterview();
  const interviewing =
    entry !== null &&
    entry.status === 'serving' &&
    entry.stage.id === (office?.interview.stage ?? 'interview');
  useEffect(() => {
    if (interviewing && application?.ticketNumber !== entry.number) void open();
  }, [interviewing, entry?.number, application?.ticketNumber, open]);
  if (!application) return null;
  if (application.finishedAt !== null) return <ReceiptPanel application={application} />;
  if (!interviewing) return null;
  return <Interview application={application} />;
}

function Interview({ application }: { application: ApplicationView }) {
  const t = useText();
  return (
    <section className="interview" data-testid="interview" data-application={application.number}>
      <header className="interview-head">
        <h2>
          {t(it.title)} · {t(it.application)}{' '}
          <strong data-testid="application-number">{application.number}</strong>
        </h2>
        <p>
          {application.booking.fullName} · {t(texts[application.applicationKind])} · {t(texts.passport)}{' '}
          {t(passportTypeWords(application.passportType))}
        </p>
      </header>
      <Problem />
      {/* The steps side by side, in the order they are done: on a 1920×1080 counter monitor all
          four are in view at once, each scrolling in its own column when it runs long. */}
      <div className="interview-steps">
        <div className="step" data-step="documents">
          <DocumentsPanel application={application} />
          {application.expectsOldPassport && <OldPassportPanel application={application} />}
        </div>
        <div className="step" data-step="fingerprints">
          <FingerprintPanel application={application} />
          <ApprovalForm application={application} subject="finger_exceptions" />
        </div>
        <div className="step" data-step="photo">
          <FacePanel application={application} />
        </div>
        <div className="step" data-step="finish">
          <FinishPanel application={application} />
        </div>
      </div>
    </section>
  );
}

export function Problem() {
  const t = useText();
  const problem = useInterview((s) => s.problem);
  if (!problem) return null;
  return (
    <p className="message" role="alert" data-code={problem.code} data-testid="interview-problem">
      {t(problem.text)}
    </p>
  );
}

export function Warnings({ items, testId }: { items: ApplicationView['nikWarnings']; testId: string }) {
  const t = useText();
  if (!items.length) return null;
  return (
    <ul className="notice warn warnings" data-testid={testId}>
      {items.map((w) => (
        <li key={w.code} data-code={w.code}>
          {t(w.text)}
        </li>
      ))}
    </ul>
  );
}

function DocumentsPanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const [documents, setDocuments] = useState(application.documents);
  const [nik, setNik] = useState(application.nikOnKtp ?? '');
  const [notes, setNotes] = useState(application.notes);
  const set = (id: string, patch: Partial<{ seen: boolean; note: string }>) =>
    setDocuments((all) => all.map((d) => (d.id === id ? { ...d, ...patch } : d)));
  const save = () =>
    void change('recordInterview', {
      applicationId: application.id,
      documents: documents.map(({ id, seen, note }) => ({ id, seen, note })),
      nikOnKtp: nik.trim() === '' ? null : nik.trim(),
      notes,
    });
  return (
    <section className="panel" data-testid="documents">
      <h3>{t(it.documents)}</h3>
      <ul className="checklist">
        {documents.map((d) => (
          <li key={d.id}>
            <label>
              <input
                type="checkbox"
                checked={d.seen}
                onChange={(event) => set(d.id, { seen: event.target.checked })}
                data-testid={`doc-${d.id}`}
              />{' '}
              {t(d.name)}
            </label>
            <input
              className="note"
              placeholder={t(it.note)}
              value={d.note}
              maxLength={300}
              onChange={(event) => set(d.id, { note: event.target.value })}
            />
          </li>
        ))}
      </ul>
      <div className="row">
        <label>
          {t(it.nikOnKtp)}{' '}
          <input
            value={nik}
            inputMode="numeric"
            maxLength={16}
            size={18}
            onChange={(event) => setNik(event.target.value.replace(/\D/g, ''))}
            data-testid="nik-on-ktp"
          />
        </label>
        <span className="quiet">
          {t(texts.nik)}: {application.booking.nik} · {t(dateWords(application.booking.birthDate))} ·{' '}
          {t(sexWords(application.booking.sex))}
        </span>
      </div>
      <label className="block">
        {t(it.notes)}
        <textarea
          value={notes}
          maxLength={2000}
          rows={2}
          onChange={(event) => setNotes(event.target.value)}
        />
      </label>
      <Warnings items={application.nikWarnings} testId="nik-warnings" />
      {!application.nikWarnings.length && application.nikOnKtp && <p className="quiet">{t(it.noWarnings)}</p>}
      <button type="button" className="primary" disabled={busy} onClick={save} data-testid="save-interview">
        {t(it.save)}
      </button>
    </section>
  );
}

function OldPassportPanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const [mrz, setMrz] = useState('');
  const checked = application.oldPassport;
  return (
    <section className="panel" data-testid="old-passport">
      <h3>{t(it.oldPassport)}</h3>
      <p className="quiet">{t(it.oldPassportHelp)}</p>
      <textarea
        className="mrz"
        rows={2}
        cols={46}
        spellCheck={false}
        value={mrz}
        onChange={(event) => setMrz(event.target.value.toUpperCase())}
        data-testid="old-passport-mrz"
      />
      <button
        type="button"
        disabled={busy || mrz.trim().length < 40}
        onClick={() => void change('checkOldPassport', { applicationId: application.id, text: mrz })}
        data-testid="check-old-passport"
      >
        {t(it.check)}
      </button>
      {checked && (
        <>
          <p data-testid="old-passport-number">
            {t(it.passportNumber)}: <strong>{checked.documentNumber}</strong>
          </p>
          <Warnings items={checked.warnings} testId="old-passport-warnings" />
          {!checked.warnings.length && <p className="quiet">{t(it.oldPassportMatches)}</p>}
        </>
      )}
    </section>
  );
}
