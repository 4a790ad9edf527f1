import { lazy, Suspense, useEffect, useState } from 'react';
import type { FloorView } from '../../src-main/api/counterViews.ts';
import { touchesOfficerViews } from '../counter/officerSession.ts';
import { OfficerBar, OfficerGate } from '../counter/OfficerForms.tsx';
import { WaitingCounts } from '../counter/WaitingCounts.tsx';
import { useReloadOnEvents } from '../shared/events.ts';
import { texts, useText } from '../shared/i18n.ts';
import { useFloor, useSupervisorSession } from './store.ts';
import { FloorDevices } from './FloorDevices.tsx';
import { OfflineConflicts } from './OfflineConflicts.tsx';
import { AppointmentSync } from './AppointmentSync.tsx';
import { CentralLinkPanel } from './CentralLink.tsx';
import { FloorStations } from './FloorStations.tsx';
import { HolidayCalendar } from './HolidayCalendar.tsx';
import { Adjudication } from './Adjudication.tsx';
import { AuditTrail } from './AuditTrail.tsx';
import { ClaimsAndBreaks } from './ClaimsAndBreaks.tsx';
import { OfficerAccounts } from './OfficerAccounts.tsx';
import { TrainingClock } from './TrainingClock.tsx';
import { simulatorTexts } from './simulatorTexts.ts';
import type { StreamedEvent } from '../shared/events.ts';

// The Reports section and its charts (ECharts) load only when the supervisor opens it.
const Reports = lazy(() => import('./Reports.tsx').then((m) => ({ default: m.Reports })));
// The Simulator (issue 23) draws with the same charts: it loads when opened too.
const Simulator = lazy(() => import('./Simulator.tsx').then((m) => ({ default: m.Simulator })));

/** The floor view follows events, and reloads every 10 s besides (the since-times, a lost event). */
const reloadEveryMs = 10_000;

/** The floor view's events, any device's change of state, the appointment feed's pulls, the print station's, a training clock moved. */
const touchesFloor = (event: StreamedEvent): boolean =>
  touchesOfficerViews(event) ||
  event.type === 'device.state' ||
  event.type === 'ticket.conflict' ||
  event.type === 'command.refused' ||
  event.type === 'command.stuck' ||
  event.type.startsWith('station.') ||
  event.type.startsWith('booking.feed') ||
  event.type.startsWith('application.') ||
  event.type.startsWith('passport.') ||
  event.type.startsWith('booklet') ||
  event.type.startsWith('sms.') ||
  // A station said how its update goes: the Stations panel shows its version and state.
  event.type === 'update.reported' ||
  // A training floor's clock moved on (by this console or another): the floor is another day's.
  event.type === 'training.clockAdvanced';

export function SupervisorApp() {
  const refresh = useFloor((s) => s.refresh);
  const status = useReloadOnEvents(touchesFloor, () => void refresh());
  useEffect(() => {
    const timer = window.setInterval(() => void refresh(), reloadEveryMs);
    return () => window.clearInterval(timer);
  }, [refresh]);
  return (
    <OfficerGate useSession={useSupervisorSession} withCounter={false}>
      <Floor reconnecting={status === 'reconnecting'} />
    </OfficerGate>
  );
}

