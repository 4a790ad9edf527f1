import type { InputOf, OutputOf } from '../../api/contract.ts';
import type { SurveyReportView } from '../../api/surveyViews.ts';
import { isoInstant } from '../../domain/localTime.ts';
import { printedAtOf } from '../../domain/survey/publishing.ts';
import { reportFile, reportMediaTypes } from '../../documents/reportFiles.ts';
import { surveyDocument, surveyFileName, type SurveyFilters } from '../../documents/surveySheets.ts';
import type { ServiceContext } from '../context.ts';
import { reportNames } from '../reports/export.ts';
import { surveyReport } from './survey.ts';

/** The survey's report as a file, from figures already computed: the one step the tests and the CLI share. */
export async function surveyReportFile(
  ctx: ServiceContext,
  view: SurveyReportView,
  format: 'pdf' | 'xlsx',
  narrowed: SurveyFilters = {},
): Promise<OutputOf<'exportSurvey'>> {
  const printed = printedAtOf(isoInstant(ctx.clock.now(), ctx.store.office.get().timeZone));
  const bytes = await reportFile(surveyDocument(view, reportNames(ctx), printed, narrowed), format);
  return {
    fileName: surveyFileName(view, format),
    mediaType: reportMediaTypes[format],
    content: bytes.toString('base64'),
  };
}

/**
 * The period's IKM in the layout offices publish ("Hasil Survei Kepuasan Masyarakat"), as PDF
 * (pdfkit, the NRR chart as vector paths) or XLSX (exceljs, a worksheet per table): the same
 * figures `surveyReport` gives, with the same filters.
 */
export function exportSurvey(
  ctx: ServiceContext,
  input: InputOf<'exportSurvey'>,
): Promise<OutputOf<'exportSurvey'>> {
  const { format, ...request } = input;
  try {
    return surveyReportFile(ctx, surveyReport(ctx, request), format, {
      stage: request.stage,
      counter: request.counter,
    });
  } catch (error) {
    return Promise.reject(error as Error);
  }
}
