import { useEffect, useState } from 'react';
import { OfficerBar, OfficerGate } from '../counter/OfficerForms.tsx';
import { useFloorEvents, type StreamedEvent } from '../shared/events.ts';
import { texts, useText } from '../shared/i18n.ts';
import { Booklets } from './Booklets.tsx';
import { Handover } from './Handover.tsx';
import { QcOutcomePanel } from './QcOutcome.tsx';
import { PrintQueue, QualityCheck } from './Queue.tsx';
import { usePrint, usePrintSession } from './store.ts';
import { printTexts } from './texts.ts';

/** The queue is passive and cheap: poll it besides the events, for the projections' clock. */
const reloadEveryMs = 5000;

const touchesPrinting = ({ type }: StreamedEvent): boolean =>
  type.startsWith('passport.') ||
  type.startsWith('booklet.') ||
  type.startsWith('booklets.') ||
  type.startsWith('printer.') ||
  type === 'application.adjudicated';

const tabs = ['queue', 'qc', 'booklets', 'handover'] as const;
type Tab = (typeof tabs)[number];

export function PrintApp() {
  const refresh = usePrint((s) => s.refresh);
  const scanned = usePrint((s) => s.scanned);
  // The station's own scanner (a document reader the hub drives) reads booklets and printed MRZs.
  const status = useFloorEvents({
    onEvent: (event) => {
      if (touchesPrinting(event)) void refresh();
    },
    // Every hello, the first too: what changed between the first load and the stream's start.
    onConnected: () => void refresh(),
    onScan: (scan) => void scanned(scan.text),
  });
  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), reloadEveryMs);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return (
    <OfficerGate useSession={usePrintSession} withCounter={false}>
      <PrintFloor reconnecting={status === 'reconnecting'} />
    </OfficerGate>
  );
}

function PrintFloor({ reconnecting }: { reconnecting: boolean }) {
  const t = useText();
  const [tab, setTab] = useState<Tab>('queue');
  const queue = usePrint((s) => s.queue);
  const scanNotice = usePrint((s) => s.scanNotice);
  const { officer, signOut } = usePrintSession();
  if (!queue) return null;
  return (
    <main className="officer print-screen" data-screen="print">
      <OfficerBar title={t(printTexts.title)} reconnecting={reconnecting}>
        <span className="who">{officer}</span>
        <button type="button" onClick={() => void signOut()}>
          {t(texts.signOut)}
        </button>
      </OfficerBar>
      <nav className="print-tabs" role="tablist">
        {tabs.map((name) => (
          <button
            key={name}
            type="button"
            role="tab"
            aria-pressed={tab === name}
            data-tab={name}
            onClick={() => setTab(name)}
          >
            {t(printTexts[name])}
            {name === 'qc' && queue.printed.length > 0 && ` (${queue.printed.length})`}
          </button>
        ))}
      </nav>
      <QcOutcomePanel />
      {scanNotice && (
        <p
          className={scanNotice.ok ? 'scan-notice ok' : 'scan-notice problem'}
          data-testid="scan-notice"
          role="status"
        >
          {t(scanNotice.text)}
        </p>
      )}
      {tab === 'queue' && <PrintQueue queue={queue} />}
      {tab === 'qc' && <QualityCheck jobs={queue.printed} simulatedReader={queue.simulatedReader} />}
      {tab === 'booklets' && <Booklets today={queue.now.slice(0, 10)} />}
      {tab === 'handover' && <Handover />}
    </main>
  );
}
