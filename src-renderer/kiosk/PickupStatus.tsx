import type { PickupStatusView } from '../../src-main/api/applicationViews.ts';
import { spokenDateText } from '../counter/interview/dates.ts';
import { texts, useText } from '../shared/i18n.ts';
import { useKiosk } from './store.ts';

const words = {
  title: { id: 'Status paspor Anda', en: 'Your passport status' },
  application: { id: 'Nomor permohonan', en: 'Application number' },
  pickupDate: { id: 'Tanggal pengambilan', en: 'Pickup date' },
  pickupHours: { id: 'Jam pengambilan', en: 'Pickup hours' },
};

/**
 * A scanned receipt: the application's status and the same pickup date the receipt and the
 * counter show. A public screen: initials only.
 */
export function PickupStatus({ status }: { status: PickupStatusView }) {
  const t = useText();
  const backToIdle = useKiosk((s) => s.backToIdle);
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
      {status.pickupDate && (
        <p>
          {t(words.pickupDate)}:{' '}
          <strong className="big-date" data-testid="pickup-date" data-date={status.pickupDate}>
            {t(spokenDateText(status.pickupDate))}
          </strong>
        </p>
      )}
      <p data-testid="pickup-summary">{t(status.pickupSummary)}</p>
      {status.pickupHours && (
        <p>
          {t(words.pickupHours)}: {status.pickupHours.open}–{status.pickupHours.close}
        </p>
      )}
      <button type="button" className="big" onClick={backToIdle}>
        {t(texts.done)}
      </button>
    </section>
  );
}
