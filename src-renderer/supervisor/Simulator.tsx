import { useEffect, useMemo, useState } from 'react';
import type {
  EstimateView,
  FloorDaySummaryView,
  SimulationChoicesView,
  SimulationRunView,
} from '../../src-main/api/simulationViews.ts';
import { priorityLaneIds } from '../../src-main/domain/laneIds.ts';
import type { OfficeConfig } from '../../src-main/domain/office.ts';
import { call, OperationError } from '../shared/client.ts';
import { useLanguage, useText } from '../shared/i18n.ts';
import { ReportChart } from './ReportChart.tsx';
import { clockOf, queueLengthChart, utilisationChart, waitDistributionChart } from './simulatorCharts.ts';
import { simulatorTexts as words } from './simulatorTexts.ts';

/** The lanes a booking can be made in (standby is for late arrivals, never booked). */
const simulationLanes = ['regular', ...priorityLaneIds] as const;
type Lane = (typeof simulationLanes)[number];
type PolicyId = SimulationChoicesView['policies'][number]['id'];

interface Form {
  date: string;
  policies: PolicyId[];
  officers: Record<string, string>;
  source: 'quota' | 'imported';
  quota: Record<Lane, string>;
  seeds: string;
}

/** How often a running simulation is asked for its progress. */
const pollMs = 400;

/**
 * The Simulator (Simulasi): a day at this office simulated on the hub under the chosen calling
 * policies, over many seeds, with a progress bar while it runs, then the policies side by side: the
 * measures with their 95% intervals and three charts. Nothing on the floor changes.
 */
