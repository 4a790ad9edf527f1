import { useEffect, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';
import { useAttempt } from '../supervisor/useAttempt.ts';
import { usePrint } from './store.ts';
import { printTexts } from './texts.ts';

type Reconciliation = OutputOf<'bookletReconciliation'>;
const passportTypes = ['elektronik', 'biasa'] as const;

/** Blank booklet stock under dual control, and the day's reconciliation. */
export function Booklets({ today }: { today: string }) {
  const t = useText();
  const stock = usePrint((s) => s.stock);
  const refresh = usePrint((s) => s.refresh);
  const { problem, attempt } = useAttempt(() => void refresh());
  const [received, setReceived] = useState({
    passportType: 'elektronik' as (typeof passportTypes)[number],
    first: '',
    last: '',
  });
  if (!stock) return null;
  return (
    <section className="panel print-panel" data-testid="booklets">
      <h2>{t(printTexts.ranges)}</h2>
      <table className="counts" data-testid="booklet-ranges">
        <thead>
          <tr>
            <th>{t(printTexts.passportType)}</th>
            <th>{t(printTexts.first)}</th>
            <th>{t(printTexts.last)}</th>
            <th>{t(printTexts.count)}</th>
            <th>{t(printTexts.receivedBy)}</th>
            <th>{t(printTexts.confirmedBy)}</th>
            <th>{t(printTexts.used)}</th>
            <th>{t(printTexts.spoiled)}</th>
            <th>{t(printTexts.remaining)}</th>
          </tr>
        </thead>
        <tbody>
          {stock.ranges.map((range) => (
            <tr key={range.rangeId} data-range={range.first}>
              <td>{range.passportType}</td>
              <td>{range.first}</td>
              <td>{range.last}</td>
              <td className="figure">{range.count}</td>
              <td>{range.receivedBy}</td>
              <td>
                {range.confirmedBy ?? (
                  <ConfirmRange
                    rangeId={range.rangeId}
                    onConfirm={(input) => attempt(() => call('confirmBooklets', input))}
                  />
                )}
              </td>
              <td className="figure">{range.used}</td>
              <td className="figure">{range.spoiled}</td>
              <td className="figure">{range.remaining}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="in-stock">
        {t(printTexts.inStock)}:{' '}
        {passportTypes.map((type) => `${t(printTexts[type])} ${stock.inStock[type] ?? 0}`).join(' · ')}
      </p>
      {stock.awaitingSignOff.length > 0 && (
        <p data-testid="awaiting-sign-off">
          {t(printTexts.awaitingSignOff)}:{' '}
          {stock.awaitingSignOff.map((s) => `${s.serial} (${s.reason ?? '–'})`).join(', ')}
        </p>
      )}
      <form
        className="inline-form"
        data-testid="receive-form"
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(() => call('receiveBooklets', received));
        }}
      >
        <label>
          {t(printTexts.passportType)}
          <select
            name="passportType"
            value={received.passportType}
            onChange={(e) =>
              setReceived({ ...received, passportType: e.target.value as (typeof passportTypes)[number] })
            }
          >
            {passportTypes.map((type) => (
              <option key={type} value={type}>
                {t(printTexts[type])}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t(printTexts.first)}
          <input
            name="first"
            value={received.first}
            onChange={(e) => setReceived({ ...received, first: e.target.value })}
          />
        </label>
        <label>
          {t(printTexts.last)}
          <input
            name="last"
            value={received.last}
            onChange={(e) => setReceived({ ...received, last: e.target.value })}
          />
        </label>
        <button type="submit">{t(printTexts.receive)}</button>
      </form>
      {problem && (
        <p className="message" role="alert" data-testid="booklet-problem">
          {problem}
        </p>
      )}
      <ReconciliationReport today={today} />
    </section>
  );
}

function ConfirmRange({
  rangeId,
  onConfirm,
}: {
  rangeId: string;
  onConfirm(input: { rangeId: string; username: string; secret: string }): Promise<void>;
}) {
  const t = useText();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  return (
    <form
      className="inline-form"
      data-testid="confirm-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onConfirm({ rangeId, username, secret });
      }}
    >
      <span className="quiet">{t(printTexts.unconfirmed)}</span>
      <input
        name="username"
        placeholder={t(printTexts.secondOfficer)}
        value={username}
        onChange={(e) => setUsername(e.target.value)}
      />
      <input
        name="secret"
        type="password"
        placeholder={t(printTexts.pin)}
        value={secret}
        onChange={(e) => setSecret(e.target.value)}
      />
      <button type="submit">{t(printTexts.confirm)}</button>
    </form>
  );
}

/** Opening + received − used − spoiled = closing per passport type, with the serials behind each figure. */
function ReconciliationReport({ today }: { today: string }) {
  const t = useText();
  const stock = usePrint((s) => s.stock);
  const [date, setDate] = useState(today);
  const [report, setReport] = useState<Reconciliation | null>(null);
  const { problem, attempt } = useAttempt(() => {});
  useEffect(() => {
    void attempt(async () => setReport(await call('bookletReconciliation', { date })));
    // The stock changing (a print, a spoil) changes the day's figures.
  }, [date, stock]);
  const runs = (serials: string[]) => (serials.length ? serials.join(', ') : '–');
  return (
    <div data-testid="reconciliation" className="reconciliation">
      <h2>
        {t(printTexts.reconciliation)}{' '}
        <input
          type="date"
          name="date"
          value={date}
          onChange={(e) => e.target.value && setDate(e.target.value)}
        />
      </h2>
      {problem && <p className="message">{problem}</p>}
      {report?.types.map((row) => (
        <table key={row.passportType} className="counts" data-type={row.passportType}>
          <caption>
            {row.passportType} ·{' '}
            <span
              className={row.balances ? 'balances' : 'unbalanced'}
              data-testid="balances"
              data-balances={row.balances ? 'yes' : 'no'}
            >
              {t(row.balances ? printTexts.balances : printTexts.doesNotBalance)}
            </span>
          </caption>
          <tbody>
            <tr>
              <th>{t(printTexts.opening)}</th>
              <td className="figure">{row.opening}</td>
              <td>{runs(row.openingSerials)}</td>
            </tr>
            <tr>
              <th>+ {t(printTexts.received)}</th>
              <td className="figure">{row.received}</td>
              <td>{runs(row.receivedSerials)}</td>
            </tr>
            <tr>
              <th>− {t(printTexts.used)}</th>
              <td className="figure">{row.used}</td>
              <td>{runs(row.usedSerials)}</td>
            </tr>
            <tr>
              <th>− {t(printTexts.spoiled)}</th>
              <td className="figure">{row.spoiled}</td>
              <td>
                {row.spoiledSerials.length
                  ? row.spoiledSerials
                      .map(
                        (s) =>
                          `${s.serial} (${s.reason ?? '–'}; ${t(s.signedOff ? printTexts.signedOff : printTexts.notSignedOff)})`,
                      )
                      .join(', ')
                  : '–'}
              </td>
            </tr>
            <tr className="total">
              <th>= {t(printTexts.closing)}</th>
              <td className="figure">{row.closing}</td>
              <td>{runs(row.closingSerials)}</td>
            </tr>
            {row.unaccounted.length > 0 && (
              <tr className="unbalanced">
                <th>{t(printTexts.unaccounted)}</th>
                <td className="figure">{row.unaccounted.length}</td>
                <td>{row.unaccounted.join(', ')}</td>
              </tr>
            )}
          </tbody>
        </table>
      ))}
    </div>
  );
}
