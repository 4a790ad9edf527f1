import { useEffect, useState } from 'react';
import type {
  AppliedQuotaView,
  EstimateView,
  QuotaPlanRunView,
  QuotaPlanView,
  SimulationChoicesView,
} from '../../src-main/api/simulationViews.ts';
import type { OfficeConfig } from '../../src-main/domain/office.ts';
import { call, OperationError } from '../shared/client.ts';
import { useLanguage, useText } from '../shared/i18n.ts';
import { quotaPlanTexts as words } from './quotaPlanTexts.ts';
import { clockOf } from './simulatorCharts.ts';
import { simulatorTexts } from './simulatorTexts.ts';

interface Form {
  date: string;
  officers: Record<string, string>;
  targetP90: string;
  insidePercent: string;
  overtime: string;
  seeds: string;
}

/** How often a running plan is asked for its progress. */
const pollMs = 400;

type Lane = QuotaPlanView['lanes'][number]['id'];

/**
 * Rencanakan kuota: the quota planner run on the hub for this office's day (the inputs, a progress
 * bar, then the lanes now → planned, the figures and the constraint that binds), and the plan
 * applied after one confirmation in the page showing each lane before → after. A plan that does not
 * meet its target cannot be applied. Planning changes nothing; applying is audited on the hub.
 */
export function QuotaPlanner({
  choices,
  office,
}: {
  choices: SimulationChoicesView;
  office: OfficeConfig | null;
}) {
  const t = useText();
  const [form, setForm] = useState<Form>(() => ({
    date: choices.date,
    officers: Object.fromEntries(choices.stages.map((s) => [s.id, String(s.officers)])),
    targetP90: '20',
    insidePercent: '95',
    overtime: '',
    seeds: '30',
  }));
  const [run, setRun] = useState<QuotaPlanRunView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const [applied, setApplied] = useState<AppliedQuotaView | null>(null);

  const say = (error: unknown) => (error instanceof OperationError ? t(error.text) : String(error));

  const runId = run?.state === 'running' ? run.runId : null;
  useEffect(() => {
    if (!runId) return;
    const timer = window.setInterval(() => {
      call('quotaPlanRun', { runId }).then(
        (view) => setRun((current) => (current?.runId === view.runId ? view : current)),
        (error: unknown) => {
          setProblem(say(error));
          setRun(null);
        },
      );
    }, pollMs);
    return () => window.clearInterval(timer);
  }, [runId]);

  const set = (change: Partial<Form>) => setForm({ ...form, ...change });
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  const start = async () => {
    setProblem(null);
    setApplied(null);
    setStarting(true);
    try {
      setRun(
        await call('startQuotaPlan', {
          date: form.date,
          officers: Object.fromEntries(Object.entries(form.officers).map(([id, n]) => [id, number(n)])),
          targetP90Minutes: number(form.targetP90),
          insideWindowShare: number(form.insidePercent) / 100,
          ...(form.overtime.trim() !== '' ? { overtimeMinutes: number(form.overtime) } : {}),
          seeds: number(form.seeds),
        }),
      );
    } catch (error) {
      setProblem(say(error));
    } finally {
      setStarting(false);
    }
  };
  const stop = async () => {
    if (!run) return;
    try {
      setRun(await call('cancelQuotaPlan', { runId: run.runId }));
    } catch (error) {
      setProblem(say(error));
    }
  };
  const running = run?.state === 'running';

  return (
    <>
      <section className="panel report-filters simulation-chart-wide" data-testid="quota-plan">
        <h2>{t(words.title)}</h2>
        <p className="quiet">{t(words.intro)}</p>
        <form
          data-testid="plan-form"
          className="simulation-form"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label>
            {t(simulatorTexts.date)}
            <input
              type="date"
              name="date"
              required
              value={form.date}
              onChange={(e) => set({ date: e.target.value })}
            />
          </label>
          <fieldset>
            <legend>{t(simulatorTexts.officers)}</legend>
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
            <legend>{t(words.target)}</legend>
            <label>
              {t(words.targetP90)}
              <input
                type="number"
                name="target-p90"
                min={1}
                max={240}
                required
                value={form.targetP90}
                onChange={(e) => set({ targetP90: e.target.value })}
              />
            </label>
            <label>
              {t(words.inside)}
              <input
                type="number"
                name="inside"
                min={50}
                max={100}
                step="any"
                value={form.insidePercent}
                onChange={(e) => set({ insidePercent: e.target.value })}
              />
            </label>
            <label>
              {t(words.overtime)}
              <input
                type="number"
                name="overtime"
                min={0}
                max={480}
                value={form.overtime}
                onChange={(e) => set({ overtime: e.target.value })}
              />
            </label>
            <label>
              {t(words.seeds)} <span className="quiet">({t(simulatorTexts.atMost(choices.maxSeeds))})</span>
              <input
                type="number"
                name="plan-seeds"
                step={1}
                value={form.seeds}
                onChange={(e) => set({ seeds: e.target.value })}
              />
            </label>
          </fieldset>
          <button type="submit" disabled={starting || running}>
            {t(words.run)}
          </button>
        </form>
        {problem && (
          <p className="cause" role="alert" data-testid="plan-problem">
            {problem}
          </p>
        )}
        {run && (
          <div className="simulation-progress" data-testid="plan-progress" data-state={run.state}>
            <progress value={run.done} max={run.total} aria-label={t(words.title)} />
            <span data-testid="plan-done">{t(words.progress(run.done, run.total, run.seeds))}</span>
            {running && (
              <button type="button" onClick={() => void stop()}>
                {t(words.stop)}
              </button>
            )}
            {run.state === 'cancelled' && <span className="quiet">{t(words.cancelled)}</span>}
            {run.state === 'failed' && run.error && (
              <span className="cause" data-testid="plan-failed">
                {t(run.error.message)}
              </span>
            )}
          </div>
        )}
      </section>
      {run?.state === 'done' && run.plan && (
        <PlanResult plan={run.plan} office={office} applied={applied} onApplied={setApplied} />
      )}
    </>
  );
}

