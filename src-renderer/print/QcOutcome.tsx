import { usePrint } from './store.ts';
import { printTexts } from './texts.ts';

/**
 * The last quality check's outcome, above every tab of the print station: passed or failed, each
 * differing field with the application's value and the value read, in Bahasa Indonesia with the
 * English line beneath. It stays until the operator dismisses it (or the next check replaces it).
 */
export function QcOutcomePanel() {
  const outcome = usePrint((s) => s.qcOutcome);
  const dismiss = usePrint((s) => s.dismissQcOutcome);
  if (!outcome) return null;
  return (
    <section
      className={`qc-outcome ${outcome.passed ? 'passed' : 'failed'}`}
      data-testid="qc-outcome"
      data-passed={outcome.passed ? 'yes' : 'no'}
      data-job={outcome.jobId}
      role={outcome.passed ? 'status' : 'alert'}
    >
      <div className="qc-outcome-text">
        <p className="qc-headline" lang="id">
          {outcome.message.id}
        </p>
        <p className="qc-secondary" lang="en">
          {outcome.message.en}
        </p>
        {outcome.findings.length > 0 && (
          <ul className="qc-findings" data-testid="qc-findings">
            {outcome.findings.map((finding) => (
              <li key={finding.id} data-testid="qc-finding">
                <span lang="id">{finding.id}</span>
                <span className="qc-secondary" lang="en">
                  {finding.en}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <button type="button" data-testid="qc-dismiss" onClick={dismiss}>
        {printTexts.dismiss.id} / {printTexts.dismiss.en}
      </button>
    </section>
  );
}
