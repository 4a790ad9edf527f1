import { useState } from 'react';
import type { HelpDeskCitizenView } from '../../src-main/api/helpDeskViews.ts';
import { spokenDate, writtenDate } from '../../src-main/domain/localTime.ts';
import { OfficerBar, OfficerGate } from '../counter/OfficerForms.tsx';
import { texts, useLanguage, useText } from '../shared/i18n.ts';
import { useHelpDesk, useHelpDeskSession } from './store.ts';
import { applicationStatusTexts, helpDeskTexts as hd, printStateTexts, visitStatusTexts } from './texts.ts';

/**
 * The help desk (`/helpdesk`): an officer finds a citizen by booking code, NIK or name, sees their
 * day as every screen knows it, takes a queue number for them and prints or reprints the ticket on
 * the desk's printer (past the limit with a supervisor's PIN).
 */
export function HelpDeskApp() {
  return (
    <OfficerGate useSession={useHelpDeskSession} withCounter={false}>
      <HelpDesk />
    </OfficerGate>
  );
}

function HelpDesk() {
  const t = useText();
  const { officer, signOut } = useHelpDeskSession();
  const { query, search, busy, setQuery, find } = useHelpDesk();
  return (
    <main className="officer help-desk" data-screen="helpdesk">
      <OfficerBar title={t(hd.title)}>
        <span className="who">{officer}</span>
        <button type="button" onClick={() => void signOut()}>
          {t(texts.signOut)}
        </button>
      </OfficerBar>
      <form
        className="help-search row"
        onSubmit={(event) => {
          event.preventDefault();
          void find();
        }}
      >
        <label>
          {t(hd.searchLabel)}
          <input
            name="query"
            value={query}
            maxLength={80}
            autoFocus
            autoComplete="off"
            onChange={(event) => setQuery(event.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || query.trim().length < 2}>
          {t(busy ? hd.searching : hd.search)}
        </button>
      </form>
      <Notice />
      <Approval />
      {search && (
        <section className="help-results" data-testid="help-results" data-kind={search.kind}>
          {search.results.length === 0 ? (
            <NoMatch unverifiedAllowed={search.unverifiedAllowed && search.kind === 'code'} />
          ) : (
            search.results.map((citizen) => <Citizen key={citizen.bookingCode} citizen={citizen} />)
          )}
        </section>
      )}
    </main>
  );
}

function NoMatch({ unverifiedAllowed }: { unverifiedAllowed: boolean }) {
  const t = useText();
  const { query, busy, checkIn } = useHelpDesk();
  return (
    <div className="no-match">
      <p data-testid="no-match">{t(hd.noMatch)}</p>
      {unverifiedAllowed && (
        <>
          <p className="notice warn">{t(hd.unverifiedOffer)}</p>
          <button
            type="button"
            className="primary"
            data-testid="issue-unverified"
            disabled={busy}
            onClick={() => void checkIn(query.trim())}
          >
            {t(hd.issueUnverified)}
          </button>
        </>
      )}
    </div>
  );
}

function Citizen({ citizen }: { citizen: HelpDeskCitizenView }) {
  const t = useText();
  const language = useLanguage((s) => s.language);
  const { busy, checkIn, print } = useHelpDesk();
  const { ticket, visit, application } = citizen;
  return (
    <article className="citizen" data-testid="citizen" data-booking={citizen.bookingCode}>
      <h2 data-testid="citizen-name">{citizen.unverified ? t(hd.unverified) : citizen.fullName}</h2>
      <dl>
        <dt>{t(hd.bookingCode)}</dt>
        <dd>{citizen.bookingCode}</dd>
        {!citizen.unverified && (
          <>
            <dt>{t(hd.nik)}</dt>
            <dd>{citizen.nik}</dd>
            <dt>{t(hd.birthDate)}</dt>
            <dd>{writtenDate(citizen.birthDate, language)}</dd>
          </>
        )}
        <dt>{t(hd.schedule)}</dt>
        <dd data-testid="schedule">
          {spokenDate(citizen.appointmentDate, language)}, {citizen.window.start}–{citizen.window.end}
          {!citizen.today && <strong> ({t(hd.notToday)})</strong>}
        </dd>
        <dt>{t(hd.checkedIn)}</dt>
        <dd data-testid="ticket-status" data-checked-in={ticket ? 'yes' : 'no'}>
          {ticket ? (
            <>
              <strong data-testid="ticket-number">{ticket.number}</strong> · {t(ticket.lane)} ·{' '}
              {ticket.issuedAt.slice(11, 16)}
              {ticket.unverified && <strong> · {t(hd.unverified)}</strong>}
              <br />
              <span data-testid="prints">
                {t(hd.printedTimes)} {ticket.printed} {t(hd.times)} · {t(hd.reprintsLeft)}:{' '}
                {ticket.reprintsLeft}
              </span>
            </>
          ) : (
            t(hd.notCheckedIn)
          )}
        </dd>
        <dt>{t(hd.call)}</dt>
        <dd data-testid="call-status" data-called={visit?.called ? 'yes' : 'no'}>
          {visit ? (
            <>
              {visit.called ? '' : `${t(hd.notCalled)} · `}
              {t(visit.stage.name)}:{' '}
              {t(visitStatusTexts[visit.status] ?? { id: visit.status, en: visit.status })}
              {visit.counter !== null && ` · ${t(texts.counter)} ${visit.counter}`}
            </>
          ) : (
            '—'
          )}
        </dd>
        <dt>{t(hd.application)}</dt>
        <dd data-testid="application-status">
          {application ? (
            <>
              {application.number} ·{' '}
              {t(
                application.printState
                  ? (printStateTexts[application.printState] ?? { id: '', en: '' })
                  : (applicationStatusTexts[application.status] ?? { id: '', en: '' }),
              )}
            </>
          ) : (
            t(hd.noApplication)
          )}
        </dd>
        <dt>{t(hd.pickupDate)}</dt>
        <dd data-testid="pickup-date">
          {application?.pickupDate ? spokenDate(application.pickupDate, language) : '—'}
        </dd>
      </dl>
      <div className="row">
        {!ticket && citizen.today && (
          <button
            type="button"
            className="primary"
            data-testid="check-in"
            disabled={busy}
            onClick={() => void checkIn(citizen.bookingCode)}
          >
            {t(hd.checkIn)}
          </button>
        )}
        {ticket && (
          <button
            type="button"
            data-testid="print-ticket"
            disabled={busy}
            onClick={() => void print(ticket.id)}
          >
            {t(ticket.printed > 0 ? hd.reprint : hd.print)}
          </button>
        )}
      </div>
    </article>
  );
}

function Notice() {
  const t = useText();
  const notice = useHelpDesk((s) => s.notice);
  if (!notice) return null;
  if (notice.kind === 'refused')
    return (
      <p className="message" role="alert" data-testid="desk-notice" data-code={notice.refusal.code}>
        {t(notice.refusal.text)}
      </p>
    );
  if (notice.kind === 'issued')
    return (
      <p className="notice" role="status" data-testid="desk-notice" data-outcome="issued">
        {t(notice.repeated ? hd.already : hd.issued)}: <strong>{notice.number}</strong>
        {notice.unverified && <strong> · {t(hd.unverified)}</strong>}
      </p>
    );
  return (
    <p
      className={notice.printed ? 'notice' : 'message'}
      role="status"
      data-testid="desk-notice"
      data-outcome={notice.printed ? 'printed' : 'not-printed'}
    >
      <strong>{notice.number}</strong> —{' '}
      {notice.printed ? t(hd.printed) : notice.message && t(notice.message)}
    </p>
  );
}

/** A reprint past the limit: another supervisor's username and PIN, typed here, approve it. */
function Approval() {
  const t = useText();
  const { approvalFor, busy, print, cancelApproval } = useHelpDesk();
  const [username, setUsername] = useState('');
  const [secret, setSecret] = useState('');
  if (!approvalFor) return null;
  return (
    <form
      className="approval"
      data-testid="reprint-approval"
      onSubmit={(event) => {
        event.preventDefault();
        if (!username.trim() || !secret) return;
        void print(approvalFor.ticketId, { username: username.trim(), secret });
        setSecret('');
      }}
    >
      <h2>
        {t(hd.approvalTitle)}: {approvalFor.number}
      </h2>
      <p>{t(hd.approvalHelp)}</p>
      <div className="row">
        <label>
          {t(hd.supervisorUsername)}
          <input
            name="supervisor"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label>
          {t(hd.supervisorPin)}
          <input
            name="supervisor-pin"
            type="password"
            inputMode="numeric"
            autoComplete="off"
            value={secret}
            onChange={(e) => setSecret(e.target.value)}
          />
        </label>
        <button type="submit" className="primary" disabled={busy || !username.trim() || !secret}>
          {t(hd.approveAndPrint)}
        </button>
        <button type="button" onClick={cancelApproval}>
          {t(hd.cancel)}
        </button>
      </div>
    </form>
  );
}
