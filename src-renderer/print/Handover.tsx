import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';
import { dateWords } from '../shared/values.ts';
import { useAttempt } from '../supervisor/useAttempt.ts';
import { usePrint } from './store.ts';
import { printTexts } from './texts.ts';

type HandoverCase = OutputOf<'handoverCase'>;

/**
 * The receipt scanned, the photo and the KTP's NIK compared by the officer, the passport handed
 * over. The print station also lists the passports uncollected after 30 days; a counter does not.
 */
export function Handover({
  withUncollected = true,
  calledFor,
}: {
  withUncollected?: boolean;
  /** The application of the pickup number this counter called: the panel opens on it. */
  calledFor?: string;
}) {
  const t = useText();
  const refresh = usePrint((s) => s.refresh);
  const { problem, attempt } = useAttempt(() => void refresh());
  const [text, setText] = useState(calledFor ?? '');
  const [found, setFound] = useState<{ case: HandoverCase; photo: string | null } | null>(null);
  const find = (typed = text) =>
    attempt(async () => {
      setFound(null);
      const answer = await call('handoverCase', { text: typed });
      // The photo is for checking the person at the handover: only while the passport is ready.
      const photo =
        answer.hasPhoto && answer.state === 'ready'
          ? (await call('facePhoto', { applicationId: answer.applicationId })).jpeg
          : null;
      setFound({ case: answer, photo });
    });
  useEffect(() => {
    if (calledFor) void find(calledFor);
    // Once per called number: the counter keys this panel by the queue entry.
  }, [calledFor]);
  return (
    <section className="panel print-panel" data-testid="handover" data-called-for={calledFor}>
      <form
        className="inline-form"
        onSubmit={(event) => {
          event.preventDefault();
          void find();
        }}
      >
        <label>
          {t(printTexts.scanReceipt)}
          <input
            data-testid="handover-input"
            value={text}
            autoFocus
            onChange={(e) => setText(e.target.value)}
          />
        </label>
        <button type="submit">{t(printTexts.find)}</button>
      </form>
      {problem && (
        <p className="message" role="alert" data-testid="handover-problem">
          {problem}
        </p>
      )}
      {found && (
        <HandoverForm key={found.case.jobId} found={found.case} photo={found.photo} onDone={() => find()} />
      )}
      {withUncollected && <Uncollected />}
    </section>
  );
}

/** Passports ready for more than 30 days and not collected: the list for cancellation. */
function Uncollected() {
  const t = useText();
  const uncollected = usePrint((s) => s.uncollected);
  return (
    <>
      <h2>{t(printTexts.uncollected)}</h2>
      {!uncollected?.length ? (
        <p className="quiet">{t(printTexts.nothing)}</p>
      ) : (
        <table className="counts" data-testid="uncollected">
          <thead>
            <tr>
              <th>{t(printTexts.applicationNumber)}</th>
              <th>{t(printTexts.readySince)}</th>
              <th>{t(printTexts.days)}</th>
            </tr>
          </thead>
          <tbody>
            {uncollected.map((row) => (
              <tr key={row.jobId}>
                <td>{row.applicationNumber}</td>
                <td>{row.readyAt.slice(0, 10)}</td>
                <td className="figure">{row.days}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function HandoverForm({
  found,
  photo,
  onDone,
}: {
  found: HandoverCase;
  photo: string | null;
  onDone(): Promise<void>;
}) {
  const t = useText();
  const { problem, attempt } = useAttempt(() => void onDone());
  const [nik, setNik] = useState('');
  const [receiver, setReceiver] = useState<'applicant' | 'representative'>('applicant');
  const [rep, setRep] = useState({ name: '', nik: '', letterReference: '' });
  return (
    <div className="handover-case" data-testid="handover-case" data-state={found.state}>
      {photo && <img className="handover-photo" alt="" src={`data:image/jpeg;base64,${photo}`} />}
      <dl>
        <dt>{t(printTexts.applicationNumber)}</dt>
        <dd>{found.applicationNumber}</dd>
        <dt>{t(printTexts.name)}</dt>
        <dd>{found.fullName}</dd>
        <dt>{t(printTexts.birthDate)}</dt>
        <dd>{t(dateWords(found.birthDate))}</dd>
        <dt>{t(printTexts.passportNumber)}</dt>
        <dd>{found.passportNumber ?? '–'}</dd>
        <dt>{t(printTexts.state)}</dt>
        <dd data-testid="handover-state">
          {t(printTexts[found.state])}
          {found.handover &&
            ` · ${t(printTexts.handedOver)} ${found.handover.at.slice(0, 16).replace('T', ' ')} (${t(printTexts[found.handover.receiver])}${found.handover.representativeName ? `: ${found.handover.representativeName}` : ''})`}
        </dd>
      </dl>
      {found.state === 'ready' && (
        <form
          className="handover-form"
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(() =>
              call('recordHandover', {
                jobId: found.jobId,
                applicantNik: nik,
                receiver,
                ...(receiver === 'representative' ? { representative: rep } : {}),
              }),
            );
          }}
        >
          <label>
            {t(printTexts.nikOnKtp)}
            <input
              data-testid="handover-nik"
              inputMode="numeric"
              maxLength={16}
              value={nik}
              onChange={(e) => setNik(e.target.value.replace(/\D/g, ''))}
            />
          </label>
          <fieldset>
            <legend>{t(printTexts.receiver)}</legend>
            {(['applicant', 'representative'] as const).map((who) => (
              <label key={who} className="choice">
                <input
                  type="radio"
                  name="receiver"
                  checked={receiver === who}
                  onChange={() => setReceiver(who)}
                />
                {t(printTexts[who])}
              </label>
            ))}
          </fieldset>
          {receiver === 'representative' && (
            <>
              <label>
                {t(printTexts.representativeName)}
                <input value={rep.name} onChange={(e) => setRep({ ...rep, name: e.target.value })} />
              </label>
              <label>
                {t(printTexts.representativeNik)}
                <input
                  inputMode="numeric"
                  maxLength={16}
                  value={rep.nik}
                  onChange={(e) => setRep({ ...rep, nik: e.target.value.replace(/\D/g, '') })}
                />
              </label>
              <label>
                {t(printTexts.letterReference)}
                <input
                  value={rep.letterReference}
                  onChange={(e) => setRep({ ...rep, letterReference: e.target.value })}
                />
              </label>
            </>
          )}
          <button type="submit" className="primary" data-testid="handover-button">
            {t(printTexts.handOver)}
          </button>
          {problem && (
            <p className="message" role="alert" data-testid="handover-refused">
              {problem}
            </p>
          )}
        </form>
      )}
    </div>
  );
}
