import fs from 'node:fs';
import type { SurveyReportInput, SurveyReportView } from '../api/surveyViews.ts';
import { surveyPeriodKinds } from '../api/surveyViews.ts';
import { localDateOf } from '../domain/localTime.ts';
import { surveyElementWording } from '../domain/survey/elements.ts';
import { gradeWords, shownIndex } from '../domain/survey/ikm.ts';
import type { ServiceContext } from '../services/context.ts';
import { exportSurvey } from '../services/survey/export.ts';
import { surveyReport } from '../services/survey/survey.ts';
import type { ReportOptions, ReportOutput } from './report.ts';
import { alignedTable } from './textTable.ts';

/** What `loket report ikm` reads besides the other reports' options. */
export interface IkmOptions extends ReportOptions {
  period?: string | undefined;
  index?: string | undefined;
}

export const ikmFormats = ['table', 'json', 'xlsx', 'pdf'] as const;

/**
 * `loket report ikm --period month|quarter|semester|year --year Y [--index N] [--stage S]
 * [--counter N] --format table|json|xlsx|pdf`: the same report as the supervisor's console
 * (`surveyReport`); XLSX and PDF are the console's export (`exportSurvey`).
 */
export async function ikmReport(
  ctx: ServiceContext,
  options: IkmOptions,
  out: ReportOutput,
  usage: (message: string) => Error,
): Promise<number> {
  const input = inputOf(ctx, options, usage);
  const format = options.format ?? 'table';
  if (!(ikmFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${ikmFormats.join(', ')}, not ${format}`);
  const binary = format === 'xlsx' || format === 'pdf';
  if (binary && !options.out && out.stdoutIsTerminal)
    throw usage(
      `--format ${format} writes a file: give --out FILE, or send it down a pipe (> ikm.${format})`,
    );
  if (options.out && fs.existsSync(options.out) && !options.force)
    throw usage(`${options.out} already exists: choose another file, or add --force to overwrite it`);
  out.progress('Menghitung IKM… / Computing the IKM…');
  let bytes: Buffer;
  if (format === 'xlsx' || format === 'pdf')
    bytes = Buffer.from((await exportSurvey(ctx, { ...input, format })).content, 'base64');
  else {
    const view = surveyReport(ctx, input);
    bytes = Buffer.from(format === 'json' ? `${JSON.stringify(view, null, 2)}\n` : ikmTable(ctx, view));
  }
  if (options.out) {
    // Complaints are the citizens' own words: the file is its owner's alone.
    fs.writeFileSync(options.out, bytes, { mode: 0o600 });
    out.progress(`Ditulis / Written: ${options.out} (${bytes.length} bytes)`);
  } else out.bytes(bytes);
  return 0;
}

function inputOf(
  ctx: ServiceContext,
  options: IkmOptions,
  usage: (message: string) => Error,
): SurveyReportInput {
  const period = options.period;
  if (!period || !(surveyPeriodKinds as readonly string[]).includes(period))
    throw usage(`report ikm needs --period ${surveyPeriodKinds.join('|')}`);
  if (options.from !== undefined || options.to !== undefined || options.officer !== undefined)
    throw usage(
      'report ikm takes --period, --year and --index (and --stage, --counter), not --from/--to/--officer',
    );
  const office = ctx.store.office.get();
  const year =
    options.year === undefined
      ? Number(localDateOf(ctx.clock.now(), office.timeZone).slice(0, 4))
      : Number(options.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw usage(`--year must be a year 2000–2100, not ${options.year}`);
  const limit = { month: 12, quarter: 4, semester: 2, year: 0 }[period as SurveyReportInput['period']];
  const index = options.index === undefined ? undefined : Number(options.index);
  if (limit === 0 && index !== undefined) throw usage('--period year takes no --index');
  if (limit > 0 && (index === undefined || !Number.isInteger(index) || index < 1 || index > limit))
    throw usage(
      `--period ${period} needs --index 1–${limit}${options.index === undefined ? '' : `, not ${options.index}`}`,
    );
  const counter = options.counter === undefined ? undefined : Number(options.counter);
  if (counter !== undefined && (!Number.isInteger(counter) || counter < 1 || counter > 30))
    throw usage(`--counter must be a desk number 1–30, not ${options.counter}`);
  return {
    period: period as SurveyReportInput['period'],
    year,
    ...(index !== undefined ? { index } : {}),
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(counter !== undefined ? { counter } : {}),
  };
}

const two = (value: number | null) => (value === null ? '–' : value.toFixed(2));
const indexText = (value: number | null) => (value === null ? '–' : shownIndex(value));
const gradeText = (grade: SurveyReportView['overall']['grade']) =>
  grade === null ? '–' : `${grade} (${gradeWords[grade].id} / ${gradeWords[grade].en})`;

/** The report as a terminal shows it: the nine NRR, the IKM, index and grade, then the tables. */
export function ikmTable(ctx: ServiceContext, view: SurveyReportView): string {
  const office = ctx.store.office.get();
  const names = new Map(surveyElementWording.map((w) => [w.element, w.name.id]));
  const lines = [
    office.name,
    `Indeks Kepuasan Masyarakat (IKM) / Community Satisfaction Index — ${view.period.label}`,
    `${view.period.from} – ${view.period.to}; PermenPANRB No. 14 Tahun 2017`,
    '',
    ...alignedTable(
      ['Unsur', 'Nama', 'Diisi', 'NRR', 'Bobot'],
      view.overall.elements.map((e, i) => [
        e.element.toUpperCase(),
        names.get(e.element) ?? e.element,
        String(e.answered),
        two(e.nrr),
        (view.weights[i] ?? 0).toFixed(4),
      ]),
      [false, false, true, true, true],
    ),
    '',
    `Responden / Responses: ${view.overall.responses}`,
    `IKM: ${view.overall.ikm === null ? '–' : view.overall.ikm.toFixed(4)}`,
    `Indeks (IKM × 25) / Index: ${indexText(view.overall.index)}`,
    `Mutu pelayanan / Grade: ${gradeText(view.overall.grade)}`,
    `Sampel / Sample: ${view.sample.responses} dari ${view.sample.needed} yang diperlukan (Krejcie & Morgan, ${view.sample.population} pengguna layanan)`,
  ];
  const figures = (title: string, key: string, rows: (SurveyReportView['overall'] & { key: string })[]) => {
    lines.push('', `${title}:`);
    if (!rows.length) lines.push('  (tidak ada / none)');
    else
      lines.push(
        ...alignedTable(
          [key, 'Responden', 'Indeks', 'Mutu'],
          rows.map((r) => [r.key, String(r.responses), indexText(r.index), r.grade ?? '–']),
          [false, true, true, false],
        ),
      );
  };
  figures(
    'Per tahap / By stage',
    'Tahap',
    view.byStage.map((r) => ({ ...r, key: r.stage })),
  );
  figures(
    'Per loket / By counter',
    'Loket',
    view.byCounter.map((r) => ({ ...r, key: String(r.counter) })),
  );
  for (const [title, rows] of [
    ['Jenis kelamin / Sex', view.profile.sex],
    ['Usia / Age', view.profile.ageBand],
    ['Pendidikan / Education', view.profile.education],
    ['Pekerjaan / Occupation', view.profile.occupation],
    ['Jenis layanan / Service', view.profile.service],
  ] as const) {
    lines.push('', `${title}:`);
    if (!rows.length) lines.push('  (tidak ada / none)');
    else
      lines.push(
        ...alignedTable(
          ['Nilai', 'Jumlah'],
          rows.map((r) => [r.value, String(r.count)]),
          [false, true],
        ),
      );
  }
  lines.push('', 'Pengaduan dan saran / Complaints and suggestions:');
  if (!view.complaints.length) lines.push('  (tidak ada / none)');
  for (const c of view.complaints) {
    lines.push(
      `  #${c.id} ${c.day} ${String(c.hour).padStart(2, '0')}.00 ${c.stage}${c.counter ? `, loket ${c.counter}` : ''}: ${c.text}`,
    );
    for (const f of c.followUps) lines.push(`    ↳ ${f.at} ${f.officer}: ${f.note}`);
  }
  lines.push('', 'Rentetan pindaian yang ditolak / Refused bursts:');
  if (!view.bursts.length) lines.push('  (tidak ada / none)');
  for (const b of view.bursts) lines.push(`  ${b.at} ${b.station}: ${b.refused} ditolak / refused`);
  return `${lines.join('\n')}\n`;
}