function PlanResult({
  plan,
  office,
  applied,
  onApplied,
}: {
  plan: QuotaPlanView;
  office: OfficeConfig | null;
  applied: AppliedQuotaView | null;
  onApplied: (applied: AppliedQuotaView) => void;
}) {
  const t = useText();
  const language = useLanguage((s) => s.language);
  const locale = language === 'id' ? 'id-ID' : 'en-GB';
  const [confirming, setConfirming] = useState(false);
  const [applying, setApplying] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const digits = (n: number, d = 1) =>
    n.toLocaleString(locale, { minimumFractionDigits: d, maximumFractionDigits: d });
  const percent = (n: number) => `${digits(n * 100)}%`;
  const laneName = (lane: Lane) =>
    t(office?.lanes.find((l) => l.id === lane)?.name ?? simulatorTexts.lanes[lane]);
  const stageName = (id: string) => {
    const stage = office?.floor.stages.find((s) => s.id === id);
    return stage ? t(stage.name) : id;
  };
  // Before: the office's quota as this console knows it now (the plan's "now" if it does not).
  const before = (lane: Lane) =>
    office?.lanes.find((l) => l.id === lane)?.quotaPerWindow ?? plan.current.quota[lane];
  const f = plan.figures;
  const withInterval = (e: EstimateView, show: (n: number) => string) =>
    e.low !== null && e.high !== null ? `${show(e.mean)} (${show(e.low)} – ${show(e.high)})` : show(e.mean);
  const figures: { key: string; label: string; value: string; judged: string }[] = [
    {
      key: 'visitWaitP90',
      label: t(words.visitWait),
      value: withInterval(f.visitWaitP90, digits),
      judged: digits(f.visitWaitP90.judged),
    },
    { key: 'waitP90', label: t(words.firstCall), value: withInterval(f.waitP90, digits), judged: '' },
    {
      key: 'insideWindowShare',
      label: t(words.insideShare),
      value: withInterval(f.insideWindowShare, percent),
      judged: percent(f.insideWindowShare.judged),
    },
    {
      key: 'promisesAtRisk',
      label: t(words.promises),
      value: digits(f.promisesAtRisk.mean),
      judged: `${digits(f.promisesAtRisk.judged, 0)} (${t(words.worstSeed)})`,
    },
    {
      key: 'overtimeMinutes',
      label: t(words.overtimeFigure),
      value: withInterval(f.overtimeMinutes, digits),
      judged: digits(f.overtimeMinutes.judged),
    },
    { key: 'served', label: t(words.served), value: withInterval(f.served, digits), judged: '' },
    {
      key: 'lastServed',
      label: t(simulatorTexts.lastServed),
      value: clockOf(f.lastServed.mean, language),
      judged: '',
    },
    {
      key: 'printerBacklogAtClose',
      label: t(words.backlog),
      value: withInterval(f.printerBacklogAtClose, digits),
      judged: '',
    },
    ...f.stages.map((s) => ({
      key: `utilisation-${s.stage}`,
      label: t(words.utilisation(stageName(s.stage))),
      value: percent(s.utilisation.mean),
      judged: '',
    })),
  ];
  const apply = async () => {
    setApplying(true);
    setProblem(null);
    try {
      onApplied(await call('applyQuota', { lanes: plan.lanes }));
      setConfirming(false);
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setApplying(false);
    }
  };
  return (
    <section className="panel simulation-results" data-testid="plan-result" data-meets={String(plan.meets)}>
      <h2>
        {t(words.result)} · {plan.date}
      </h2>
      <p className="quiet">
        {t(words.about(plan.seeds.count, plan.target.p90WaitMinutes, plan.target.insideWindowShare))}
      </p>
      <table className="counts" data-testid="plan-lanes">
        <thead>
          <tr>
            <th>{t(words.lane)}</th>
            <th>{t(words.now)}</th>
            <th>{t(words.planned)}</th>
          </tr>
        </thead>
        <tbody>
          {plan.lanes.map((lane) => (
            <tr key={lane.id} data-lane={lane.id}>
              <th scope="row">{laneName(lane.id)}</th>
              <td className="figure" data-column="now">
                {plan.current.quota[lane.id]}
              </td>
              <td className="figure" data-column="planned">
                {lane.quotaPerWindow}
              </td>
            </tr>
          ))}
          <tr data-lane="total">
            <th scope="row">{t(words.perWindow)}</th>
            <td className="figure">{plan.current.total}</td>
            <td className="figure">{plan.total}</td>
          </tr>
          <tr data-lane="day">
            <th scope="row">{t(words.perDay)}</th>
            <td className="figure">{plan.current.total * plan.windows}</td>
            <td className="figure">{plan.bookingsPerDay}</td>
          </tr>
        </tbody>
      </table>
      <table className="counts" data-testid="plan-figures">
        <thead>
          <tr>
            <th>{t(words.figuresAt(plan.total))}</th>
            <th>{t(words.mean)}</th>
            <th>{t(words.judged)}</th>
          </tr>
        </thead>
        <tbody>
          {figures.map((row) => (
            <tr key={row.key} data-measure={row.key}>
              <th scope="row">{row.label}</th>
              <td className="figure">{row.value}</td>
              <td className="figure">{row.judged}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="plan-binding">{t(plan.binding.message)}</p>
      <p data-testid="plan-meets" className={plan.meets ? undefined : 'cause'}>
        {t(plan.meets ? words.meets : words.meetsNot)}
      </p>
      <button
        type="button"
        className="primary"
        disabled={!plan.meets || applying || applied !== null}
        title={plan.meets ? undefined : t(words.meetsNot)}
        onClick={() => setConfirming(true)}
      >
        {t(words.apply)}
      </button>
      {applied && (
        <p data-testid="plan-applied" role="status">
          {t(words.applied(`${applied.by.name} (${applied.by.username})`, applied.changed))}{' '}
          {applied.lanes
            .filter((lane) => lane.before !== lane.after)
            .map((lane) => `${laneName(lane.id as Lane)} ${lane.before} → ${lane.after}`)
            .join(', ')}
        </p>
      )}
      {problem && (
        <p className="cause" role="alert" data-testid="plan-apply-problem">
          {problem}
        </p>
      )}
      {confirming && (
        <div className="confirm-backdrop">
          <div className="confirm-dialog" role="dialog" aria-modal="true" aria-label={t(words.confirmTitle)}>
            <h2>{t(words.confirmTitle)}</h2>
            <p>{t(words.confirmHelp)}</p>
            <ul data-testid="plan-confirm-lanes">
              {plan.lanes.map((lane) => (
                <li key={lane.id} data-lane={lane.id}>
                  {laneName(lane.id)}: {before(lane.id)} → {lane.quotaPerWindow}
                  {before(lane.id) === lane.quotaPerWindow && (
                    <span className="quiet"> ({t(words.unchanged)})</span>
                  )}
                </li>
              ))}
            </ul>
            <div className="actions">
              <button type="button" onClick={() => setConfirming(false)} disabled={applying}>
                {t(words.cancel)}
              </button>
              <button type="button" className="primary" onClick={() => void apply()} disabled={applying}>
                {t(words.confirm)}
              </button>
            </div>
          </div>
        </div>
      )}
    </section>
  );
}
