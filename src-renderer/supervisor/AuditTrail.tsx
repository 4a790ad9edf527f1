import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { call } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { useAttempt } from './useAttempt.ts';

type Verdict = OutputOf<'auditVerify'>;
type BreakKind = NonNullable<Verdict['broken']>['kind'];

const kindText: Record<BreakKind, keyof typeof texts> = {
  deleted: 'auditDeleted',
  edited: 'auditEdited',
  inserted: 'auditInserted',
  reordered: 'auditReordered',
  anchor: 'auditAnchor',
};

/** "3fa1c2d4e5f6…9c" : enough of the head to compare with `loket audit verify`'s line by eye. */
const shortHash = (hash: string) => `${hash.slice(0, 12)}…${hash.slice(-4)}`;

/**
 * The event log's hash chain, as `loket audit verify` sees it: intact or not, how many events,
 * the head's hash, and the first broken row with how it broke. Checked when the console opens
 * and on demand; not on every event (it reads the whole log).
 */
export function AuditTrail() {
  const t = useText();
  const [verdict, setVerdict] = useState<Verdict | null>(null);
  const [busy, setBusy] = useState(false);
  const { problem, attempt } = useAttempt(() => {});
  const verify = () => {
    setBusy(true);
    void attempt(async () => setVerdict(await call('auditVerify', {}))).finally(() => setBusy(false));
  };
  useEffect(verify, []);
  const state = !verdict ? null : verdict.intact ? 'intact' : verdict.chained ? 'broken' : 'not_chained';
  return (
    <section className="panel audit-panel" data-testid="audit-trail">
      <h2>{t(texts.auditTitle)}</h2>
      {verdict && (
        <>
          <p className={`audit-state ${state}`} data-testid="audit-state" data-state={state}>
            {t(
              verdict.intact
                ? texts.auditIntact
                : verdict.chained
                  ? texts.auditBroken
                  : texts.auditNotChained,
            )}
          </p>
          <dl className="booking">
            <dt>{t(texts.auditEvents)}</dt>
            <dd data-testid="audit-events">{verdict.events}</dd>
            <dt>{t(texts.auditHead)}</dt>
            <dd>
              {verdict.head ? (
                <code title={verdict.head.hash} data-testid="audit-head">
                  {shortHash(verdict.head.hash)}
                </code>
              ) : (
                '–'
              )}
            </dd>
            <dt>{t(texts.auditAnchors)}</dt>
            <dd>{verdict.anchors}</dd>
            <dt>{t(texts.auditCheckedAt)}</dt>
            <dd>{`${verdict.checkedAt.slice(0, 10)} ${verdict.checkedAt.slice(11, 16)}`}</dd>
          </dl>
          {verdict.broken && (
            <div className="notice warn" data-testid="audit-broken" data-kind={verdict.broken.kind}>
              <p>
                {t(texts.auditFirstBroken)}: <strong>#{verdict.broken.seq}</strong> —{' '}
                {t(texts[kindText[verdict.broken.kind]])}
              </p>
              <p lang="en" className="quiet">
                {verdict.broken.message}
              </p>
              <p>{t(texts.auditBrokenHelp)}</p>
            </div>
          )}
        </>
      )}
      <button type="button" disabled={busy} onClick={verify}>
        {busy ? t(texts.auditChecking) : `${texts.auditVerifyNow.id} / ${texts.auditVerifyNow.en}`}
      </button>
      {problem && <span className="cause">{problem}</span>}
    </section>
  );
}
