import { useEffect, useState } from 'react';
import { call, OperationError } from '../../shared/client.ts';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import {
  exceptionReasonLabels,
  exceptionReasons,
  type ExceptionReason,
} from '../../../src-main/domain/fingerprints.ts';
import { useText } from '../../shared/i18n.ts';
import { CameraCapture } from './CameraCapture.tsx';
import { useInterview } from './store.ts';
import { interviewTexts as it } from './texts.ts';

const words = {
  capture: { id: 'Ambil sidik jari', en: 'Capture' },
  finger: { id: 'Jari', en: 'Finger' },
  state: { id: 'Status', en: 'State' },
  attempts: { id: 'Percobaan', en: 'Attempts' },
  quality: { id: 'Kualitas terbaik', en: 'Best quality' },
  required: { id: 'Kualitas minimal', en: 'Quality required' },
  exception: { id: 'Pengecualian jari', en: 'Finger exception' },
  markException: { id: 'Catat pengecualian', en: 'Record the exception' },
  reason: { id: 'Alasan', en: 'Reason' },
  note: { id: 'Keterangan', en: 'Note' },
  handPhoto: { id: 'Foto tangan', en: 'Photo of the hand' },
  complete: { id: 'Sidik jari lengkap.', en: 'Fingerprints complete.' },
  preview: { id: 'Gambar langsung pemindai', en: "The reader's live picture" },
  states: {
    pending: { id: 'menunggu', en: 'waiting' },
    captured: { id: 'diambil', en: 'captured' },
    low_quality: { id: 'kualitas rendah', en: 'low quality' },
    failed: { id: 'gagal', en: 'failed' },
    exception: { id: 'pengecualian', en: 'exception' },
  },
};

/**
 * The fingerprints: the station's finger set with each finger's attempts and best quality, the
 * capture of the next finger or slap at the reader, and a finger that cannot be given recorded as
 * an exception with a reason and a photo of the hand (a supervisor approves it below).
 */
export function FingerprintPanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const prints = application.fingerprints;
  const next = prints.fingers.filter((f) => prints.next.includes(f.finger));
  return (
    <section className="panel" data-testid="fingerprints" data-state={prints.state}>
      <h3>
        {t(it.fingerprints)}{' '}
        <span className="quiet">
          · {t(words.required)} {prints.minQuality}
        </span>
      </h3>
      <table className="fingers">
        <thead>
          <tr>
            <th>{t(words.finger)}</th>
            <th>{t(words.state)}</th>
            <th>{t(words.attempts)}</th>
            <th>{t(words.quality)}</th>
          </tr>
        </thead>
        <tbody>
          {prints.fingers.map((f) => (
            <tr key={f.finger} data-testid={`finger-${f.finger}`} data-state={f.state}>
              <td>{t(f.name)}</td>
              <td>
                {t(words.states[f.state])}
                {f.exception && ` · ${t(f.exception.reasonName)}${f.exception.approved ? ' ✓' : ''}`}
              </td>
              <td>
                {f.attempts}/{prints.maxAttempts}
              </td>
              <td data-testid={`finger-quality-${f.finger}`}>{f.bestQuality ?? '–'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {prints.state !== 'complete' && <FingerPreview />}
      {next.length > 0 && (
        <button
          type="button"
          className="primary"
          disabled={busy}
          onClick={() => void change('captureFingerprint', { applicationId: application.id })}
          data-testid="capture-fingerprint"
        >
          {t(words.capture)}: {next.map((f) => t(f.name)).join(', ')}
        </button>
      )}
      {prints.state === 'complete' ? (
        <p className="quiet">{t(words.complete)}</p>
      ) : (
        <ul className="quiet" data-testid="fingerprint-blockers">
          {prints.blockers.map((b, index) => (
            <li key={index}>{t(b)}</li>
          ))}
        </ul>
      )}
      <ExceptionForm application={application} />
    </section>
  );
}

function ExceptionForm({ application }: { application: ApplicationView }) {
  const t = useText();
  const { busy, change } = useInterview();
  const open = application.fingerprints.fingers.filter(
    (f) => f.state !== 'captured' && f.state !== 'exception',
  );
  const [finger, setFinger] = useState('');
  const [reason, setReason] = useState<ExceptionReason>('missing');
  const [note, setNote] = useState('');
  const [photo, setPhoto] = useState<string | null>(null);
  if (!open.length) return null;
  const chosen = open.find((f) => f.finger === finger);
  return (
    <details className="exception" data-testid="finger-exception">
      <summary>{t(words.exception)}</summary>
      <div className="row">
        <label>
          {t(words.finger)}{' '}
          <select
            value={finger}
            onChange={(event) => setFinger(event.target.value)}
            data-testid="exception-finger"
          >
            <option value="">…</option>
            {open.map((f) => (
              <option key={f.finger} value={f.finger}>
                {t(f.name)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(words.reason)}{' '}
          <select
            value={reason}
            onChange={(event) => setReason(event.target.value as ExceptionReason)}
            data-testid="exception-reason"
          >
            {exceptionReasons.map((r) => (
              <option key={r} value={r}>
                {t(exceptionReasonLabels[r])}
              </option>
            ))}
          </select>
        </label>
        <input
          placeholder={t(words.note)}
          value={note}
          maxLength={300}
          onChange={(event) => setNote(event.target.value)}
          data-testid="exception-note"
        />
      </div>
      {chosen && (
        <>
          <p>{t(words.handPhoto)}</p>
          <CameraCapture onCaptured={setPhoto} testId="exception-photo" />
        </>
      )}
      <button
        type="button"
        disabled={busy || !chosen || !photo}
        onClick={() => {
          if (!chosen || !photo) return;
          void change('recordFingerException', {
            applicationId: application.id,
            finger: chosen.finger,
            reason,
            note: note.trim() || null,
            photo,
          }).then((done) => {
            if (done) {
              setFinger('');
              setNote('');
              setPhoto(null);
            }
          });
        }}
        data-testid="record-exception"
      >
        {t(words.markException)}
      </button>
    </details>
  );
}

/** The reader's live picture while fingers are still to be taken, a few frames a second. */
function FingerPreview() {
  const t = useText();
  const [frame, setFrame] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    let stopped = false;
    let timer = 0;
    const ask = async () => {
      let wait = 300;
      try {
        const { jpeg } = await call('fingerprintPreview', {});
        if (!stopped && jpeg) setFrame(`data:image/jpeg;base64,${jpeg}`);
        if (!stopped) setProblem(null);
      } catch (error) {
        // The reader is away or busy: say so, and look again less often.
        if (!stopped) setProblem(error instanceof OperationError ? t(error.text) : String(error));
        wait = 3_000;
      }
      if (!stopped) timer = window.setTimeout(() => void ask(), wait);
    };
    void ask();
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [t]);
  return (
    <figure className="finger-preview">
      {frame ? <img src={frame} alt={t(words.preview)} data-testid="finger-preview" /> : null}
      {problem && <figcaption className="notice warn">{problem}</figcaption>}
    </figure>
  );
}
