import { useEffect, useMemo, useState } from 'react';
import type { InputOf } from '../../src-main/api/contract.ts';
import type { IkmFigures, SurveyComplaint, SurveyReportView } from '../../src-main/api/surveyViews.ts';
import type { Bilingual } from '../../src-main/domain/errors.ts';
import type { OfficeConfig } from '../../src-main/domain/office.ts';
import { surveyElementWording } from '../../src-main/domain/survey/elements.ts';
import {
  decimalText,
  gradeWords,
  indexText,
  profileTables,
  profileValueName,
} from '../../src-main/domain/survey/publishing.ts';
import { surveyElementsChart, surveyIndexPerMonthChart } from '../../src-main/documents/reportCharts.ts';
import { call, OperationError } from '../shared/client.ts';
import { texts, useText } from '../shared/i18n.ts';
import { ReportChart } from './ReportChart.tsx';
import { saveFile } from './ReportDownloads.tsx';
import { monthNames } from './ReportIssuance.tsx';
import { surveyTexts as st } from './surveyTexts.ts';

type PeriodKind = InputOf<'surveyReport'>['period'];

export interface SurveyFilters {
  period: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or semester 1–2; ignored for a year. */
  index: number;
  stage: string;
  counter: string;
}

const roman = ['I', 'II', 'III', 'IV'];

/** The choices of the period's second selector: the months, quarters or semesters of the year. */
function periodChoices(kind: PeriodKind): { value: number; label: Bilingual }[] {
  if (kind === 'month') return monthNames.map((label, i) => ({ value: i + 1, label }));
  if (kind === 'quarter')
    return roman.map((r, i) => ({ value: i + 1, label: { id: `Triwulan ${r}`, en: `Quarter ${r}` } }));
  if (kind === 'semester')
    return roman
      .slice(0, 2)
      .map((r, i) => ({ value: i + 1, label: { id: `Semester ${r}`, en: `Half ${r}` } }));
  return [];
}

/** Where the index stands within a kind of period: which month, quarter or semester a month is in. */
const indexOfMonth = (kind: PeriodKind, month: number) =>
  kind === 'month' ? month : kind === 'quarter' ? Math.ceil(month / 3) : Math.ceil(month / 6);

/** The filters as the contract takes them. */
export function surveyInputOf(filters: SurveyFilters): InputOf<'surveyReport'> {
  return {
    period: filters.period,
    year: filters.year,
    ...(filters.period === 'year' ? {} : { index: filters.index }),
    ...(filters.stage ? { stage: filters.stage } : {}),
    ...(filters.counter ? { counter: Number(filters.counter) } : {}),
  };
}

const nrrText = (nrr: number | null) => (nrr === null ? '–' : decimalText(nrr, 3));
const elementName = (element: string) => surveyElementWording.find((w) => w.element === element)?.name;

/**
 * **Survei kepuasan / Satisfaction survey** in the Reports section: the IKM of a month, quarter,
 * semester or year (`surveyReport`), narrowed to a stage or counter; the index large with its grade
 * and words, the responses against the sample needed, the NRR chart and table, per stage and
 * counter, the profile, the complaints with their follow-up and a form to answer one
 * (`answerSurveyComplaint`), the refused bursts; the period as PDF or XLSX (`exportSurvey`).
 */
