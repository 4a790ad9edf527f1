import { useState } from 'react';
import type { CounterView, EntryView } from '../../src-main/api/counterViews.ts';
import { useReloadOnEvents } from '../shared/events.ts';
import { texts, useText } from '../shared/i18n.ts';
import { dateWords, passportTypeWords, sexWords } from '../shared/values.ts';
import { touchesOfficerViews } from './officerSession.ts';
import { breakReasons, type BreakReason } from '../../src-main/domain/states.ts';
import { counterTexts } from './counterTexts.ts';
import { OfficerBar, OfficerGate } from './OfficerForms.tsx';
import { WaitingCounts } from './WaitingCounts.tsx';
import { MySurvey } from './MySurvey.tsx';
import { InterviewDesk } from './interview/Interview.tsx';
import { Handover } from '../print/Handover.tsx';
import { printTexts } from '../print/texts.ts';
import { useCounter, useCounterSession } from './store.ts';

export function CounterApp() {
  const refresh = useCounter((s) => s.refresh);
  const status = useReloadOnEvents(touchesOfficerViews, () => void refresh());
  return (
    <OfficerGate useSession={useCounterSession} withCounter>
      <CounterScreen reconnecting={status === 'reconnecting'} />
    </OfficerGate>
  );
}

function CounterScreen({ reconnecting }: { reconnecting: boolean }) {
  const t = useText();
  const { view, busy, signOut } = useCounter();
  const office = useCounterSession((s) => s.office);
  // A counter that also hands passports over (the pickup desk) opens the handover beside its queue.
  const [handover, setHandover] = useState(false);
  if (!view) return null;
  const { counter, officer, current } = view;
  return (
    <main className="officer counter-screen" data-screen="counter" aria-busy={busy}>
      <OfficerBar
        reconnecting={reconnecting}
        title={
          <>
            <strong data-testid="counter-number">
              {t(texts.counter)} {counter.number}
            </strong>{' '}
            · {counter.stages.map((s) => t(s.name)).join(', ')}
          </>
        }
      >
        <span className="who" data-testid="officer-name">
          {officer.name}
        </span>
        <button
          type="button"
          aria-pressed={handover}
          data-testid="counter-handover"
          onClick={() => setHandover(!handover)}
        >
          {t(printTexts.handover)}
        </button>
        <button type="button" onClick={() => void signOut()} disabled={busy || current !== null}>
          {t(texts.signOut)}
        </button>
      </OfficerBar>
      {handover && !current?.pickup && <Handover withUncollected={false} />}
      <div className="counter-grid">
        <section className="desk">
          <CallNext />
          {current ? <Current entry={current} view={view} /> : <p className="quiet">{t(texts.noCurrent)}</p>}
          {current?.pickup && (
            <Handover
              key={current.entryId}
              withUncollected={false}
              calledFor={current.pickup.applicationNumber}
            />
          )}
          <InterviewDesk entry={current} />
          <CallSpecific view={view} />
        </section>
        <aside className="side">
          <CounterStateButtons view={view} />
          <WaitingCounts title={texts.waitingCounts} rows={view.waiting} office={office} testId="waiting" />
          <Held view={view} />
          <Figures view={view} />
          <MySurvey />
        </aside>
      </div>
    </main>
  );
}

function Notice() {
  const t = useText();
  const problem = useCounterSession((s) => s.problem);
  const notice = useCounter((s) => s.notice) ?? (problem && { kind: 'refused' as const, ...problem });
  if (!notice) return null;
  if (notice.kind === 'nobody-waiting')
    return (
      <p className="notice" role="status" data-testid="nobody-waiting">
        {t(texts.nobodyWaiting)}
      </p>
    );
  return (
    <p className="message" role="alert" data-code={notice.code} data-testid="counter-problem">
      {t(notice.text)}
    </p>
  );
}

