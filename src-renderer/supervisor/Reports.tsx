import { useMemo, useState } from 'react';
import type { OutputOf } from '../../src-main/api/contract.ts';
import type { DurationStats, KpiReportView, Share } from '../../src-main/api/reportViews.ts';
import type { OfficeConfig } from '../../src-main/domain/office.ts';
import { plusDays } from '../../src-main/domain/localTime.ts';
import { call, OperationError } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { counterTexts } from '../counter/counterTexts.ts';
import { ReportChart } from './ReportChart.tsx';
import { IssuanceSection } from './ReportIssuance.tsx';
import { ReportDownloads } from './ReportDownloads.tsx';
import { SurveySection } from './ReportSurvey.tsx';
import { kpiInputOf, type ReportFilters } from './reportFilters.ts';
import {
  minutesOf,
  promisesKeptChart,
  waitsPerHourChart,
  waitsPerStageChart,
  waitsPerWindowChart,
} from '../../src-main/documents/reportCharts.ts';

type OfficersView = OutputOf<'reportOfficers'>;
type PromisesView = OutputOf<'reportPromises'>;

interface Loaded {
  filters: ReportFilters;
  kpi: KpiReportView | null;
  officers: OfficersView | null;
  promises: PromisesView | null;
  /** Each report the hub refused, with its message in the screen's language. */
  problems: string[];
}

/**
 * The Reports section (Laporan): the KPIs of a range of office days, narrowed to a stage, counter or
 * officer, with the waits charted per hour, arrival window and stage; the officers' time; the
 * pickup promises kept; the year's issuance table; and each report as a CSV, XLSX or PDF file.
 */
