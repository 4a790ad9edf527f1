import type { z } from 'zod';
import type {
  exportReportInput,
  exportReportView,
  IssuanceReportView,
  KpiReportView,
  OfficersReportView,
  PromisesReportView,
  PublicFiguresView,
  ReportKind,
} from '../../api/reportViews.ts';
import { LoketError } from '../../domain/errors.ts';
import { localDateOf, plusDays } from '../../domain/localTime.ts';
import { reportFile, reportMediaTypes, type ReportFileFormat } from '../../documents/reportFiles.ts';
import {
  issuanceDocument,
  kpiDocument,
  officersDocument,
  promisesDocument,
  publicDocument,
  type ReportDocument,
  type ReportNames,
} from '../../documents/reportSheets.ts';
import type { ServiceContext } from '../context.ts';
import { reportIssuance } from './issuance.ts';
import { reportKpi } from './kpi.ts';
import { reportOfficers } from './officers.ts';
import { reportPromises } from './promises.ts';
import { publicFigures } from './publicFigures.ts';

export type ExportReportInput = z.infer<typeof exportReportInput>;

/** What a report is asked for, before its defaults: the export's input without the format. */
export type ReportRequest = Omit<ExportReportInput, 'format'>;

/** A report's figures with the kind that says which view they are. */
export type LoadedReport =
  | { kind: 'kpi'; view: KpiReportView }
  | { kind: 'officers'; view: OfficersReportView }
  | { kind: 'issuance'; view: IssuanceReportView }
  | { kind: 'promises'; view: PromisesReportView }
  | { kind: 'public'; view: PublicFiguresView };

/** The public figures a file shows unless told otherwise: a week on the notice board, a month in a table. */
const publicDays = { pdf: 7, table: 30 } as const;
/** The most days publicFigures gives (its input's limit). */
const publicDaysMost = 92;

function refuse(id: string, en: string): LoketError {
  return new LoketError('INVALID_INPUT', { id, en });
}

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);

/**
 * A report's figures from its service, with the defaults filled in: the last 30 office days up to
 * today for a range, this year for the issuance table; the public figures count back from today
 * (from `from` when given, else a week for a PDF and 30 days for a table).
 */
export function loadReport(
  ctx: ServiceContext,
  request: ReportRequest,
  format: ReportFileFormat | 'table' = 'table',
): LoadedReport {
  const today = localDateOf(ctx.clock.now(), ctx.store.office.get().timeZone);
  const to = request.to ?? today;
  const from = request.from ?? plusDays(to, -29);
  if (from > to)
    throw refuse(
      `Tanggal awal ${from} sesudah tanggal akhir ${to}.`,
      `The start date ${from} is after the end date ${to}.`,
    );
  if (daysBetween(from, to) > 366)
    throw refuse('Rentang laporan paling lama 366 hari.', 'A report covers at most 366 days.');
  const narrowed =
    request.stage !== undefined || request.counter !== undefined || request.officer !== undefined;
  if (narrowed && request.report !== 'kpi')
    throw refuse(
      'Tahap, loket dan petugas hanya menyaring laporan KPI.',
      'Stage, counter and officer filter the KPI report only.',
    );
  switch (request.report) {
    case 'kpi':
      return {
        kind: 'kpi',
        view: reportKpi(ctx, {
          from,
          to,
          ...(request.stage !== undefined ? { stage: request.stage } : {}),
          ...(request.counter !== undefined ? { counter: request.counter } : {}),
          ...(request.officer !== undefined ? { officer: request.officer } : {}),
        }),
      };
    case 'officers':
      return { kind: 'officers', view: reportOfficers(ctx, { from, to }) };
    case 'promises':
      return { kind: 'promises', view: reportPromises(ctx, { from, to }) };
    case 'issuance':
      return {
        kind: 'issuance',
        view: reportIssuance(ctx, { year: request.year ?? Number(today.slice(0, 4)) }),
      };
    case 'public': {
      const days =
        request.from !== undefined
          ? Math.min(daysBetween(request.from, today) + 1, publicDaysMost)
          : format === 'pdf'
            ? publicDays.pdf
            : publicDays.table;
      if (days < 1)
        throw refuse(
          `Angka publik dihitung sampai hari ini (${today}).`,
          `The public figures count back from today (${today}).`,
        );
      return { kind: 'public', view: publicFigures(ctx, { days }) };
    }
  }
}

/** The office's own words for what a view names by code: its name, its stages, its reason codes. */
export function reportNames(ctx: ServiceContext): ReportNames {
  const office = ctx.store.office.get();
  const stages = new Map(office.floor.stages.map((s) => [s.id, s.name.id]));
  const reasons = new Map(office.floor.outOfOrderReasons.map((r) => [r.code, r.name.id]));
  return {
    office: office.name,
    stage: (id) => stages.get(id) ?? id,
    outOfOrderReason: (code) => reasons.get(code) ?? code,
  };
}

/** A report's figures laid out for the files: title, period, tables and charts. */
export function reportDocument(report: LoadedReport, names: ReportNames): ReportDocument {
  switch (report.kind) {
    case 'kpi':
      return kpiDocument(report.view, names);
    case 'officers':
      return officersDocument(report.view, names);
    case 'issuance':
      return issuanceDocument(report.view, names);
    case 'promises':
      return promisesDocument(report.view, names);
    case 'public':
      return publicDocument(report.view);
  }
}

/** "loket-kpi-2026-11-01_2026-11-30.xlsx", "loket-issuance-2026.pdf". */
export function reportFileName(report: LoadedReport, format: ReportFileFormat): string {
  const kind: ReportKind = report.kind;
  if (report.kind === 'issuance') return `loket-${kind}-${report.view.year}.${format}`;
  const dates = report.kind === 'public' ? report.view.days.map((d) => d.date).sort() : [];
  const [from, to] =
    report.kind === 'public'
      ? [dates[0] ?? report.view.today, dates.at(-1) ?? report.view.today]
      : [report.view.from, report.view.to];
  return `loket-${kind}-${from}_${to}.${format}`;
}

/** A report as a file: CSV, XLSX (exceljs) or PDF (pdfkit with the SVG charts). */
export async function exportReport(
  ctx: ServiceContext,
  input: ExportReportInput,
  progress: (step: string) => void = () => {},
): Promise<z.infer<typeof exportReportView>> {
  const { format, ...request } = input;
  progress(`Menghitung laporan ${request.report} / Computing the ${request.report} report`);
  const report = loadReport(ctx, request, format);
  progress(`Menyusun ${format.toUpperCase()} / Writing the ${format.toUpperCase()} file`);
  const bytes = await reportFile(reportDocument(report, reportNames(ctx)), format);
  return {
    fileName: reportFileName(report, format),
    mediaType: reportMediaTypes[format],
    content: bytes.toString('base64'),
  };
}
