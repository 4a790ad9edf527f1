import { useCallback, useEffect, useState } from 'react';
import type { QuotaView, TicketView } from '../../src-main/api/views.ts';
import { call } from '../shared/client.ts';
import { texts, useLanguage, useText } from '../shared/i18n.ts';
import { useKiosk, type KioskScreen, type PrintState } from './store.ts';
import { useWedgeScanner } from './useWedgeScanner.ts';
import { PickupStatus } from './PickupStatus.tsx';
import { useStationDevices, type DeviceStateView } from '../shared/devices.ts';
import { SurveyFlow } from '../feedback/SurveyFlow.tsx';

// The dash where a keyboard has it, beside the 0; codes typed without it are found all the same.
const keyboardRows = ['1234567890-', 'QWERTYUIOP', 'ASDFGHJKL', 'ZXCVBNM'];
/** How long a result stays on screen before the kiosk is ready for the next citizen. */
const holdMs = {
  ticket: 20_000,
  unprinted: 60_000,
  error: 12_000,
  typing: 60_000,
  priority: 30_000,
  pickup: 20_000,
} as const;
const priorityLanes = ['lansia', 'disabilitas', 'hamil', 'balita'] as const;

export function KioskApp() {
  const screen = useKiosk((s) => s.screen);
  const scan = useKiosk((s) => s.scan);
  const scanTooLong = useKiosk((s) => s.scanTooLong);
  const backToIdle = useKiosk((s) => s.backToIdle);
  const resetLanguage = useLanguage((s) => s.reset);
  const onScan = useCallback((text: string) => void scan(text), [scan]);
  useWedgeScanner(onScan, scanTooLong);
  // A serial or HID scanner the hub reads for this kiosk hands its codes over the event stream.
  const { devices, status } = useStationDevices((device) => onScan(device.text));
  // Discreet: the citizen is served either way; staff see at a glance that the kiosk is on its own.
  const offline = status === 'reconnecting' || (screen.kind === 'ticket' && screen.ticket.issuedOffline);

  useEffect(() => {
    // The survey clears itself when left alone (SurveyFlow's own timeout), not after a fixed hold.
    if (screen.kind === 'idle' || screen.kind === 'working' || screen.kind === 'survey') return;
    const hold =
      screen.kind === 'ticket' && screen.print.kind === 'failed' ? holdMs.unprinted : holdMs[screen.kind];
    const timer = window.setTimeout(() => {
      backToIdle();
      resetLanguage(); // the next citizen starts in Bahasa Indonesia
    }, hold);
    return () => window.clearTimeout(timer);
  }, [screen, backToIdle, resetLanguage]);

  return (
    <main className="kiosk" data-screen={screen.kind}>
      <TopBar offline={offline} />
      {/* A ticket that did not print says why itself: the printer's line would say it twice. */}
      <DeviceProblems
        devices={
          screen.kind === 'ticket' && screen.print.kind === 'failed'
            ? devices.filter((d) => d.slot !== 'ticketPrinter')
            : devices
        }
      />
      {screen.kind === 'idle' && <Idle />}
      {screen.kind === 'typing' && <Typing text={screen.text} />}
      {screen.kind === 'priority' && <PriorityChoice />}
      {screen.kind === 'working' && <Working />}
      {screen.kind === 'ticket' && <Ticket ticket={screen.ticket} print={screen.print} />}
      {screen.kind === 'pickup' && <PickupStatus status={screen.status} ticket={screen.ticket} />}
      {screen.kind === 'error' && <Refusal screen={screen} />}
      {screen.kind === 'survey' && <SurveyFlow request={screen.request} onFinished={backToIdle} />}
    </main>
  );
}

function TopBar({ offline }: { offline: boolean }) {
  const t = useText();
  const toggle = useLanguage((s) => s.toggle);
  return (
    <header className="top-bar">
      <span className="brand">Loket</span>
      {offline && (
        <span className="mark offline" role="status" data-testid="offline-badge">
          {t(texts.offline)}
        </span>
      )}
      <button type="button" className="language" onClick={toggle} data-testid="language">
        {t(texts.switchLanguage)}
      </button>
    </header>
  );
}

/**
 * A device that is not ready, in words a citizen can act on: type instead of scanning, or note the
 * number from the screen. The supervisor's floor shows the same state with its technical cause.
 */