export function SurveySection({ officeDate, office }: { officeDate: string; office: OfficeConfig | null }) {
  const t = useText();
  const [filters, setFilters] = useState<SurveyFilters>(() => ({
    period: 'quarter',
    year: Number(officeDate.slice(0, 4)),
    index: indexOfMonth('quarter', Number(officeDate.slice(5, 7))),
    stage: '',
    counter: '',
  }));
  const [yearText, setYearText] = useState(officeDate.slice(0, 4));
  const [view, setView] = useState<SurveyReportView | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const say = (error: unknown) => (error instanceof OperationError ? t(error.text) : String(error));

  useEffect(() => {
    let live = true;
    setBusy(true);
    setProblem(null);
    call('surveyReport', surveyInputOf(filters))
      .then((answer) => live && setView(answer))
      .catch((error: unknown) => {
        if (!live) return;
        setView(null);
        setProblem(say(error));
      })
      .finally(() => live && setBusy(false));
    return () => {
      live = false;
    };
  }, [filters]);

  // A year's index month by month: twelve month reports, asked only when a year is shown.
  const [months, setMonths] = useState<{ month: number; index: number | null }[] | null>(null);
  useEffect(() => {
    setMonths(null);
    if (filters.period !== 'year') return;
    let live = true;
    const monthly = Array.from({ length: 12 }, (_, i) =>
      call('surveyReport', surveyInputOf({ ...filters, period: 'month', index: i + 1 })).then((answer) => ({
        month: i + 1,
        index: answer.overall.index,
      })),
    );
    Promise.all(monthly)
      .then((answers) => live && setMonths(answers))
      .catch(() => live && setMonths(null));
    return () => {
      live = false;
    };
  }, [filters]);

  const set = (change: Partial<SurveyFilters>) => setFilters((f) => ({ ...f, ...change }));
  const stageName = (id: string) => {
    const stage = office?.floor.stages.find((s) => s.id === id);
    return stage ? t(stage.name) : id;
  };
  const answered = (complaint: SurveyComplaint) =>
    setView((v) =>
      v ? { ...v, complaints: v.complaints.map((c) => (c.id === complaint.id ? complaint : c)) } : v,
    );

  return (
    <section className="panel report-survey" data-testid="report-survey">
      <h2>{t(st.title)}</h2>
      <form className="survey-filters" data-testid="survey-filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          {t(st.periodKind)}
          <select
            name="survey-period"
            value={filters.period}
            onChange={(e) => {
              const period = e.target.value as PeriodKind;
              set({ period, index: indexOfMonth(period, Number(officeDate.slice(5, 7))) });
            }}
          >
            {(['month', 'quarter', 'semester', 'year'] as const).map((kind) => (
              <option key={kind} value={kind}>
                {t(st.periodKinds[kind])}
              </option>
            ))}
          </select>
        </label>
        {filters.period !== 'year' && (
          <label>
            {t(st.periodIndex)}
            <select
              name="survey-index"
              value={filters.index}
              onChange={(e) => set({ index: Number(e.target.value) })}
            >
              {periodChoices(filters.period).map((c) => (
                <option key={c.value} value={c.value}>
                  {t(c.label)}
                </option>
              ))}
            </select>
          </label>
        )}
        <label>
          {t(texts.reportYear)}
          <input
            type="number"
            name="survey-year"
            min={2000}
            max={2100}
            value={yearText}
            onChange={(e) => {
              setYearText(e.target.value);
              const typed = Number(e.target.value);
              if (Number.isInteger(typed) && typed >= 2000 && typed <= 2100) set({ year: typed });
            }}
          />
        </label>
        <label>
          {t(texts.stage)}
          <select name="survey-stage" value={filters.stage} onChange={(e) => set({ stage: e.target.value })}>
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
          <select
            name="survey-counter"
            value={filters.counter}
            onChange={(e) => set({ counter: e.target.value })}
          >
            <option value="">{t(texts.reportAll)}</option>
            {(office?.floor.counters ?? []).map((c) => (
              <option key={c.number} value={c.number}>
                {c.number}
              </option>
            ))}
          </select>
        </label>
        {busy && (
          <span className="quiet" role="status">
            {t(texts.reportComputing)}
          </span>
        )}
      </form>
      {problem && (
        <p className="cause" data-testid="survey-problem">
          {problem}
        </p>
      )}
      {view && (
        <>
          <SurveyDownloads filters={filters} />
          <SurveyHeadline view={view} />
          <div className="survey-columns">
            <div>
              {view.overall.responses > 0 && (
                <ReportChartMemo figures={view.overall} title={t(st.chartTitle)} />
              )}
              <ElementTable figures={view.overall} weights={view.weights} />
              {months && months.some((m) => m.index !== null) && (
                <MonthsChart year={filters.year} months={months} />
              )}
            </div>
            <div>
              <GroupTable
                title={t(st.byStage)}
                testId="survey-by-stage"
                rows={view.byStage.map((g) => ({ key: g.stage, label: stageName(g.stage), figures: g }))}
              />
              <GroupTable
                title={t(st.byCounter)}
                testId="survey-by-counter"
                rows={view.byCounter.map((g) => ({
                  key: String(g.counter),
                  label: `${t(texts.counter)} ${g.counter}`,
                  figures: g,
                }))}
              />
              <ProfileTables view={view} />
            </div>
          </div>
          <Complaints complaints={view.complaints} stageName={stageName} onAnswered={answered} />
          <Bursts bursts={view.bursts} />
        </>
      )}
    </section>
  );
}

function ReportChartMemo({ figures, title }: { figures: IkmFigures; title: string }) {
  const option = useMemo(() => surveyElementsChart(figures, title).option, [figures, title]);
  return <ReportChart option={option} testId="chart-survey-elements" />;
}