/** "Panggil berikutnya": on a break it asks first whether to end the break, never ends it silently. */
function CallNext() {
  const t = useText();
  const { view, busy, callNext } = useCounter();
  const [asking, setAsking] = useState(false);
  const onBreak = view?.counter.state === 'on_break';
  return (
    <div className="call-next">
      <button
        type="button"
        className="primary big-officer"
        disabled={busy || view?.current !== null || asking}
        onClick={() => (onBreak ? setAsking(true) : void callNext())}
        data-testid="call-next"
      >
        {t(texts.callNext)}
      </button>
      {asking && (
        <div className="end-break-ask" role="alertdialog" data-testid="end-break-ask">
          <p>{t(counterTexts.endBreakAsk)}</p>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => {
                setAsking(false);
                void callNext(true);
              }}
              data-testid="end-break-and-call"
            >
              {t(counterTexts.endBreakAndCall)}
            </button>
            <button type="button" onClick={() => setAsking(false)} data-testid="stay-on-break">
              {t(counterTexts.stayOnBreak)}
            </button>
          </div>
        </div>
      )}
      <Notice />
    </div>
  );
}

/**
 * The priority a citizen claimed at the kiosk: the officer confirms it, or refuses it with a
 * reason (the ticket then waits in the regular lane at its original place). Decided: who and why.
 */
function PriorityClaim({ entry }: { entry: EntryView }) {
  const t = useText();
  const { busy, act } = useCounter();
  const [reason, setReason] = useState('');
  const claim = entry.priorityClaim;
  if (!claim) return null;
  return (
    <section className="priority-claim" data-testid="priority-claim" data-decision={claim.decision ?? 'open'}>
      <p>
        <strong>{t(counterTexts.claimedAtKiosk)}:</strong>{' '}
        <span data-testid="claimed-lane">{t(claim.lane.name)}</span>
        {claim.kiosk && (
          <span className="quiet">
            {' '}
            · {claim.kiosk}, {claim.claimedAt.slice(11, 16)}
          </span>
        )}
      </p>
      {claim.late && <p>{t(counterTexts.claimLate)}</p>}
      {claim.decision === null ? (
        <>
          <p className="quiet">{t(counterTexts.claimCheck)}</p>
          <div className="row">
            <button
              type="button"
              className="primary"
              disabled={busy}
              onClick={() => void act('decidePriorityClaim', { decision: 'confirmed' })}
              data-testid="confirm-claim"
            >
              {t(counterTexts.confirmClaim)}
            </button>
            <label>
              {t(counterTexts.refuseReason)}{' '}
              <input
                value={reason}
                size={30}
                maxLength={200}
                onChange={(event) => setReason(event.target.value)}
                data-testid="refuse-reason"
              />
            </label>
            <button
              type="button"
              disabled={busy}
              onClick={() => {
                void act('decidePriorityClaim', { decision: 'refused', reason });
                setReason('');
              }}
              data-testid="refuse-claim"
            >
              {t(counterTexts.refuseClaim)}
            </button>
          </div>
        </>
      ) : (
        <p data-testid="claim-decision">
          {t(claim.decision === 'confirmed' ? counterTexts.claimConfirmed : counterTexts.claimRefused)}
          {claim.decidedBy && ` ${t(counterTexts.by)} ${claim.decidedBy}`}
          {claim.reason && `: ${claim.reason}`}
        </p>
      )}
    </section>
  );
}