function DeviceProblems({ devices }: { devices: DeviceStateView[] }) {
  const t = useText();
  const down = devices.filter((d) => d.state === 'error' || d.state === 'disconnected');
  if (!down.length) return null;
  return (
    <div className="device-problems" role="alert">
      {down.map((d) => (
        <p
          key={d.slot}
          className="notice warn"
          data-testid="device-problem"
          data-slot={d.slot}
          data-state={d.state}
        >
          {t(d.slot === 'scanner' ? texts.scannerDown : texts.printerDown)}
          {d.problem && <span className="cause"> ({t(d.problem)})</span>}
        </p>
      ))}
    </div>
  );
}

function Idle() {
  const t = useText();
  const { startTyping, choosePriority, priority, setPriority } = useKiosk();
  return (
    <section className="screen idle" aria-live="polite">
      <h1>{t(texts.welcome)}</h1>
      {priority && (
        <p className="notice chosen" data-testid="priority-chosen">
          {t(texts.priorityChosen)}: <strong>{t(texts[priority])}</strong>. {t(texts.priorityVerify)}{' '}
          {t(texts.priorityThenScan)}
        </p>
      )}
      <p className="lead">{t(texts.scanPrompt)}</p>
      <div className="scan-arrow" aria-hidden="true">
        ↓
      </div>
      <div className="actions">
        <button type="button" className="big secondary" onClick={startTyping} data-testid="type-instead">
          {t(texts.typeInstead)}
        </button>
        {priority ? (
          <button type="button" className="big secondary" onClick={() => setPriority(null)}>
            {t(texts.cancel)}
          </button>
        ) : (
          <button type="button" className="big secondary" onClick={choosePriority} data-testid="priority">
            {t(texts.priorityButton)}
          </button>
        )}
      </div>
      <TodaysQuota />
    </section>
  );
}

function PriorityChoice() {
  const t = useText();
  const { setPriority, backToIdle } = useKiosk();
  return (
    <section className="screen priority">
      <h1>{t(texts.priorityTitle)}</h1>
      <p className="lead">{t(texts.priorityVerify)}</p>
      <div className="choices">
        {priorityLanes.map((lane) => (
          <button type="button" key={lane} className="big secondary" onClick={() => setPriority(lane)}>
            {t(texts[lane])}
          </button>
        ))}
      </div>
      <button type="button" className="big secondary" onClick={backToIdle}>
        {t(texts.cancel)}
      </button>
    </section>
  );
}

/**
 * Today's windows still ahead with tickets taken / quota, each lane in its own column, so a citizen
 * sees the room in their own lane and nobody needs a broker to learn what is left.
 */