export function Simulator({ office }: { office: OfficeConfig | null }) {
  const t = useText();
  const [choices, setChoices] = useState<SimulationChoicesView | null>(null);
  const [form, setForm] = useState<Form | null>(null);
  const [run, setRun] = useState<SimulationRunView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);

  const say = (error: unknown) => (error instanceof OperationError ? t(error.text) : String(error));

  useEffect(() => {
    let live = true;
    call('simulationChoices', {}).then(
      (c) => {
        if (!live) return;
        setChoices(c);
        setForm({
          date: c.date,
          policies: [...c.defaultPolicies],
          officers: Object.fromEntries(c.stages.map((s) => [s.id, String(s.officers)])),
          source: 'quota',
          quota: Object.fromEntries(
            simulationLanes.map((l) => [l, String(c.bookingsPerWindow[l])]),
          ) as Record<Lane, string>,
          seeds: String(c.seeds),
        });
      },
      (error: unknown) => live && setProblem(say(error)),
    );
    return () => {
      live = false;
    };
  }, []);

  // Polls the run until it ends; a run left behind (the panel closed) ends on the hub by itself.
  const runId = run?.state === 'running' ? run.runId : null;
  useEffect(() => {
    if (!runId) return;
    const timer = window.setInterval(() => {
      call('simulationRun', { runId }).then(
        (view) => setRun((current) => (current?.runId === view.runId ? view : current)),
        (error: unknown) => {
          setProblem(say(error));
          setRun(null);
        },
      );
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [runId]);

  if (!choices || !form)
    return (
      <div className="reports simulation-section" data-screen="simulator">
        <section className="panel report-filters">
          <h2>{t(words.title)}</h2>
          {problem && (
            <p className="cause" data-testid="simulation-problem">
              {problem}
            </p>
          )}
        </section>
      </div>
    );

  const set = (change: Partial<Form>) => setForm({ ...form, ...change });
  const whole = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const start = async () => {
    setProblem(null);
    setStarting(true);
    try {
      const view = await call('startSimulation', {
        date: form.date,
        policies: form.policies,
        officers: Object.fromEntries(Object.entries(form.officers).map(([id, n]) => [id, whole(n)])),
        ...(form.source === 'quota'
          ? {
              bookingsPerWindow: Object.fromEntries(
                Object.entries(form.quota).map(([lane, n]) => [lane, whole(n)]),
              ) as Record<Lane, number>,
            }
          : {}),
        bookedDay: form.source === 'imported',
        seeds: whole(form.seeds),
      });
      setRun(view);
    } catch (error) {
      setProblem(say(error));
    } finally {
      setStarting(false);
    }
  };
  const stop = async () => {
    if (!run) return;
    try {
      setRun(await call('cancelSimulation', { runId: run.runId }));
    } catch (error) {
      setProblem(say(error));
    }
  };
  const laneName = (lane: Lane) => {
    const configured = office?.lanes.find((l) => l.id === lane);
    return t(configured?.name ?? words.lanes[lane]);
  };
  const running = run?.state === 'running';

  return (
    <div className="reports simulation-section" data-screen="simulator">
      <section className="panel report-filters">
        <h2>{t(words.title)}</h2>
        <p className="quiet">{t(words.intro)}</p>
        <form
          data-testid="simulation-form"
          className="simulation-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            {t(words.date)}
            <input
              type="date"
              name="date"
              required
              value={form.date}
              onChange={(e) => set({ date: e.target.value })}
            />
          </label>
          <fieldset data-testid="simulation-policies">
            <legend>{t(words.policies)}</legend>
            {choices.policies.map((p) => (
              <label key={p.id} className="check">
                <input
                  type="checkbox"
                  name={`policy-${p.id}`}
                  checked={form.policies.includes(p.id)}
                  onChange={(e) =>
                    set({
                      policies: e.target.checked
                        ? choices.policies
                            .map((c) => c.id)
                            .filter((id) => id === p.id || form.policies.includes(id))
                        : form.policies.filter((id) => id !== p.id),
                    })
                  }
                />
                {t(p.label)}
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t(words.officers)}</legend>
            {choices.stages.map((s) => (
              <label key={s.id}>
                {t(s.name)}
                <input
                  type="number"
                  name={`officers-${s.id}`}
                  min={0}
                  max={30}
                  step={1}
                  value={form.officers[s.id] ?? ''}
                  onChange={(e) => set({ officers: { ...form.officers, [s.id]: e.target.value } })}
                />
              </label>
            ))}
          </fieldset>
          <fieldset>
            <legend>{t(words.bookings)}</legend>
            <label className="check">
              <input
                type="radio"
                name="source"
                value="quota"
                checked={form.source === 'quota'}
                onChange={() => set({ source: 'quota' })}
              />
              {t(words.perWindow)} ({t(words.windows(choices.windows))})
            </label>
            <label className="check">
              <input
                type="radio"
                name="source"
                value="imported"
                checked={form.source === 'imported'}
                onChange={() => set({ source: 'imported' })}
              />
              {t(words.imported)}
            </label>
            {form.source === 'quota' && (
              <div className="simulation-lanes">
                {simulationLanes.map((lane) => (
                  <label key={lane}>
                    {laneName(lane)}
                    <input
                      type="number"
                      name={`quota-${lane}`}
                      min={0}
                      max={500}
                      step={1}
                      value={form.quota[lane]}
                      onChange={(e) => set({ quota: { ...form.quota, [lane]: e.target.value } })}
                    />
                  </label>
                ))}
              </div>
            )}
          </fieldset>
          <label>
            {t(words.seeds)} <span className="quiet">({t(words.atMost(choices.maxSeeds))})</span>
            <input
              type="number"
              name="seeds"
              min={1}
              step={1}
              value={form.seeds}
              onChange={(e) => set({ seeds: e.target.value })}
            />
          </label>
          <button type="submit" disabled={starting || running}>
            {t(words.run)}
          </button>
        </form>
        {problem && (
          <p className="cause" role="alert" data-testid="simulation-problem">
            {problem}
          </p>
        )}
        {run && <RunProgress run={run} onStop={() => void stop()} />}
      </section>
      {run?.state === 'done' && run.summary && <Results summary={run.summary} office={office} />}
    </div>
  );
}

function RunProgress({ run, onStop }: { run: SimulationRunView; onStop: () => void }) {
  const t = useText();
  return (
    <div className="simulation-progress" data-testid="simulation-progress" data-state={run.state}>
      <progress value={run.done} max={run.total} aria-label={t(words.seeds)} />
      <span data-testid="simulation-done">{t(words.progress(run.done, run.total))}</span>
      {run.state === 'running' && (
        <button type="button" onClick={onStop}>
          {t(words.stop)}
        </button>
      )}
      {run.state === 'cancelled' && <span className="quiet">{t(words.cancelled)}</span>}
      {run.state === 'failed' && run.error && (
        <span className="cause" data-testid="simulation-failed">
          {t(run.error.message)}
        </span>
      )}
    </div>
  );
}

type MeasureRow = {
  key: string;
  label: string;
  of: (p: FloorDaySummaryView['policies'][number]) => EstimateView | null;
  show: (n: number) => string;
};

function Results({ summary, office }: { summary: FloorDaySummaryView; office: OfficeConfig | null }) {
  const t = useText();
  const language = useLanguage((s) => s.language);
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  const stageName = (id: string) => {
    const stage = office?.floor.stages.find((s) => s.id === id);
    return stage ? t(stage.name) : id;
  };
  const handoverName = office ? stageName(office.pickup.stage) : t(words.handover);
  const number = (digits: number) => (n: number) =>
    n.toLocaleString(locale, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const percent = (n: number) => `${number(1)(n * 100)}%`;
  const clock = (n: number) => clockOf(n, language);
  const first = summary.policies[0];
  const rows: MeasureRow[] = [
    { key: 'waitP50', label: t(words.waitP50), of: (p) => p.measures.waitP50, show: number(1) },
    { key: 'waitP90', label: t(words.waitP90), of: (p) => p.measures.waitP90, show: number(1) },
    { key: 'waitMax', label: t(words.waitMax), of: (p) => p.measures.waitMax, show: number(1) },
    {
      key: 'insideWindowShare',
      label: t(words.insideWindowShare),
      of: (p) => p.measures.insideWindowShare,
      show: percent,
    },
    { key: 'served', label: t(words.served), of: (p) => p.measures.served, show: number(1) },
    { key: 'lastServed', label: t(words.lastServed), of: (p) => p.measures.lastServed, show: clock },
    {
      key: 'overtimeMinutes',
      label: t(words.overtimeMinutes),
      of: (p) => p.measures.overtimeMinutes,
      show: number(1),
    },
    {
      key: 'printerBacklogAtClose',
      label: t(words.printerBacklogAtClose),
      of: (p) => p.measures.printerBacklogAtClose,
      show: number(1),
    },
    {
      key: 'promisesAtRisk',
      label: t(words.promisesAtRisk),
      of: (p) => p.measures.promisesAtRisk,
      show: number(1),
    },
    ...(first?.stages ?? []).map((s, i): MeasureRow => ({
      key: `utilisation-${s.stage}`,
      label: t(words.utilisation({ id: stageName(s.stage), en: stageName(s.stage) })),
      of: (p) => p.stages[i]?.utilisation ?? null,
      show: percent,
    })),
    ...(first?.handover
      ? [
          {
            key: 'utilisation-handover',
            label: t(words.utilisation({ id: handoverName, en: handoverName })),
            of: (p: FloorDaySummaryView['policies'][number]) => p.handover?.utilisation ?? null,
            show: percent,
          },
        ]
      : []),
  ];
  const say = (text: { id: string; en: string }) => t(text);
  const queue = useMemo(() => queueLengthChart(summary, say, language), [summary, language]);
  const waits = useMemo(() => waitDistributionChart(summary, say), [summary, language]);
  const utilisation = useMemo(
    () => utilisationChart(summary, say, stageName, handoverName),
    [summary, language],
  );
  const { comparison } = summary;
  return (
    <>
      <section className="panel simulation-results" data-testid="simulation-results">
        <h2>
          {t(words.results)} · {summary.date}
        </h2>
        <p className="quiet">
          {t(words.about(summary.bookings, summary.seeds.count, clock(summary.open), clock(summary.close)))}
        </p>
        {comparison && (
          <p data-testid="simulation-comparison">
            {t(
              words.comparison(comparison.p90Ratio, comparison.windowInsideShare, comparison.fifoInsideShare),
            )}
          </p>
        )}
        <table className="counts" data-testid="simulation-table">
          <thead>
            <tr>
              <th>{t(words.measure)}</th>
              {summary.policies.map((p) => (
                <th key={p.policy} data-policy={p.policy}>
                  {t(p.label)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-measure={row.key}>
                <th scope="row">{row.label}</th>
                {summary.policies.map((p) => {
                  const value = row.of(p);
                  return (
                    <td key={p.policy} data-policy={p.policy} className="figure">
                      {value === null ? '–' : row.show(value.mean)}
                      {value !== null && value.low !== null && value.high !== null && (
                        <span className="quiet interval">
                          {' '}
                          ({row.show(value.low)} – {row.show(value.high)})
                        </span>
                      )}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section className="panel report-chart-panel simulation-chart-wide">
        <h2>{t(words.queueChart)}</h2>
        <ReportChart option={queue} testId="chart-simulated-queue" />
      </section>
      <section className="panel report-chart-panel">
        <h2>{t(words.waitChart)}</h2>
        <ReportChart option={waits} testId="chart-simulated-waits" />
      </section>
      <section className="panel report-chart-panel">
        <h2>{t(words.utilisationChart)}</h2>
        <ReportChart option={utilisation} testId="chart-simulated-utilisation" />
      </section>
    </>
  );
}