function Current({ entry, view }: { entry: EntryView; view: CounterView }) {
  const t = useText();
  const { busy, act } = useCounter();
  const [target, setTarget] = useState('');
  const called = entry.status === 'called';
  const serving = entry.status === 'serving';
  // At the interview stage the visit ends with the interview (continue, postpone or refuse).
  const interviewStage = useCounterSession((s) => s.office?.interview.stage);
  const { booking } = entry;
  const transfer = () => {
    const [kind, value] = target.split(':');
    void act('transferTicket', kind === 'stage' ? { toStage: value } : { toCounter: Number(value) });
    setTarget('');
  };
  return (
    <article className="current" data-testid="current" data-status={entry.status}>
      <div className="current-head">
        <p className="current-number" data-testid="current-number">
          {entry.number}
        </p>
        <div>
          <p className="status">
            {t(entry.status === 'serving' ? texts.status_serving : texts.status_called)}
          </p>
          <p>
            {t(entry.lane.name)} · {entry.window.start}–{entry.window.end} · {t(entry.stage.name)}
          </p>
        </div>
      </div>
      <PriorityClaim entry={entry} />
      {entry.unverified && (
        <p className="notice warn" data-testid="unverified-flag">
          {t(texts.unverifiedFlag)}
        </p>
      )}
      <dl className="booking">
        <dt>{t(texts.fullName)}</dt>
        <dd data-testid="citizen-name">{booking.fullName}</dd>
        <dt>{t(texts.nik)}</dt>
        <dd data-testid="citizen-nik">{booking.nik}</dd>
        <dt>{t(texts.birthDate)}</dt>
        <dd>{t(dateWords(booking.birthDate))}</dd>
        <dt>{t(texts.sex)}</dt>
        <dd>{t(sexWords(booking.sex))}</dd>
        <dt>{t(texts.applicationKind)}</dt>
        <dd data-testid="application-kind">{t(texts[booking.applicationKind])}</dd>
        <dt>{t(texts.passport)}</dt>
        <dd>
          {t(passportTypeWords(booking.passportType))}, {booking.validityYears} {t(texts.years)}
        </dd>
        <dt>{t(texts.bookingCode)}</dt>
        <dd>{booking.code}</dd>
        <dt>{t(texts.checkedInAt)}</dt>
        <dd>{entry.checkedInAt.slice(11, 16)}</dd>
      </dl>
      <div className="row">
        <button type="button" disabled={busy || !called} onClick={() => void act('recall', {})}>
          {t(texts.recall)} <span data-testid="recalls">({entry.recalls})</span>
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !called}
          onClick={() => void act('startService', {})}
          data-testid="start-service"
        >
          {t(texts.startService)}
        </button>
        <button
          type="button"
          className="primary"
          disabled={busy || !serving || entry.stage.id === interviewStage || entry.pickup !== null}
          onClick={() => void act('completeService', {})}
          data-testid="complete-service"
        >
          {t(texts.completeService)}
        </button>
        <button
          type="button"
          disabled={busy || !called || entry.recalls < view.noShowAfterRecalls}
          title={`${t(texts.noShowAfter)}${view.noShowAfterRecalls}`}
          onClick={() => void act('markNoShow', {})}
          data-testid="no-show"
        >
          {t(texts.noShow)}
        </button>
        <button type="button" disabled={busy} onClick={() => void act('holdTicket', {})}>
          {t(texts.hold)}
        </button>
      </div>
      <div className="row">
        <label>
          {t(texts.transferTo)}{' '}
          <select
            value={target}
            onChange={(event) => setTarget(event.target.value)}
            data-testid="transfer-to"
          >
            <option value="">…</option>
            {view.transferTo.stages.map((s) => (
              <option key={s.id} value={`stage:${s.id}`}>
                {t(texts.stage)}: {t(s.name)}
              </option>
            ))}
            {view.transferTo.counters.map((n) => (
              <option key={n} value={`counter:${n}`}>
                {t(texts.counter)} {n}
              </option>
            ))}
          </select>
        </label>
        <button type="button" disabled={busy || !target} onClick={transfer}>
          {t(texts.transfer)}
        </button>
      </div>
    </article>
  );
}