function TodaysQuota() {
  const t = useText();
  const [quota, setQuota] = useState<QuotaView | null>(null);
  useEffect(() => {
    const load = () => void call('todaysQuota', {}).then(setQuota, () => setQuota(null));
    load();
    const timer = window.setInterval(load, 30_000);
    return () => window.clearInterval(timer);
  }, []);
  const ahead = quota?.windows.filter((w) => !w.past) ?? [];
  if (!ahead.length) return null;
  const lanes = ['regular', ...priorityLanes] as const;
  return (
    <table className="quota" data-testid="quota">
      <caption>{t(texts.quotaTitle)}</caption>
      <thead>
        <tr>
          <th />
          {lanes.map((lane) => (
            <th key={lane} scope="col" data-lane={lane}>
              {t(quotaHeading[lane])}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {ahead.map((w) => (
          <tr key={w.number}>
            <th scope="row">
              {w.start}–{w.end}
            </th>
            {lanes.map((lane) => {
              const room = w.lanes.find((l) => l.lane === lane);
              return (
                <td
                  key={lane}
                  data-lane={lane}
                  className={room && room.used >= room.total ? 'full' : undefined}
                >
                  {room ? `${room.used} / ${room.total}` : '–'}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The quota table's column heads: short, for five columns on a kiosk. */
const quotaHeading = {
  regular: texts.quotaRegular,
  lansia: texts.quotaLansia,
  disabilitas: texts.quotaDisabilitas,
  hamil: texts.quotaHamil,
  balita: texts.quotaBalita,
} as const;

function Typing({ text }: { text: string }) {
  const t = useText();
  const { type, erase, backToIdle, scan } = useKiosk();
  return (
    <section className="screen typing">
      <h1>{t(texts.typeTitle)}</h1>
      <output className="typed" data-testid="typed">
        {text || '\u00a0'}
      </output>
      <div className="keyboard">
        {keyboardRows.map((row) => (
          <div className="row" key={row}>
            {[...row].map((key) => (
              <button type="button" key={key} onClick={() => type(key)}>
                {key}
              </button>
            ))}
          </div>
        ))}
      </div>
      <div className="actions">
        <button type="button" className="big secondary" onClick={backToIdle}>
          {t(texts.cancel)}
        </button>
        <button type="button" className="big secondary" onClick={erase}>
          {t(texts.erase)}
        </button>
        <button
          type="button"
          className="big primary"
          disabled={text.length < 6}
          onClick={() => void scan(text)}
        >
          {t(texts.ok)}
        </button>
      </div>
    </section>
  );
}

function Working() {
  const t = useText();
  return (
    <section className="screen working" aria-busy="true">
      <p className="lead">{t(texts.working)}</p>
    </section>
  );
}

function PrintNotice({ print }: { print: PrintState }) {
  const t = useText();
  if (print.kind === 'printing') return <p className="notice">{t(texts.printing)}</p>;
  if (print.kind === 'printed') {
    return (
      <p className="notice" data-testid="print-state" data-print="printed">
        {t(texts.takeTicket)}
      </p>
    );
  }
  // The reprints are used up: the printer is fine, so nothing about paper or noting the number.
  if (print.kind === 'refused') {
    return (
      <p className="notice warn" data-testid="print-state" data-print="refused">
        {t(print.message)}
      </p>
    );
  }
  return (
    <div className="notice warn" data-testid="print-state" data-print="failed">
      <p>{t(print.message)}</p>
      <p>{t(texts.notPrinted)}</p>
    </div>
  );
}

function Ticket({ ticket, print }: { ticket: TicketView; print: PrintState }) {
  const t = useText();
  const backToIdle = useKiosk((s) => s.backToIdle);
  return (
    <section className="screen ticket" aria-live="assertive">
      <p className="label">{t(texts.yourNumber)}</p>
      <p className="number" data-testid="ticket-number">
        {ticket.number}
      </p>
      <dl className="facts">
        <dt>{t(texts.name)}</dt>
        <dd data-testid="initials">{ticket.citizen.initials}</dd>
        <dt>{t(texts.lane)}</dt>
        <dd>{t(ticket.lane.name)}</dd>
        <dt>{t(texts.window)}</dt>
        <dd data-testid="window">
          {ticket.window.start}–{ticket.window.end}
        </dd>
        <dt>{t(texts.expectedCall)}</dt>
        <dd data-testid="expected-call">{ticket.expectedCallAt}</dd>
        <dt>{t(texts.waitIn)}</dt>
        <dd>{t(ticket.area)}</dd>
      </dl>
      {ticket.unverifiedNotice && (
        <p className="notice warn" data-testid="unverified">
          {t(ticket.unverifiedNotice)}
        </p>
      )}
      {ticket.standbyReason && <p className="notice warn">{t(ticket.standbyReason)}</p>}
      {ticket.lane.priority && <p className="notice">{t(texts.priorityVerify)}</p>}
      {ticket.repeated && <p className="notice">{t(texts.alreadyHad)}</p>}
      {ticket.issuedOffline && (
        <p className="notice" data-testid="issued-offline">
          {t(texts.issuedOffline)}
        </p>
      )}
      <PrintNotice print={print} />
      <button type="button" className="big primary" onClick={backToIdle}>
        {t(texts.done)}
      </button>
    </section>
  );
}

function Refusal({ screen }: { screen: Extract<KioskScreen, { kind: 'error' }> }) {
  const t = useText();
  const backToIdle = useKiosk((s) => s.backToIdle);
  const comeBackAt = typeof screen.details.comeBackAt === 'string' ? screen.details.comeBackAt : null;
  return (
    <section className="screen error" role="alert" data-code={screen.code}>
      {!comeBackAt && (
        <p className="symbol" aria-hidden="true">
          !
        </p>
      )}
      {comeBackAt && (
        <p className="come-back">
          {t(texts.comeBackAt)} <strong data-testid="come-back-at">{comeBackAt}</strong>
        </p>
      )}
      <p className="message" data-testid="error-message">
        {t(screen.message)}
      </p>
      {screen.details.helpDesk === true && (
        <p className="notice" data-testid="help-desk">
          {t(texts.helpDeskCan)}
        </p>
      )}
      <button type="button" className="big primary" onClick={backToIdle}>
        {t(texts.done)}
      </button>
    </section>
  );
}