function MonthsChart(props: { year: number; months: { month: number; index: number | null }[] }) {
  const option = useMemo(() => surveyIndexPerMonthChart(props.year, props.months).option, [props]);
  return <ReportChart option={option} testId="chart-survey-months" />;
}

/** The index large with its grade and words, and the responses against the sample needed. */
function SurveyHeadline({ view }: { view: SurveyReportView }) {
  const t = useText();
  const { overall, sample } = view;
  return (
    <div className="survey-headline" data-testid="survey-headline">
      <p className="survey-period" data-testid="survey-period">
        {view.period.label}
      </p>
      {overall.index === null || overall.grade === null ? (
        <p className="quiet" data-testid="survey-no-answers">
          {t(st.noAnswers)}
        </p>
      ) : (
        <p className="survey-index">
          <span className="quiet">{t(st.indexName)}</span>{' '}
          <strong data-testid="survey-index">{indexText(overall.index)}</strong>{' '}
          <span className={`grade grade-${overall.grade}`} data-testid="survey-grade">
            {overall.grade}
          </span>{' '}
          <span data-testid="survey-grade-words">{t(gradeWords[overall.grade])}</span>
        </p>
      )}
      <p data-testid="survey-sample">
        {t(st.sample(sample.responses, sample.needed))}{' '}
        <span className="quiet">{t(st.population(sample.population))}</span>
      </p>
    </div>
  );
}