/** Calling a named ticket out of order: only with a reason, which the hub logs and counts. */
function CallSpecific({ view }: { view: CounterView }) {
  const t = useText();
  const { busy, act } = useCounter();
  const [number, setNumber] = useState('');
  const [reason, setReason] = useState('');
  const ready = number.trim().length >= 3 && reason !== '' && view.current === null;
  return (
    <form
      className="call-specific"
      onSubmit={(event) => {
        event.preventDefault();
        if (!ready) return;
        void act('callTicket', { number: number.trim().toUpperCase(), reason });
        setNumber('');
        setReason('');
      }}
    >
      <h2>{t(texts.callSpecific)}</h2>
      <p className="quiet">{t(texts.callSpecificHelp)}</p>
      <div className="row">
        <label>
          {t(texts.ticketNumber)}{' '}
          <input
            value={number}
            size={8}
            onChange={(event) => setNumber(event.target.value)}
            data-testid="specific-number"
          />
        </label>
        <label>
          {t(texts.reason)}{' '}
          <select
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            data-testid="specific-reason"
          >
            <option value="">{t(texts.chooseReason)}</option>
            {view.reasons.map((r) => (
              <option key={r.code} value={r.code}>
                {t(r.name)}
              </option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !ready} data-testid="call-specific">
          {t(texts.call)}
        </button>
      </div>
    </form>
  );
}

const settableStates = ['available', 'closed'] as const;

function CounterStateButtons({ view }: { view: CounterView }) {
  const t = useText();
  const { busy, act } = useCounter();
  const [reason, setReason] = useState<BreakReason | ''>('');
  const { state, since, breakReason } = view.counter;
  return (
    <section className="panel">
      <h2>{t(texts.counterState)}</h2>
      <p>
        <strong className={`state ${state}`} data-testid="counter-state" data-state={state}>
          {t(texts[state])}
        </strong>
        {breakReason && <span data-testid="break-reason"> ({t(counterTexts[breakReason])})</span>}
        {since && (
          <span className="quiet">
            {' '}
            {t(texts.since)} {since.slice(11, 16)}
          </span>
        )}
      </p>
      <div className="row">
        {settableStates.map((s) => (
          <button
            type="button"
            key={s}
            aria-pressed={state === s}
            disabled={busy || state === s || view.current !== null}
            onClick={() => void act('setCounterState', { state: s })}
          >
            {t(texts[s])}
          </button>
        ))}
      </div>
      <div className="row">
        <label>
          {t(counterTexts.breakReason)}{' '}
          <select
            value={reason}
            onChange={(event) => setReason(event.target.value as BreakReason | '')}
            data-testid="break-reason-choice"
          >
            <option value="">{t(counterTexts.chooseBreakReason)}</option>
            {breakReasons.map((r) => (
              <option key={r} value={r}>
                {t(counterTexts[r])}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          disabled={busy || reason === '' || view.current !== null || breakReason === reason}
          onClick={() => {
            if (reason) void act('setCounterState', { state: 'on_break', reason });
          }}
          data-testid="start-break"
        >
          {t(counterTexts.startBreak)}
        </button>
      </div>
    </section>
  );
}

function Held({ view }: { view: CounterView }) {
  const t = useText();
  const { busy, act } = useCounter();
  if (!view.held.length) return null;
  return (
    <section className="panel">
      <h2>{t(texts.heldTickets)}</h2>
      <ul className="held" data-testid="held">
        {view.held.map((h) => (
          <li key={h.entryId}>
            <strong>{h.number}</strong>
            <button
              type="button"
              disabled={busy}
              onClick={() => void act('releaseTicket', { entryId: h.entryId })}
            >
              {t(texts.release)}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Figures({ view }: { view: CounterView }) {
  const t = useText();
  const { figures } = view;
  return (
    <section className="panel">
      <h2>{t(texts.myFigures)}</h2>
      <dl className="figures" data-testid="figures">
        <dt>{t(texts.figureCalled)}</dt>
        <dd>{figures.called}</dd>
        <dt>{t(texts.figureServed)}</dt>
        <dd>{figures.served}</dd>
        <dt>{t(texts.figureAverageService)}</dt>
        <dd>{figures.averageServiceMinutes ?? '–'}</dd>
        <dt>{t(texts.figureOutOfOrder)}</dt>
        <dd>{figures.outOfOrder}</dd>
      </dl>
    </section>
  );
}
