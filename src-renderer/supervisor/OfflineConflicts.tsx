import { texts, useText } from '../shared/i18n.ts';
import type { OfflineConflicts as OfflineConflictsView } from './store.ts';

/** HH:MM of an office-local ISO time. */
const clock = (iso: string) => iso.slice(11, 16);

/**
 * Bookings checked in at two kiosks while they were cut off from the hub: the first ticket is
 * kept and the other voided. The supervisor sees every case, to tell the citizen holding the
 * voided slip (or a broker holding two) which number counts; and any command a station queued
 * while apart that the hub turned away (a counter's result after its session locked, say), or
 * that an outbox has been stuck on for minutes (the hub failing on it), with the hub's answer.
 */
export function OfflineConflicts({ conflicts }: { conflicts: OfflineConflictsView }) {
  const t = useText();
  return (
    <section className="panel conflicts-panel">
      <h2>{t(texts.offlineConflicts)}</h2>
      {conflicts.conflicts.length === 0 ? (
        <p className="quiet">{t(texts.offlineConflictsNone)}</p>
      ) : (
        <table className="counts" data-testid="offline-conflicts">
          <thead>
            <tr>
              <th>{t(texts.booking)}</th>
              <th>{t(texts.ticketKept)}</th>
              <th>{t(texts.ticketVoided)}</th>
              <th>{t(texts.conflictFound)}</th>
            </tr>
          </thead>
          <tbody>
            {conflicts.conflicts.map((c) => (
              <tr key={c.id} data-booking={c.bookingCode}>
                <td>{c.bookingCode}</td>
                <td className="figure" data-testid="kept">
                  {c.kept.number} <span className="quiet">{clock(c.kept.issuedAt)}</span>
                </td>
                <td className="figure" data-testid="voided">
                  {c.voided.number} <span className="quiet">{clock(c.voided.issuedAt)}</span>
                </td>
                <td>{clock(c.foundAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {conflicts.refused.length > 0 && (
        <>
          <h3>{t(texts.refusedCommands)}</h3>
          <table className="counts" data-testid="refused-commands">
            <thead>
              <tr>
                <th>{t(texts.station)}</th>
                <th>{t(texts.commandRefused)}</th>
                <th>{t(texts.refusalReason)}</th>
                <th>{t(texts.conflictFound)}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.refused.map((c) => (
                <tr key={c.id} data-operation={c.operation}>
                  <td>{c.station}</td>
                  <td>{c.operation}</td>
                  <td>
                    {t(c.message)} <span className="quiet">{c.code}</span>
                  </td>
                  <td>{clock(c.at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {conflicts.stuck.length > 0 && (
        <>
          <h3>{t(texts.stuckCommands)}</h3>
          <table className="counts" data-testid="stuck-commands">
            <thead>
              <tr>
                <th>{t(texts.station)}</th>
                <th>{t(texts.commandRefused)}</th>
                <th>{t(texts.hubAnswer)}</th>
                <th>{t(texts.failingSince)}</th>
              </tr>
            </thead>
            <tbody>
              {conflicts.stuck.map((c) => (
                <tr key={c.id} data-operation={c.operation}>
                  <td>{c.station}</td>
                  <td>
                    {c.operation} <span className="quiet">{c.id}</span>
                  </td>
                  <td>
                    {t(c.message)}{' '}
                    <span className="quiet">
                      {c.status} {c.code}
                    </span>
                  </td>
                  <td>
                    {clock(c.since)} <span className="quiet">×{c.attempts}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
