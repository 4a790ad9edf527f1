import type { z } from 'zod';
import type { exportReportInput, exportReportView } from '../../api/reportViews.ts';
import type { ServiceContext } from '../context.ts';
import { notBuilt } from './notBuilt.ts';

export type ExportReportInput = z.infer<typeof exportReportInput>;

/** A report as a file: CSV, XLSX (exceljs) or PDF (pdfkit with the SVG charts). */
export async function exportReport(
  _ctx: ServiceContext,
  _input: ExportReportInput,
): Promise<z.infer<typeof exportReportView>> {
  throw notBuilt('ekspor');
}
