import fs from 'node:fs';
import { exportReportInput, reportKinds, type ReportKind } from '../api/reportViews.ts';
import { isValidLocalDate, localDatePattern } from '../domain/localTime.ts';
import { printedCell, reportFile, type ReportFileFormat } from '../documents/reportFiles.ts';
import type { Column, ReportDocument, ReportSheet } from '../documents/reportSheets.ts';
import { commandLine, type ServiceContext } from '../services/context.ts';
import { loadReport, reportDocument, reportNames, type ReportRequest } from '../services/reports/export.ts';
import { importIssuanceHistory } from '../services/reports/issuance.ts';
import { ikmReport, type IkmOptions } from './surveyReport.ts';

/** What `loket report` is told on its command line. */
export interface ReportOptions {
  from?: string | undefined;
  to?: string | undefined;
  year?: string | undefined;
  stage?: string | undefined;
  counter?: string | undefined;
  officer?: string | undefined;
  format?: string | undefined;
  out?: string | undefined;
  force?: boolean | undefined;
}

/** Where the command writes: lines, bytes, progress (stderr), and whether stdout is a terminal. */
export interface ReportOutput {
  write(line: string): void;
  bytes(content: Buffer): void;
  progress(line: string): void;
  stdoutIsTerminal: boolean;
}

export const reportFormats = ['table', 'csv', 'xlsx', 'json', 'pdf'] as const;
type Format = (typeof reportFormats)[number];
/** Formats a terminal cannot show: they go to --out FILE, or down a pipe. */
const binary: readonly Format[] = ['xlsx', 'pdf'];

/**
 * `loket report kpi|issuance|promises|officers|public` (the figures: an aligned table, CSV, XLSX,
 * JSON or PDF), `loket report ikm` (the satisfaction survey, `surveyReport.ts`) and `loket report import-history FILE` (the office's issuance of months the floor did
 * not run). One dispatcher by sub-command; each report is the same service the console calls.
 */
export async function report(
  ctx: ServiceContext,
  args: string[],
  options: IkmOptions,
  out: ReportOutput,
  usage: (message: string) => Error,
): Promise<number> {
  const [action, file] = args;
  if (action === 'import-history') return importHistory(ctx, file, out.write, usage);
  // The satisfaction survey's IKM (issue 22): a period, not a range of days.
  if (action === 'ikm') return ikmReport(ctx, options, out, usage);
  if (options.period !== undefined || options.index !== undefined)
    throw usage('--period and --index go with report ikm');
  if (!action || !(reportKinds as readonly string[]).includes(action))
    throw usage(`report ${[...reportKinds, 'ikm', 'import-history'].join('|')}`);
  return figures(ctx, action as ReportKind, options, out, usage);
}

/**
 * Imports the office's monthly issuance (the CSV of its report) for months the floor did not run.
 * A bad row refuses the whole file: the error names its line and nothing is written.
 */
function importHistory(
  ctx: ServiceContext,
  file: string | undefined,
  write: (line: string) => void,
  usage: (message: string) => Error,
): number {
  if (!file) throw usage('report import-history needs a FILE');
  const content = fs.readFileSync(file, 'utf8');
  if (!content.trim()) throw usage(`${file} is empty`);
  const { imported } = importIssuanceHistory(ctx, commandLine, { content });
  const years = new Map<number, { months: number; total: number }>();
  for (const m of imported) {
    const year = years.get(m.year) ?? { months: 0, total: 0 };
    years.set(m.year, { months: year.months + 1, total: year.total + m.total });
  }
  const total = imported.reduce((sum, m) => sum + m.total, 0);
  write(`Imported ${imported.length} months of passport issuance from ${file} (${total} passports):`);
  for (const [year, { months, total: passports }] of [...years].sort(([a], [b]) => a - b))
    write(`  ${year}: ${months} month${months === 1 ? '' : 's'}, ${passports} passports`);
  return 0;
}

