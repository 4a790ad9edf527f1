import { useState } from 'react';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';
import { printTexts } from '../print/texts.ts';
import { dateWords } from '../shared/values.ts';
import type { Adjudication as AdjudicationView } from './store.ts';
import { useAttempt } from './useAttempt.ts';

/**
 * The supervisor's decision on interviewed applications (approve to the print queue, or send back
 * with a reason), the print queue's promises at risk, and spoiled booklets to sign off.
 */
export function Adjudication({
  adjudication,
  onChanged,
}: {
  adjudication: AdjudicationView;
  onChanged(): void;
}) {
  const t = useText();
  const { problem, attempt } = useAttempt(onChanged);
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const { applications, atRisk, awaitingSignOff, sms } = adjudication;
  return (
    <section className="panel adjudication-panel" data-testid="adjudication">
      <h2>{t(printTexts.adjudication)}</h2>
      {atRisk.length > 0 && (
        <div className="promise-warning" role="alert" data-testid="promise-warning">
          {t(printTexts.promiseWarning)}{' '}
          {atRisk.map((r) => (
            <span key={r.applicationNumber} className="at-risk-item">
              {r.applicationNumber} ({r.promisedDate})
            </span>
          ))}
        </div>
      )}
      {applications.length === 0 ? (
        <p className="quiet">{t(printTexts.nothingToDecide)}</p>
      ) : (
        <table className="counts">
          <thead>
            <tr>
              <th>{t(printTexts.applicationNumber)}</th>
              <th>{t(printTexts.name)}</th>
              <th>{t(printTexts.passportType)}</th>
              <th>{t(printTexts.pickupDate)}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {applications.map((a) => (
              <tr key={a.applicationId} data-application={a.number}>
                <td>
                  {a.number}
                  {a.sentBack && (
                    <div className="quiet">
                      {t(printTexts.sentBack)}: {a.sentBack.reason}
                    </div>
                  )}
                </td>
                <td>{a.fullName}</td>
                <td>{t(printTexts[a.passportType])}</td>
                <td>{a.pickupDate ? t(dateWords(a.pickupDate)) : '–'}</td>
                <td>
                  <div className="row">
                    <button
                      type="button"
                      className="primary"
                      data-testid="approve"
                      onClick={() =>
                        void attempt(() => call('approveApplication', { applicationId: a.applicationId }))
                      }
                    >
                      {t(printTexts.approve)}
                    </button>
                    <input
                      aria-label={t(printTexts.reason)}
                      placeholder={t(printTexts.reason)}
                      value={reasons[a.applicationId] ?? ''}
                      onChange={(e) => setReasons({ ...reasons, [a.applicationId]: e.target.value })}
                    />
                    <button
                      type="button"
                      data-testid="send-back"
                      onClick={() =>
                        void attempt(() =>
                          call('sendBackApplication', {
                            applicationId: a.applicationId,
                            reason: reasons[a.applicationId] ?? '',
                          }),
                        )
                      }
                    >
                      {t(printTexts.sendBack)}
                    </button>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {awaitingSignOff.length > 0 && (
        <>
          <h2>{t(printTexts.awaitingSignOff)}</h2>
          <ul data-testid="spoils">
            {awaitingSignOff.map((s) => (
              <li key={s.serial} className="row">
                {s.serial} — {s.reason ?? '–'}
                <button
                  type="button"
                  onClick={() => void attempt(() => call('signOffSpoil', { serial: s.serial }))}
                >
                  {t(printTexts.signOff)}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {sms.length > 0 && (
        <>
          <h2>{t(printTexts.smsProblems)}</h2>
          <table className="counts" data-testid="sms-problems">
            <tbody>
              {sms.map((m) => (
                <tr key={m.id} data-state={m.state}>
                  <td>{m.applicationNumber ?? '–'}</td>
                  <td>{m.phone}</td>
                  <td>{t(m.state === 'failed' ? printTexts.smsFailed : printTexts.smsRetrying)}</td>
                  <td>
                    {m.attempts}× · {m.lastError}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {problem && (
        <p className="message" role="alert">
          {problem}
        </p>
      )}
    </section>
  );
}
