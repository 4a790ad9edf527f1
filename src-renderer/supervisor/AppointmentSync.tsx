import { useState } from 'react';
import { call, OperationError } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { useFloor, type FeedStatus } from './store.ts';

/** "10:45" from the office-local ISO time the hub sends (the office's wall clock, not this PC's). */
const clockTime = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 16)}` : null);

/**
 * The M-Paspor appointment feed: when the day's bookings were last pulled, the last error in both
 * languages, and a button that pulls now.
 */
export function AppointmentSync({ feed }: { feed: FeedStatus }) {
  const t = useText();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const syncNow = async () => {
    setBusy(true);
    setProblem(null);
    try {
      useFloor.setState({ feed: await call('syncAppointments', {}) });
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="panel feed-panel" data-testid="appointment-sync">
      <h2>{t(texts.feedTitle)}</h2>
      {!feed.configured ? (
        <p className="quiet">{t(texts.feedNotConfigured)}</p>
      ) : (
        <>
          <dl className="booking">
            <dt>{t(texts.feedLastSynced)}</dt>
            <dd data-testid="feed-last-synced">{clockTime(feed.lastSuccessAt) ?? t(texts.feedNever)}</dd>
            <dt>{t(texts.feedLastAttempt)}</dt>
            <dd>
              {clockTime(feed.lastAttemptAt) ?? t(texts.feedNever)} <span className="quiet">{feed.host}</span>
            </dd>
            {feed.counts && (
              <>
                <dt>{t(texts.feedFound)}</dt>
                <dd>
                  {feed.counts.rows} · +{feed.counts.created} · ~{feed.counts.updated}
                </dd>
              </>
            )}
          </dl>
          {feed.lastError && (
            <div className="notice warn" data-testid="feed-error" data-code={feed.lastError.code}>
              <p lang="id">{feed.lastError.message.id}</p>
              <p lang="en">{feed.lastError.message.en}</p>
            </div>
          )}
          {feed.unverifiedCheckIns && <p className="notice">{t(texts.feedUnverifiedOn)}</p>}
          <button type="button" className="primary" disabled={busy} onClick={() => void syncNow()}>
            {texts.feedSyncNow.id} / {texts.feedSyncNow.en}
          </button>
          {problem && <span className="cause">{problem}</span>}
        </>
      )}
    </section>
  );
}
