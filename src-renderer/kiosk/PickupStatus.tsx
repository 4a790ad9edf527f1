import type { PickupStatusView } from '../../src-main/api/applicationViews.ts';
import { spokenDateText } from '../counter/interview/dates.ts';
import { texts, useText } from '../shared/i18n.ts';
import { feedbackTexts } from '../feedback/texts.ts';
import { useKiosk, type PickupTicket } from './store.ts';

const words = {
  title: { id: 'Status paspor Anda', en: 'Your passport status' },
  application: { id: 'Nomor permohonan', en: 'Application number' },
  pickupDate: { id: 'Tanggal pengambilan', en: 'Pickup date' },
  pickupHours: { id: 'Jam pengambilan', en: 'Pickup hours' },
  takeNumber: { id: 'Ambil nomor antrean pengambilan', en: 'Take a pickup number' },
  yourNumber: { id: 'Nomor pengambilan Anda', en: 'Your pickup number' },
  goToHandover: {
    id: 'Tunggu nomor ini dipanggil di loket pengambilan. Bawa tanda terima dan KTP.',
    en: 'Wait for this number at the pickup counter. Bring your receipt and KTP.',
  },
  comeOn: { id: 'Datang pada', en: 'Come on' },
  bring: {
    id: 'Bawa tanda terima dan KTP, lalu pindai tanda terima di kios ini untuk mengambil nomor antrean.',
    en: 'Bring your receipt and KTP, then scan the receipt at this kiosk to take a queue number.',
  },
};

const indonesianTime = (time: string) => time.replace(':', '.');

/**
 * A scanned receipt: the application's status and the same pickup date the receipt and the
 * counter show. A public screen: initials only.
 */
export function PickupStatus({ status, ticket }: { status: PickupStatusView; ticket: PickupTicket | null }) {
  const t = useText();
  const backToIdle = useKiosk((s) => s.backToIdle);
  const takePickupTicket = useKiosk((s) => s.takePickupTicket);
  const openSurvey = useKiosk((s) => s.openSurvey);
  return (
    <section
      className="screen pickup"
      aria-live="polite"
      data-testid="pickup-status"
      data-status={status.status}
    >
      <h1>{t(words.title)}</h1>
      <p>
        {t(words.application)}: <strong data-testid="pickup-application">{status.applicationNumber}</strong> ·{' '}
        {status.initials}
      </p>
      <p className="lead" data-testid="pickup-status-text">
        {t(status.statusText)}
      </p>
      {/* When to come says the date and the hours once; the lines below would repeat them. */}
      {status.pickupDate && !status.comeOn && (
        <p>
          {t(words.pickupDate)}:{' '}
          <strong className="big-date" data-testid="pickup-date" data-date={status.pickupDate}>
            {t(spokenDateText(status.pickupDate))}
          </strong>
        </p>
      )}
      {status.comeOn && (
        <div className="pickup-come-on" data-testid="pickup-come-on" data-date={status.comeOn.date}>
          <p>{t(words.comeOn)}</p>
          <p className="big-date">{t(spokenDateText(status.comeOn.date))}</p>
          <p className="big-date">
            {t({
              id: `pukul ${indonesianTime(status.comeOn.open)}–${indonesianTime(status.comeOn.close)}`,
              en: `${status.comeOn.open}–${status.comeOn.close}`,
            })}
          </p>
          <p>{t(words.bring)}</p>
        </div>
      )}
      <p data-testid="pickup-summary">{t(status.pickupSummary)}</p>
      {status.pickupHours && !status.comeOn && (
        <p>
          {t(words.pickupHours)}: {status.pickupHours.open}–{status.pickupHours.close}
        </p>
      )}
      {status.status === 'ready' && !ticket && (
        <button
          type="button"
          className="big primary"
          data-testid="take-pickup-ticket"
          onClick={() => void takePickupTicket()}
        >
          {t(words.takeNumber)}
        </button>
      )}
      {ticket && (
        <div className="pickup-ticket" data-testid="pickup-ticket">
          <p>{t(words.yourNumber)}</p>
          <p className="ticket-number" data-testid="pickup-number">
            {ticket.number}
          </p>
          <p>{t(words.goToHandover)}</p>
        </div>
      )}
      <div className="actions">
        {/* The survey is about the visit that ended with the handover: offered once it has. */}
        {status.status === 'handed_over' && (
          <button type="button" className="big secondary" data-testid="kiosk-survey" onClick={openSurvey}>
            {t(feedbackTexts.kioskOpen)}
          </button>
        )}
        <button type="button" className="big" onClick={backToIdle}>
          {t(texts.done)}
        </button>
      </div>
    </section>
  );
}