async function figures(
  ctx: ServiceContext,
  kind: ReportKind,
  options: ReportOptions,
  out: ReportOutput,
  usage: (message: string) => Error,
): Promise<number> {
  const format = (options.format ?? 'table') as Format;
  if (!(reportFormats as readonly string[]).includes(format))
    throw usage(`--format must be one of ${reportFormats.join(', ')}, not ${options.format}`);
  const request = requestOf(kind, options, usage);
  if (binary.includes(format) && !options.out && out.stdoutIsTerminal)
    throw usage(
      `--format ${format} writes a file: give --out FILE, or send it down a pipe (> report.${format})`,
    );
  if (options.out && fs.existsSync(options.out) && !options.force)
    throw usage(`${options.out} already exists: choose another file, or add --force to overwrite it`);

  out.progress(`Menghitung laporan ${kind}… / Computing the ${kind} report…`);
  const fileFormat: ReportFileFormat | 'table' = format === 'json' || format === 'table' ? 'table' : format;
  const loaded = loadReport(ctx, request, fileFormat);
  let bytes: Buffer;
  if (format === 'json') bytes = Buffer.from(`${JSON.stringify(loaded.view, null, 2)}\n`);
  else {
    const document = reportDocument(loaded, reportNames(ctx));
    if (format === 'table') bytes = Buffer.from(tableText(document));
    else {
      out.progress(
        format === 'pdf'
          ? 'Menggambar grafik dan menyusun PDF… / Drawing the charts and writing the PDF…'
          : `Menyusun ${format.toUpperCase()}… / Writing the ${format.toUpperCase()}…`,
      );
      bytes = await reportFile(document, format);
    }
  }
  if (options.out) {
    // The officers' figures are personal: the file is its owner's alone.
    fs.writeFileSync(options.out, bytes, { mode: 0o600 });
    out.progress(`Ditulis / Written: ${options.out} (${bytes.length} bytes)`);
  } else out.bytes(bytes);
  return 0;
}

const dateOption = (name: string, value: string | undefined, usage: (message: string) => Error) => {
  if (value === undefined) return undefined;
  if (!localDatePattern.test(value) || !isValidLocalDate(value))
    throw usage(`--${name} must be a date YYYY-MM-DD, not ${value}`);
  return value;
};

function requestOf(
  kind: ReportKind,
  options: ReportOptions,
  usage: (message: string) => Error,
): ReportRequest {
  const from = dateOption('from', options.from, usage);
  const to = dateOption('to', options.to, usage);
  if (kind === 'issuance' && (from ?? to))
    throw usage('report issuance counts a calendar year: --year Y, not --from/--to');
  if (kind !== 'issuance' && options.year !== undefined)
    throw usage('--year goes with report issuance; the other reports take --from and --to');
  if (kind === 'public' && to !== undefined)
    throw usage('report public counts back from today: --from DATE only');
  if (kind !== 'kpi' && (options.stage ?? options.counter ?? options.officer) !== undefined)
    throw usage('--stage, --counter and --officer narrow report kpi only');
  const year = options.year === undefined ? undefined : Number(options.year);
  if (year !== undefined && (!Number.isInteger(year) || year < 2000 || year > 2100))
    throw usage(`--year must be a year 2000–2100, not ${options.year}`);
  const counter = options.counter === undefined ? undefined : Number(options.counter);
  if (counter !== undefined && (!Number.isInteger(counter) || counter < 1 || counter > 30))
    throw usage(`--counter must be a desk number 1–30, not ${options.counter}`);
  if (from && to && from > to) throw usage(`--from ${from} is after --to ${to}`);
  const request: ReportRequest = {
    report: kind,
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    ...(year !== undefined ? { year } : {}),
    ...(options.stage !== undefined ? { stage: options.stage } : {}),
    ...(counter !== undefined ? { counter } : {}),
    ...(options.officer !== undefined ? { officer: options.officer } : {}),
  };
  // The same limits as the console's export (the contract's schema).
  const checked = exportReportInput.safeParse({ ...request, format: 'csv' });
  if (!checked.success) {
    const issue = checked.error.issues[0];
    throw usage(`--${String(issue?.path[0] ?? 'report')}: ${issue?.message ?? 'not valid'}`);
  }
  return request;
}

/** The report as a terminal shows it: each table with aligned columns, numbers to the right. */
export function tableText(document: ReportDocument): string {
  const lines = [document.office, document.title, document.period, ...document.notes];
  for (const sheet of document.sheets) {
    lines.push('', `${sheet.title}:`);
    if (!sheet.rows.length) {
      lines.push('  (tidak ada / none)');
      continue;
    }
    lines.push(...alignedRows(sheet));
  }
  return `${lines.join('\n')}\n`;
}

function alignedRows(sheet: ReportSheet): string[] {
  const cells = sheet.rows.map((row) => row.map((cell, i) => printedCell(cell, sheet.columns[i] as Column)));
  const widths = sheet.columns.map((column, i) =>
    Math.max(column.header.length, ...cells.map((row) => (row[i] as string).length)),
  );
  const line = (texts: string[]) =>
    texts
      .map((text, i) =>
        sheet.columns[i]?.kind === 'text'
          ? text.padEnd(widths[i] as number)
          : text.padStart(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  const header = line(sheet.columns.map((c) => c.header));
  return [header, '-'.repeat(header.length), ...cells.map(line)];
}