/** U1–U9: the element's name, how many answered it, its NRR and weight. */
function ElementTable({ figures, weights }: { figures: IkmFigures; weights: number[] }) {
  const t = useText();
  return (
    <table className="counts survey-elements" data-testid="survey-elements">
      <thead>
        <tr>
          <th>{t(st.element)}</th>
          <th>{t(st.answered)}</th>
          <th>NRR</th>
          <th>{t(st.weighted)}</th>
        </tr>
      </thead>
      <tbody>
        {figures.elements.map((e, i) => {
          const name = elementName(e.element);
          return (
            <tr key={e.element} data-element={e.element}>
              <td>
                {e.element.toUpperCase()} {name ? t(name) : ''}
              </td>
              <td className="figure">{e.answered}</td>
              <td className="figure" data-testid={`nrr-${e.element}`}>
                {nrrText(e.nrr)}
              </td>
              <td className="figure">{nrrText(e.nrr === null ? null : e.nrr * (weights[i] ?? 0))}</td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <th colSpan={3}>IKM</th>
          <td className="figure">{nrrText(figures.ikm)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

function GroupTable(props: {
  title: string;
  testId: string;
  rows: { key: string; label: string; figures: IkmFigures }[];
}) {
  const t = useText();
  if (props.rows.length === 0) return null;
  return (
    <>
      <h3>{props.title}</h3>
      <table className="counts" data-testid={props.testId}>
        <thead>
          <tr>
            <th />
            <th>{t(st.responses)}</th>
            <th>{t(st.indexName)}</th>
            <th>{t(st.grade)}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.key} data-group={r.key}>
              <td>{r.label}</td>
              <td className="figure">{r.figures.responses}</td>
              <td className="figure">{r.figures.index === null ? '–' : indexText(r.figures.index)}</td>
              <td>
                {r.figures.grade === null ? '–' : `${r.figures.grade} ${t(gradeWords[r.figures.grade])}`}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The respondents' profile: each characteristic's categories with jumlah and persen. */
function ProfileTables({ view }: { view: SurveyReportView }) {
  const t = useText();
  return (
    <>
      <h3>{t(st.profile)}</h3>
      <table className="counts survey-profile" data-testid="survey-profile">
        <thead>
          <tr>
            <th />
            <th />
            <th>{t(st.count)}</th>
            <th>{t(st.percent)}</th>
          </tr>
        </thead>
        <tbody>
          {profileTables.flatMap(({ key, name }) => {
            const rows = view.profile[key];
            const total = rows.reduce((sum, r) => sum + r.count, 0);
            if (rows.length === 0)
              return [
                <tr key={key}>
                  <th scope="row">{t(name)}</th>
                  <td colSpan={3} className="quiet">
                    –
                  </td>
                </tr>,
              ];
            return rows.map((r, i) => (
              <tr key={`${key}/${r.value}`} data-profile={`${key}/${r.value}`}>
                {i === 0 && (
                  <th scope="row" rowSpan={rows.length}>
                    {t(name)}
                  </th>
                )}
                <td>{t(profileValueName(r.value))}</td>
                <td className="figure">{r.count}</td>
                <td className="figure">{total ? `${decimalText((r.count / total) * 100, 1)}%` : '–'}</td>
              </tr>
            ));
          })}
        </tbody>
      </table>
    </>
  );
}

/** Complaints and suggestions, each with its follow-ups and a form to add one (Tanggapi). */
function Complaints(props: {
  complaints: SurveyComplaint[];
  stageName: (id: string) => string;
  onAnswered: (complaint: SurveyComplaint) => void;
}) {
  const t = useText();
  return (
    <div className="survey-complaints" data-testid="survey-complaints">
      <h3>{t(st.complaints)}</h3>
      {props.complaints.length === 0 ? (
        <p className="quiet">{t(st.noComplaints)}</p>
      ) : (
        <ul>
          {props.complaints.map((c) => (
            <Complaint key={c.id} complaint={c} stageName={props.stageName} onAnswered={props.onAnswered} />
          ))}
        </ul>
      )}
    </div>
  );
}

function Complaint(props: {
  complaint: SurveyComplaint;
  stageName: (id: string) => string;
  onAnswered: (complaint: SurveyComplaint) => void;
}) {
  const t = useText();
  const c = props.complaint;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const send = async () => {
    setBusy(true);
    setProblem(null);
    try {
      props.onAnswered(await call('answerSurveyComplaint', { id: c.id, note }));
      setNote('');
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <li data-complaint={c.id}>
      <p className="quiet">
        {c.day} · {String(c.hour).padStart(2, '0')}.00 · {props.stageName(c.stage)}
        {c.counter !== null && ` · ${t(texts.counter)} ${c.counter}`}
      </p>
      <blockquote data-testid="complaint-text">{c.text}</blockquote>
      {c.followUps.length > 0 ? (
        <ol className="follow-ups" data-testid="complaint-follow-ups">
          {c.followUps.map((f) => (
            <li key={`${f.at}/${f.officer}`}>
              {f.note}{' '}
              <span className="quiet">
                ({f.officer}, {f.at.slice(0, 10)} {f.at.slice(11, 16)})
              </span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="tag">{t(st.notAnswered)}</p>
      )}
      <form
        className="answer-complaint"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label>
          {t(st.answerLabel)}
          <textarea
            name="follow-up"
            required
            maxLength={1000}
            rows={2}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </label>
        <button type="submit" disabled={busy || note.trim() === ''}>
          {t(st.answer)}
        </button>
        {problem && (
          <p className="cause" data-testid="complaint-problem">
            {problem}
          </p>
        )}
      </form>
    </li>
  );
}

/** Bursts of answers a feedback station sent without visits behind them, refused by the hub. */
function Bursts({ bursts }: { bursts: SurveyReportView['bursts'] }) {
  const t = useText();
  return (
    <div className="survey-bursts" data-testid="survey-bursts">
      <h3>{t(st.bursts)}</h3>
      {bursts.length === 0 ? (
        <p className="quiet">{t(st.noBursts)}</p>
      ) : (
        <table className="counts">
          <thead>
            <tr>
              <th>{t(st.burstAt)}</th>
              <th>{t(st.station)}</th>
              <th>{t(st.refused)}</th>
            </tr>
          </thead>
          <tbody>
            {bursts.map((b) => (
              <tr key={`${b.at}/${b.station}`} data-burst={b.station}>
                <td>
                  {b.at.slice(0, 10)} {b.at.slice(11, 16)}
                </td>
                <td>{b.station}</td>
                <td className="figure">{b.refused}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** The period shown as PDF or XLSX, in the layout offices publish. */
function SurveyDownloads({ filters }: { filters: SurveyFilters }) {
  const t = useText();
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const download = async (format: 'pdf' | 'xlsx') => {
    setBusy(true);
    setSaved(null);
    setProblem(null);
    try {
      const file = await call('exportSurvey', { ...surveyInputOf(filters), format });
      saveFile(file);
      setSaved(file.fileName);
    } catch (error) {
      setProblem(error instanceof OperationError ? t(error.text) : String(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="report-downloads" data-testid="survey-downloads">
      <span>{t(st.download)}</span>
      {(['pdf', 'xlsx'] as const).map((format) => (
        <button key={format} type="button" disabled={busy} onClick={() => void download(format)}>
          {format.toUpperCase()}
        </button>
      ))}
      {busy && <span className="quiet"> {t(texts.reportComputing)}</span>}
      {saved && (
        <span className="quiet" data-testid="survey-saved">
          {' '}
          {t(texts.reportDownloadReady)}: {saved}
        </span>
      )}
      {problem && (
        <p className="cause" data-testid="survey-download-problem">
          {problem}
        </p>
      )}
    </div>
  );
}