export function Reports({ officeDate, office }: { officeDate: string; office: OfficeConfig | null }) {
  const t = useText();
  const [filters, setFilters] = useState<ReportFilters>({
    from: plusDays(officeDate, -6),
    to: officeDate,
    stage: '',
    counter: '',
    officer: '',
  });
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [busy, setBusy] = useState(false);
  // The officers met so far in any answer: the officer filter offers them.
  const [officersSeen, setOfficersSeen] = useState<Map<string, string>>(new Map());

  const show = async () => {
    setBusy(true);
    const asked = filters;
    const range = { from: asked.from, to: asked.to };
    const [kpi, officers, promises] = await Promise.allSettled([
      call('reportKpi', kpiInputOf(asked)),
      call('reportOfficers', range),
      call('reportPromises', range),
    ]);
    const problems = [kpi, officers, promises]
      .filter((r): r is PromiseRejectedResult => r.status === 'rejected')
      .map((r) => (r.reason instanceof OperationError ? t(r.reason.text) : String(r.reason)));
    const value = <T,>(r: PromiseSettledResult<T>) => (r.status === 'fulfilled' ? r.value : null);
    const seen = new Map(officersSeen);
    for (const o of value(officers)?.officers ?? []) seen.set(o.officer, o.name);
    for (const o of value(kpi)?.byOfficer ?? []) seen.set(o.officer, o.name);
    setOfficersSeen(seen);
    setLoaded({
      filters: asked,
      kpi: value(kpi),
      officers: value(officers),
      promises: value(promises),
      problems: [...new Set(problems)],
    });
    setBusy(false);
  };

  const stageName = (id: string) => {
    const stage = office?.floor.stages.find((s) => s.id === id);
    return stage ? t(stage.name) : id;
  };
  const set = (change: Partial<ReportFilters>) => setFilters((f) => ({ ...f, ...change }));

  return (
    <div className="reports" data-screen="reports">
      <section className="panel report-filters">
        <h2>{t(texts.reportsTitle)}</h2>
        <form
          data-testid="report-filters"
          onSubmit={(e) => {
            e.preventDefault();
            void show();
          }}
        >
          <label>
            {t(texts.reportFrom)}
            <input
              type="date"
              name="from"
              required
              value={filters.from}
              max={filters.to}
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label>
            {t(texts.reportTo)}
            <input
              type="date"
              name="to"
              required
              value={filters.to}
              min={filters.from}
              onChange={(e) => set({ to: e.target.value })}
            />
          </label>
          <label>
            {t(texts.stage)}
            <select name="stage" value={filters.stage} onChange={(e) => set({ stage: e.target.value })}>
              <option value="">{t(texts.reportAll)}</option>
              {(office?.floor.stages ?? []).map((s) => (
                <option key={s.id} value={s.id}>
                  {t(s.name)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(texts.counter)}
            <select name="counter" value={filters.counter} onChange={(e) => set({ counter: e.target.value })}>
              <option value="">{t(texts.reportAll)}</option>
              {(office?.floor.counters ?? []).map((c) => (
                <option key={c.number} value={c.number}>
                  {c.number}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t(texts.officer)}
            <select name="officer" value={filters.officer} onChange={(e) => set({ officer: e.target.value })}>
              <option value="">{t(texts.reportAll)}</option>
              {[...officersSeen].map(([username, name]) => (
                <option key={username} value={username}>
                  {name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={busy}>
            {t(texts.reportShow)}
          </button>
          {busy && (
            <span className="quiet" role="status" data-testid="report-computing">
              {t(texts.reportComputing)}
            </span>
          )}
        </form>
        {loaded?.problems.map((p) => (
          <p key={p} className="cause" data-testid="report-problem">
            {p}
          </p>
        ))}
        {loaded && <ReportDownloads filters={loaded.filters} />}
      </section>
      {loaded?.kpi && <KpiSection kpi={loaded.kpi} stageName={stageName} />}
      {loaded?.officers && <OfficersTable view={loaded.officers} office={office} />}
      {loaded?.promises && <PromisesSection view={loaded.promises} />}
      <IssuanceSection officeYear={Number(officeDate.slice(0, 4))} />
      {/* Issue 22: the satisfaction survey's IKM, its complaints and its files. */}
      <SurveySection officeDate={officeDate} office={office} />
    </div>
  );
}

const minutesText = (ms: number | null) => {
  const m = minutesOf(ms);
  return m === null ? '–' : m.toLocaleString('id-ID');
};
const shareText = (share: Share) =>
  share.share === null ? '–' : `${Math.round(share.share * 1000) / 10}%`.replace('.', ',');

function KpiSection({ kpi, stageName }: { kpi: KpiReportView; stageName: (id: string) => string }) {
  const t = useText();
  const { total } = kpi;
  // The same chart definitions as the printed PDFs and the hub's public page.
  const perHour = useMemo(() => waitsPerHourChart(kpi).option, [kpi]);
  const perWindow = useMemo(() => waitsPerWindowChart(kpi).option, [kpi]);
  const perStage = useMemo(() => waitsPerStageChart(kpi, stageName).option, [kpi, stageName]);
  const minutes = t(texts.minutes);
  return (
    <>
      <section className="panel report-totals" data-testid="report-totals">
        <h2>
          {t(texts.reportTotals)} · {kpi.from} – {kpi.to}
        </h2>
        <dl className="report-figures">
          <Figure name="arrived" label={t(texts.reportArrived)} value={String(total.arrived)} />
          <Figure name="served" label={t(texts.reportServed)} value={String(total.served)} />
          <Figure name="no-shows" label={t(texts.reportNoShows)} value={String(total.noShows)} />
          <Figure name="walk-outs" label={t(texts.reportWalkOuts)} value={String(total.walkOuts)} />
          <WaitFigures wait={total.wait} minutes={minutes} />
          <Figure
            name="inside-window"
            label={`${t(texts.reportInsideWindow)} (+${kpi.settings.windowGraceMinutes} ${minutes})`}
            value={shareText(total.calledInsideWindow)}
            detail={`${total.calledInsideWindow.count} / ${total.calledInsideWindow.of}`}
          />
          <Figure
            name="above-threshold"
            label={`${t(texts.reportAboveThreshold)} (${kpi.settings.waitThresholdMinutes} ${minutes})`}
            value={shareText(total.aboveWaitThreshold)}
            detail={`${total.aboveWaitThreshold.count} / ${total.aboveWaitThreshold.of}`}
          />
          {total.wait.outliers > 0 && (
            <Figure name="outliers" label={t(texts.reportOutliers)} value={String(total.wait.outliers)} />
          )}
        </dl>
      </section>
      <section className="panel report-chart-panel">
        <h2>{t(texts.reportWaitsPerHour)}</h2>
        <ChartOrNone groups={kpi.byHour.length} option={perHour} testId="chart-waits-per-hour" />
      </section>
      <section className="panel report-chart-panel">
        <h2>{t(texts.reportWaitsPerWindow)}</h2>
        <ChartOrNone groups={kpi.byWindow.length} option={perWindow} testId="chart-waits-per-window" />
      </section>
      <section className="panel report-chart-panel">
        <h2>{t(texts.reportWaitsPerStage)}</h2>
        <ChartOrNone groups={kpi.byStage.length} option={perStage} testId="chart-waits-per-stage" />
      </section>
    </>
  );
}

function ChartOrNone(props: {
  groups: number;
  option: Parameters<typeof ReportChart>[0]['option'];
  testId: string;
}) {
  const t = useText();
  if (props.groups === 0) return <p className="quiet">{t(texts.reportNone)}</p>;
  return <ReportChart option={props.option} testId={props.testId} />;
}

function WaitFigures({ wait, minutes }: { wait: DurationStats; minutes: string }) {
  const t = useText();
  return (
    <>
      <Figure name="wait-p50" label={t(texts.reportWaitP50)} value={minutesText(wait.p50Ms)} unit={minutes} />
      <Figure name="wait-p90" label={t(texts.reportWaitP90)} value={minutesText(wait.p90Ms)} unit={minutes} />
      <Figure name="wait-max" label={t(texts.reportWaitMax)} value={minutesText(wait.maxMs)} unit={minutes} />
      <Figure
        name="wait-mean"
        label={t(texts.reportWaitMean)}
        value={minutesText(wait.meanMs)}
        unit={minutes}
      />
    </>
  );
}

function Figure(props: { name: string; label: string; value: string; unit?: string; detail?: string }) {
  return (
    <div data-figure={props.name}>
      <dt>{props.label}</dt>
      <dd>
        <strong data-testid={`figure-${props.name}`}>{props.value}</strong>
        {props.unit && ` ${props.unit}`}
        {props.detail && <span className="quiet"> ({props.detail})</span>}
      </dd>
    </div>
  );
}

const hoursText = (ms: number) => {
  const minutes = Math.round(ms / 60_000);
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
};

/** Each officer's busy, idle and break time (h:mm), breaks by reason, out-of-order calls by reason. */
function OfficersTable({ view, office }: { view: OfficersView; office: OfficeConfig | null }) {
  const t = useText();
  const reasonName = (code: string) => {
    const reason = office?.floor.outOfOrderReasons.find((r) => r.code === code);
    return reason ? t(reason.name) : code;
  };
  return (
    <section className="panel report-officers">
      <h2>{t(texts.reportOfficersTitle)}</h2>
      {view.officers.length === 0 ? (
        <p className="quiet">{t(texts.reportNoOfficers)}</p>
      ) : (
        <table className="counts" data-testid="report-officers">
          <thead>
            <tr>
              <th>{t(texts.officer)}</th>
              <th>{t(texts.reportBusy)}</th>
              <th>{t(texts.reportIdle)}</th>
              <th>{t(texts.reportBreak)}</th>
              <th>{t(texts.reportCalled)}</th>
              <th>{t(texts.reportServed)}</th>
              <th>{t(texts.reportOutOfOrder)}</th>
            </tr>
          </thead>
          <tbody>
            {view.officers.map((o) => (
              <tr key={o.officer} data-officer={o.officer}>
                <td>{o.name}</td>
                <td className="figure">{hoursText(o.busyMs)}</td>
                <td className="figure">{hoursText(o.idleMs)}</td>
                <td>
                  <span className="figure">{hoursText(o.breakMs)}</span>
                  {o.breaks.map((b) => (
                    <span key={b.reason ?? '-'} className="quiet" data-break={b.reason ?? 'none'}>
                      {' · '}
                      {t(b.reason ? counterTexts[b.reason] : counterTexts.noReason)} {hoursText(b.ms)} (
                      {b.count}×)
                    </span>
                  ))}
                </td>
                <td className="figure">{o.called}</td>
                <td className="figure">{o.served}</td>
                <td>
                  {o.outOfOrder.length === 0
                    ? '–'
                    : o.outOfOrder.map((r) => (
                        <span key={r.reason} data-reason={r.reason}>
                          {reasonName(r.reason)}: {r.calls}{' '}
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function PromisesSection({ view }: { view: PromisesView }) {
  const t = useText();
  const option = useMemo(() => promisesKeptChart(view).option, [view]);
  const { total } = view;
  return (
    <section className="panel report-chart-panel" data-testid="report-promises">
      <h2>{t(texts.reportPromisesTitle)}</h2>
      <dl className="report-figures">
        <Figure name="promised" label={t(texts.reportPromised)} value={String(total.promised)} />
        <Figure
          name="on-time"
          label={t(texts.reportOnTime)}
          value={String(total.printedOnTime)}
          {...(total.onTimeShare === null
            ? {}
            : { detail: shareText({ count: 0, of: 0, share: total.onTimeShare }) })}
        />
        <Figure name="late" label={t(texts.reportLate)} value={String(total.late)} />
        <Figure name="collected" label={t(texts.reportCollected)} value={String(total.collected)} />
        <Figure
          name="uncollected"
          label={t(texts.reportUncollected)}
          value={String(total.uncollectedAfter30Days)}
        />
      </dl>
      <ChartOrNone groups={view.days.length} option={option} testId="chart-promises" />
    </section>
  );
}
