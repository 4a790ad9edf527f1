import { useState } from 'react';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import { call } from '../shared/client.ts';
import { useText } from '../shared/i18n.ts';
import { useAttempt } from '../supervisor/useAttempt.ts';
import { usePrint, type PrintJob, type PrintQueue as Queue } from './store.ts';
import { printTexts } from './texts.ts';

const clock = (at: string | null) => (at ? `${at.slice(11, 16)} · ${at.slice(0, 10)}` : '–');

/** The queue, earliest promise first: the printer, the promises at risk, and the head job's booklet and print. */
export function PrintQueue({ queue }: { queue: Queue }) {
  const t = useText();
  const refresh = usePrint((s) => s.refresh);
  const { problem, attempt } = useAttempt(() => void refresh());
  const printer = queue.printer;
  const head = queue.queue[0] ?? null;
  // The last print's answer outlives its job leaving the head of the queue.
  const [printed, setPrinted] = useState<PrintAnswer | null>(null);
  return (
    <section className="panel print-panel" data-testid="print-queue">
      <div className="print-head">
        <span>{t(printTexts.printer)}:</span>
        <span
          className={`state printer-${printer?.state ?? 'offline'}`}
          data-testid="printer-state"
          data-state={printer?.state ?? 'none'}
        >
          {printer ? t(printTexts[printer.state]) : t(printTexts.noPrinter)}
          {printer?.reason && ` — ${printer.reason}`}
        </span>
        {printer && (
          <button
            type="button"
            data-testid="pause-button"
            onClick={() => void attempt(() => call('pausePrinter', { paused: !printer.paused }))}
          >
            {t(printer.paused ? printTexts.resume : printTexts.pause)}
          </button>
        )}
        <span className="spacer" />
        <span data-testid="pace">
          {t(printTexts.pace)}: {Math.round(queue.pace.secondsPerPassport)} {t(printTexts.secondsPerPassport)}{' '}
          ({t(printTexts[queue.pace.basis])})
        </span>
      </div>
      {queue.atRisk.length > 0 && (
        <div className="promise-warning" role="alert" data-testid="promise-warning">
          {t(printTexts.promiseWarning)}{' '}
          {queue.atRisk.map((r) => (
            <span key={r.applicationNumber} className="at-risk-item">
              {r.applicationNumber} ({r.promisedDate}; {t(printTexts.projected)} {clock(r.projectedFinish)})
            </span>
          ))}
        </div>
      )}
      {problem && (
        <p className="message" role="alert" data-testid="print-problem">
          {problem}
        </p>
      )}
      {head && <HeadJob key={head.id} job={head} onPrinted={setPrinted} />}
      {printed && (
        <p
          className={printed.printed ? 'done' : 'message'}
          role="status"
          data-testid="print-result"
          data-printed={printed.printed ? 'yes' : 'no'}
        >
          {printed.applicationNumber}:{' '}
          {printed.printed ? t(printTexts.printed) : printed.message ? t(printed.message) : ''}
        </p>
      )}
      {queue.queue.length === 0 ? (
        <p className="quiet">{t(printTexts.emptyQueue)}</p>
      ) : (
        <table className="counts print-jobs">
          <thead>
            <tr>
              <th>{t(printTexts.position)}</th>
              <th>{t(printTexts.applicationNumber)}</th>
              <th>{t(printTexts.name)}</th>
              <th>{t(printTexts.passportType)}</th>
              <th>{t(printTexts.promised)}</th>
              <th>{t(printTexts.finish)}</th>
              <th>{t(printTexts.atRisk)}</th>
              <th>{t(printTexts.bookletSerial)}</th>
              <th>{t(printTexts.attempts)}</th>
              <th>{t(printTexts.lastError)}</th>
            </tr>
          </thead>
          <tbody>
            {queue.queue.map((job) => (
              <tr key={job.id} data-job={job.id} className={job.atRisk ? 'at-risk' : undefined}>
                <td className="figure">{job.position ?? '–'}</td>
                <td>{job.applicationNumber}</td>
                <td>{job.fullName}</td>
                <td>{t(printTexts[job.passportType])}</td>
                <td>{job.promisedDate}</td>
                <td>{clock(job.projectedFinish)}</td>
                <td>{job.atRisk ? '⚠' : ''}</td>
                <td>{job.bookletSerial ?? '–'}</td>
                <td className="figure">{job.attempts}</td>
                <td>{job.lastError ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The job at the head: the scanner types the blank booklet's serial and Enter, then the operator prints. */
interface PrintAnswer {
  applicationNumber: string;
  printed: boolean;
  message: Bilingual | null;
}

function HeadJob({ job, onPrinted }: { job: PrintJob; onPrinted(answer: PrintAnswer | null): void }) {
  const t = useText();
  const refresh = usePrint((s) => s.refresh);
  const { problem, attempt } = useAttempt(() => void refresh());
  const [serial, setSerial] = useState('');
  return (
    <div className="head-job" data-testid="head-job" data-job={job.id}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            await call('scanBooklet', { jobId: job.id, text: serial });
            setSerial('');
          });
        }}
      >
        <label>
          {t(printTexts.scanBooklet)} {job.applicationNumber}
          <input
            data-testid="booklet-input"
            value={serial}
            autoFocus
            onChange={(event) => setSerial(event.target.value)}
          />
        </label>
      </form>
      <button
        type="button"
        className="primary"
        data-testid="print-button"
        disabled={!job.bookletSerial}
        onClick={() =>
          void attempt(async () => {
            onPrinted(null);
            const answer = await call('printPassport', { jobId: job.id });
            onPrinted({
              applicationNumber: job.applicationNumber,
              printed: answer.printed,
              message: answer.message,
            });
          })
        }
      >
        {t(printTexts.print)} {job.bookletSerial ?? ''}
      </button>
      {problem && (
        <p className="message" role="alert" data-testid="print-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

/** Printed passports: the document reader types the data page's MRZ, the hub compares it. */
export function QualityCheck({ jobs, simulatedReader }: { jobs: PrintJob[]; simulatedReader: boolean }) {
  const t = useText();
  return (
    <section className="panel print-panel" data-testid="qc">
      <h2>{t(printTexts.qc)}</h2>
      <p className="quiet">{t(printTexts.qcHelp)}</p>
      {jobs.length === 0 && <p className="quiet">{t(printTexts.nothingPrinted)}</p>}
      {jobs.map((job) => (
        <PrintedJob key={job.id} job={job} simulatedReader={simulatedReader} />
      ))}
    </section>
  );
}

function PrintedJob({ job, simulatedReader }: { job: PrintJob; simulatedReader: boolean }) {
  const t = useText();
  const refresh = usePrint((s) => s.refresh);
  const checkPrinted = usePrint((s) => s.checkPrinted);
  const { problem, attempt } = useAttempt(() => void refresh());
  const [mrz, setMrz] = useState('');
  const [spoil, setSpoil] = useState({ reason: '', username: '', secret: '' });
  return (
    <div className="printed-job" data-job={job.id}>
      <h3>
        {job.applicationNumber} · {job.fullName} · {job.bookletSerial}
      </h3>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void attempt(async () => {
            await checkPrinted(job, mrz);
            setMrz('');
          });
        }}
      >
        <textarea
          data-testid="qc-input"
          rows={2}
          cols={46}
          className="mrz"
          value={mrz}
          onChange={(event) => setMrz(event.target.value)}
        />
        <button type="submit" data-testid="qc-button">
          {t(printTexts.check)}
        </button>
      </form>
      {simulatedReader && (
        <button
          type="button"
          className="primary"
          data-testid="read-printed-page"
          onClick={() => void attempt(() => call('readPrintedPage', { jobId: job.id }))}
        >
          {t(printTexts.readOnSimulator)}
        </button>
      )}
      {job.bookletSerial && (
        <form
          className="inline-form"
          data-testid="spoil-form"
          onSubmit={(event) => {
            event.preventDefault();
            void attempt(() => call('spoilBooklet', { jobId: job.id, ...spoil }));
          }}
        >
          <label>
            {t(printTexts.reason)}
            <input value={spoil.reason} onChange={(e) => setSpoil({ ...spoil, reason: e.target.value })} />
          </label>
          <label>
            {t(printTexts.supervisor)}
            <input
              value={spoil.username}
              onChange={(e) => setSpoil({ ...spoil, username: e.target.value })}
            />
          </label>
          <label>
            {t(printTexts.pin)}
            <input
              type="password"
              value={spoil.secret}
              onChange={(e) => setSpoil({ ...spoil, secret: e.target.value })}
            />
          </label>
          <button type="submit">{t(printTexts.spoil)}</button>
        </form>
      )}
      {problem && (
        <p className="message" role="alert">
          {problem}
        </p>
      )}
    </div>
  );
}