function Floor({ reconnecting }: { reconnecting: boolean }) {
  const t = useText();
  const floor = useFloor((s) => s.floor);
  const { office, officer, signOut } = useSupervisorSession();
  // The main area shows the live floor or the reports; the floor keeps following events either way.
  const [section, setSection] = useState<'floor' | 'reports' | 'simulator'>('floor');
  const [simulatorOpened, setSimulatorOpened] = useState(false);
  if (!floor) return null;
  const title =
    section === 'floor'
      ? t(texts.floorTitle)
      : section === 'reports'
        ? t(texts.reportsTab)
        : t(simulatorTexts.tab);
  return (
    <main
      className="officer supervisor-screen"
      data-screen={section === 'floor' ? 'floor' : `${section}-section`}
    >
      <OfficerBar title={`${title} · ${floor.officeDate}`} reconnecting={reconnecting}>
        <nav className="sections" aria-label={t(texts.reportsTab)}>
          <button
            type="button"
            aria-pressed={section === 'floor'}
            onClick={() => setSection('floor')}
            data-testid="section-floor"
          >
            {t(texts.floorTab)}
          </button>
          <button
            type="button"
            aria-pressed={section === 'reports'}
            onClick={() => setSection('reports')}
            data-testid="section-reports"
          >
            {t(texts.reportsTab)}
          </button>
          <button
            type="button"
            aria-pressed={section === 'simulator'}
            onClick={() => {
              setSection('simulator');
              setSimulatorOpened(true);
            }}
            data-testid="section-simulator"
          >
            {t(simulatorTexts.tab)}
          </button>
        </nav>
        <span className="who">{officer}</span>
        <button type="button" onClick={() => void signOut()}>
          {t(texts.signOut)}
        </button>
      </OfficerBar>
      {section === 'reports' ? (
        <Suspense fallback={<p className="quiet">{t(texts.reportComputing)}</p>}>
          <Reports officeDate={floor.officeDate} office={office} />
        </Suspense>
      ) : section === 'floor' ? (
        <FloorGrid floor={floor} />
      ) : null}
      {/* Kept while the supervisor looks elsewhere: a run goes on, and its answer waits here. */}
      {simulatorOpened && (
        <div hidden={section !== 'simulator'}>
          <Suspense fallback={<p className="quiet">{t(texts.reportComputing)}</p>}>
            <Simulator office={office} />
          </Suspense>
        </div>
      )}
    </main>
  );
}

function FloorGrid({ floor }: { floor: FloorView }) {
  const devices = useFloor((s) => s.devices);
  const conflicts = useFloor((s) => s.conflicts);
  const feed = useFloor((s) => s.feed);
  const stations = useFloor((s) => s.stations);
  const adjudication = useFloor((s) => s.adjudication);
  const refresh = useFloor((s) => s.refresh);
  const { office } = useSupervisorSession();
  return (
    <div className="floor-grid">
      <TrainingClock onChanged={() => void refresh()} />
      <Counters floor={floor} />
      <OutOfOrder floor={floor} />
      <WaitingCounts
        title={texts.waitingPerStage}
        rows={floor.waiting}
        office={office}
        testId="floor-waiting"
      />
      {devices && <FloorDevices devices={devices} onChanged={() => void refresh()} />}
      {conflicts && <OfflineConflicts conflicts={conflicts} />}
      <ClaimsAndBreaks version={floor} />
      {feed && <AppointmentSync feed={feed} />}
      <CentralLinkPanel />
      {adjudication && <Adjudication adjudication={adjudication} onChanged={() => void refresh()} />}
      {stations && <FloorStations floor={stations} onChanged={() => void refresh()} />}
      <HolidayCalendar officeDate={floor.officeDate} />
      <AuditTrail />
      <OfficerAccounts />
    </div>
  );
}

function Counters({ floor }: { floor: FloorView }) {
  const t = useText();
  return (
    <section className="panel counters-panel">
      <h2>{t(texts.counters)}</h2>
      <table className="counts" data-testid="floor-counters">
        <thead>
          <tr>
            <th>{t(texts.counter)}</th>
            <th>{t(texts.counterState)}</th>
            <th>{t(texts.sinceColumn)}</th>
            <th>{t(texts.officer)}</th>
            <th>{t(texts.currentNumber)}</th>
          </tr>
        </thead>
        <tbody>
          {floor.counters.map((c) => (
            <tr key={c.number} data-counter={c.number}>
              <td className="figure">{c.number}</td>
              <td>
                <span className={`state ${c.state}`} data-state={c.state}>
                  {t(texts[c.state])}
                </span>
              </td>
              <td>{c.since?.slice(11, 16) ?? '–'}</td>
              <td>{c.officer ?? '–'}</td>
              <td className="figure" data-testid={`current-${c.number}`}>
                {c.current ?? '–'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function OutOfOrder({ floor }: { floor: FloorView }) {
  const t = useText();
  return (
    <section className="panel">
      <h2>{t(texts.outOfOrderToday)}</h2>
      {floor.outOfOrder.length === 0 ? (
        <p className="quiet">{t(texts.noneYet)}</p>
      ) : (
        <table className="counts" data-testid="out-of-order">
          <thead>
            <tr>
              <th>{t(texts.officer)}</th>
              <th>{t(texts.calls)}</th>
            </tr>
          </thead>
          <tbody>
            {floor.outOfOrder.map((row) => (
              <tr key={row.officer}>
                <td>{row.officer}</td>
                <td className="figure">{row.calls}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
