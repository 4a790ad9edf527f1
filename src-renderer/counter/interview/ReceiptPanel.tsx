import { useState } from 'react';
import type { ApplicationView } from '../../../src-main/api/applicationViews.ts';
import type { OutputOf } from '../../../src-main/api/contract.ts';
import { call, OperationError } from '../../shared/client.ts';
import { useText } from '../../shared/i18n.ts';
import { PickupDate } from './FinishPanel.tsx';
import { useInterview } from './store.ts';
import { interviewTexts as it } from './texts.ts';

/**
 * After the interview: the outcome, the pickup date the receipt carries, and the receipt printed
 * on this counter's printer (again if it failed). The officer closes it for the next applicant.
 */
export function ReceiptPanel({ application }: { application: ApplicationView }) {
  const t = useText();
  const close = useInterview((s) => s.close);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<OutputOf<'printReceipt'> | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const print = async () => {
    setBusy(true);
    setProblem(null);
    try {
      setResult(await call('printReceipt', { applicationId: application.id }));
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setBusy(false);
    }
  };
  const goesOn = application.status === 'adjudication';
  return (
    <section className="interview ended" data-testid="interview-ended" data-status={application.status}>
      <h2>
        {t(goesOn ? it.ended : application.status === 'postponed' ? it.postponed : it.refused)} ·{' '}
        <strong data-testid="application-number">{application.number}</strong>
      </h2>
      {application.outcomeReason && <p data-testid="outcome-reason-shown">{application.outcomeReason}</p>}
      {goesOn && (
        <>
          <PickupDate pickup={application.pickup} />
          <div className="row">
            <button
              type="button"
              className="primary big-officer"
              disabled={busy}
              onClick={() => void print()}
              data-testid="print-receipt"
            >
              {t(it.printReceipt)}
            </button>
          </div>
          {result?.printed && (
            <p className="notice" role="status" data-testid="receipt-printed">
              {t(it.receiptPrinted)}
            </p>
          )}
          {result && !result.printed && result.message && (
            <p className="message" role="alert" data-testid="receipt-problem">
              {t(result.message)}
            </p>
          )}
          {problem && (
            <p className="message" role="alert">
              {problem}
            </p>
          )}
        </>
      )}
      <button type="button" onClick={close} data-testid="next-applicant">
        {t(it.nextCitizen)}
      </button>
    </section>
  );
}
