import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import { decimalText } from '../domain/survey/publishing.ts';
import { chartSvg } from './chartSvg.ts';
import { shortDate } from './reportCharts.ts';
import {
  percentText,
  type Cell,
  type Column,
  type ReportDocument,
  type ReportSheet,
} from './reportSheets.ts';

/**
 * A report document (`reportSheets.ts`) written as a file: CSV (its main table, RFC 4180, UTF-8
 * with a BOM so that Excel reads it as UTF-8), XLSX (a worksheet per table, numbers as numbers) or
 * an A4 PDF (the charts as vector graphics, then the tables; the public figures on one page for the
 * notice board). The PDFs use pdfkit's built-in Helvetica: nothing is fetched or embedded.
 */

export const reportMediaTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;
export type ReportFileFormat = keyof typeof reportMediaTypes;

/** A share's column says it is in per cent where the cell is a plain number (CSV). */
const csvHeader = (column: Column) => (column.kind === 'share' ? `${column.header} (%)` : column.header);

function csvCell(value: Cell, column: Column): string {
  if (value === null) return '';
  if (typeof value === 'string') return value;
  if (column.kind === 'minutes') return value.toFixed(1);
  if (column.kind === 'share') return (value * 100).toFixed(1);
  if (column.kind === 'decimal2') return value.toFixed(2);
  if (column.kind === 'decimal3') return value.toFixed(3);
  return String(value);
}

/** RFC 4180: a field with a comma, a quote or a line break is quoted, its quotes doubled. */
const csvField = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** The report's main table: a header line, then a line a row, CRLF, decimals with a point. */
export function reportCsv(report: ReportDocument): Buffer {
  const sheet = report.sheets[0] as ReportSheet;
  const lines = [
    sheet.columns.map((c) => csvField(csvHeader(c))).join(','),
    ...sheet.rows.map((row) =>
      row.map((cell, i) => csvField(csvCell(cell, sheet.columns[i] as Column))).join(','),
    ),
  ];
  return Buffer.from(`\uFEFF${lines.map((line) => `${line}\r\n`).join('')}`, 'utf8');
}

const numberFormats = {
  text: '@',
  count: '0',
  minutes: '0.0',
  share: '0.0%',
  decimal2: '0.00',
  decimal3: '0.000',
} as const;

/** One worksheet per table: the report's title, office and period, the header row in bold, then the rows. */
export async function reportXlsx(report: ReportDocument): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'Loket';
  book.title = report.title;
  for (const sheet of report.sheets) {
    const ws = book.addWorksheet(sheet.name.slice(0, 31));
    ws.addRow([`${report.title}: ${sheet.title}`]).font = { bold: true, size: 14 };
    ws.addRow([report.office]);
    ws.addRow([report.period]);
    for (const line of report.headline ?? []) ws.addRow([line]).font = { bold: true };
    ws.addRow([]);
    const header = ws.addRow(sheet.columns.map((c) => c.header));
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    sheet.rows.forEach((cells, index) => {
      const row = ws.addRow(cells.map((cell) => cell ?? null));
      if (sheet.totalRow && index === sheet.rows.length - 1) row.font = { bold: true };
    });
    sheet.columns.forEach((column, index) => {
      const col = ws.getColumn(index + 1);
      if (column.kind !== 'text') col.numFmt = numberFormats[column.kind];
      const widest = Math.max(
        ...sheet.rows.map((cells) => String(cells[index] ?? '').length),
        Math.min(column.header.length, 24),
      );
      col.width = Math.min(Math.max(widest + 2, 8), 60);
    });
    ws.views = [{ state: 'frozen', ySplit: header.number }];
    if (report.notes.length) {
      ws.addRow([]);
      for (const note of report.notes) ws.addRow([note]);
    }
  }
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** A cell as the PDF prints it, for an Indonesian reader: "12,5", "87,5%", "3 Des". */
export function printedCell(value: Cell, column: Column): string {
  if (value === null) return '–';
  if (typeof value === 'string') return /^\d{4}-\d{2}-\d{2}$/.test(value) ? shortDate(value) : value;
  if (column.kind === 'minutes') return value.toFixed(1).replace('.', ',');
  if (column.kind === 'share') return percentText(value);
  if (column.kind === 'decimal2') return decimalText(value, 2);
  if (column.kind === 'decimal3') return decimalText(value, 3);
  return value.toLocaleString('id-ID');
}

type Pdf = PDFKit.PDFDocument;

/** pdfkit's document as bytes, once it has ended. */
function pdfBytes(
  draw: (doc: Pdf) => void,
  layout: 'portrait' | 'landscape',
  title: string,
): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    layout,
    margin: 40,
    info: { Title: title, Creator: 'Loket' },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  draw(doc);
  doc.end();
  return done;
}

/** The chart as vector paths and text; any font it names is Helvetica, and no image is loaded. */
function drawChart(doc: Pdf, svg: string, x: number, y: number, width: number, height: number): void {
  SVGtoPDF(doc, svg, x, y, {
    width,
    height,
    preserveAspectRatio: 'xMidYMid meet',
    fontCallback: (_family, bold) => (bold ? 'Helvetica-Bold' : 'Helvetica'),
    imageCallback: () => '',
  });
}

const contentWidth = (doc: Pdf) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Pdf) => doc.page.height - doc.page.margins.bottom;

function drawTable(doc: Pdf, sheet: ReportSheet, fontSize: number): void {
  const left = doc.page.margins.left;
  const width = contentWidth(doc);
  const pad = 4;
  // Each column as wide as its longest header word and its widest cell (a long text wraps at a
  // third of the page), the room left shared out; only a table too wide for the page is squeezed.
  const widest = (texts: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    return Math.max(0, ...texts.map((t) => doc.widthOfString(t)));
  };
  const needs = sheet.columns.map((column, i) => {
    const words = widest(column.header.split(/\s+/), true);
    const cells = widest(
      sheet.rows.map((row) => printedCell(row[i] ?? null, column)),
      false,
    );
    const cellWords = widest(
      sheet.rows.flatMap((row) => printedCell(row[i] ?? null, column).split(/\s+/)),
      false,
    );
    return Math.max(words, cellWords, Math.min(cells, width / 3)) + 2 * pad + 1;
  });
  const needed = needs.reduce((a, b) => a + b, 0);
  const widths = needs.map((need) =>
    needed > width ? (need / needed) * width : need + (width - needed) / needs.length,
  );
  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(fontSize);
    return (
      Math.max(
        ...cells.map((cell, i) => doc.heightOfString(cell, { width: (widths[i] as number) - 2 * pad })),
      ) +
      2 * pad
    );
  };
  const drawRow = (cells: string[], bold: boolean, shade: boolean) => {
    const height = rowHeight(cells, bold);
    if (doc.y + height > bottom(doc)) {
      doc.addPage();
      drawHeader();
    }
    const y = doc.y;
    if (shade) doc.save().rect(left, y, width, height).fill('#e8edf3').restore();
    let x = left;
    cells.forEach((cell, i) => {
      const w = widths[i] as number;
      doc
        .fillColor('#000000')
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(fontSize)
        .text(cell, x + pad, y + pad, {
          width: w - 2 * pad,
          align: sheet.columns[i]?.kind === 'text' ? 'left' : 'right',
        });
      x += w;
    });
    doc
      .moveTo(left, y + height)
      .lineTo(left + width, y + height)
      .lineWidth(0.3)
      .strokeColor('#9aa5b1')
      .stroke();
    doc.x = left;
    doc.y = y + height;
  };
  const drawHeader = () =>
    drawRow(
      sheet.columns.map((c) => c.header),
      true,
      true,
    );
  drawHeader();
  sheet.rows.forEach((row, index) =>
    drawRow(
      row.map((cell, i) => printedCell(cell, sheet.columns[i] as Column)),
      Boolean(sheet.totalRow) && index === sheet.rows.length - 1,
      false,
    ),
  );
}

/** The report's title, office, period and notes, then its charts (vector), then each table. */
export function reportPdf(report: ReportDocument): Promise<Buffer> {
  if (report.kind === 'public') return noticeBoardPdf(report);
  const svgs = report.charts.map((chart) => chartSvg(chart));
  return pdfBytes(
    (doc) => {
      const left = doc.page.margins.left;
      doc.font('Helvetica').fontSize(10).fillColor('#333333').text(report.office);
      doc.font('Helvetica-Bold').fontSize(18).fillColor('#000000').text(report.title);
      doc.font('Helvetica').fontSize(11).text(report.period);
      if (report.headline?.length) {
        doc.moveDown(0.3);
        doc.font('Helvetica-Bold').fontSize(13);
        for (const line of report.headline) doc.text(line);
        doc.moveDown(0.3);
      }
      doc.font('Helvetica').fontSize(9).fillColor('#333333');
      for (const note of report.notes) doc.text(note);
      doc.moveDown();
      const width = contentWidth(doc);
      const chartWidth = report.layout === 'landscape' ? width / 2 - 6 : width;
      const chartHeight = chartWidth / 2;
      svgs.forEach((svg, index) => {
        const column = report.layout === 'landscape' ? index % 2 : 0;
        if (column === 0 && doc.y + chartHeight > bottom(doc)) doc.addPage();
        const top = doc.y;
        drawChart(doc, svg, left + column * (chartWidth + 12), top, chartWidth, chartHeight);
        const lastInRow = report.layout !== 'landscape' || column === 1 || index === svgs.length - 1;
        doc.x = left;
        doc.y = lastInRow ? top + chartHeight + 8 : top;
      });
      const fontSize = report.layout === 'landscape' ? 7 : 8;
      for (const sheet of report.sheets) {
        if (!sheet.rows.length) continue;
        if (doc.y + 60 > bottom(doc)) doc.addPage();
        doc.moveDown(0.5);
        doc.font('Helvetica-Bold').fontSize(11).fillColor('#000000').text(sheet.title, left);
        doc.moveDown(0.3);
        drawTable(doc, sheet, fontSize);
      }
    },
    report.layout,
    report.title,
  );
}

/**
 * The notice-board page: one A4 page in large type that anyone in the hall can read — the office,
 * the days' waits and promises kept as a few plain sentences, a table of the days and the chart.
 */
function noticeBoardPdf(report: ReportDocument): Promise<Buffer> {
  const sheet = report.sheets[0] as ReportSheet;
  const days = sheet.rows.map((row) => ({
    visits: Number(row[1] ?? 0),
    average: row[2] as number | null,
    p90: row[3] as number | null,
    inside: row[4] as number | null,
    ready: Number(row[5] ?? 0),
    promised: Number(row[6] ?? 0),
  }));
  const weighted = (pick: (d: (typeof days)[number]) => number | null) => {
    const counted = days.filter((d) => pick(d) !== null && d.visits > 0);
    const visits = counted.reduce((sum, d) => sum + d.visits, 0);
    return visits ? counted.reduce((sum, d) => sum + (pick(d) as number) * d.visits, 0) / visits : null;
  };
  const average = weighted((d) => d.average);
  const inside = weighted((d) => d.inside);
  const p90s = days.map((d) => d.p90).filter((v): v is number => v !== null);
  const ready = days.reduce((sum, d) => sum + d.ready, 0);
  const promised = days.reduce((sum, d) => sum + d.promised, 0);
  const number = (value: number) => value.toFixed(1).replace('.', ',');
  const headline = [
    average === null
      ? 'Rata-rata waktu tunggu: belum ada data.'
      : `Rata-rata waktu tunggu: ${number(average)} menit.`,
    p90s.length
      ? `9 dari 10 warga dipanggil dalam ${number(Math.min(...p90s))}–${number(Math.max(...p90s))} menit (p90 per hari).`
      : null,
    inside === null ? null : `Dipanggil sesuai jadwal kedatangan: ${percentText(inside)}.`,
    promised
      ? `Paspor siap tepat waktu: ${ready} dari ${promised} (${percentText(ready / promised)}).`
      : null,
    ...(report.headline ?? []),
  ].filter((line) => line !== null);
  const svg = report.charts[0] ? chartSvg(report.charts[0], { width: 720, height: 320 }) : null;
  return pdfBytes(
    (doc) => {
      const left = doc.page.margins.left;
      const width = contentWidth(doc);
      doc.font('Helvetica-Bold').fontSize(22).fillColor('#000000').text(report.office, { width });
      doc.moveDown(0.2);
      doc.font('Helvetica').fontSize(16).text(report.title);
      doc.fontSize(13).fillColor('#333333').text(report.period);
      doc.moveDown(0.6);
      doc.fillColor('#000000').fontSize(15);
      for (const line of headline) doc.text(line, { width }).moveDown(0.2);
      doc.moveDown(0.4);
      const table: ReportSheet = {
        ...sheet,
        columns: sheet.columns.map((c) => ({ ...c, header: c.header.replace(' (menit)', '') })),
      };
      drawTable(doc, table, 10);
      doc.moveDown(0.6);
      if (svg) {
        const height = Math.min(width * (320 / 720), bottom(doc) - doc.y - 40);
        if (height > 80) {
          drawChart(doc, svg, left, doc.y, width, height);
          doc.y += height + 6;
        }
      }
      doc
        .font('Helvetica')
        .fontSize(9)
        .fillColor('#333333')
        .text(
          `Waktu dalam menit. p90: 9 dari 10 warga menunggu tidak lebih lama dari ini. ${report.notes.join(' ')}`,
          left,
          Math.min(doc.y, bottom(doc) - 24),
          { width, height: 24 },
        );
    },
    'portrait',
    report.title,
  );
}

/** The file of a report in a format. */
export async function reportFile(report: ReportDocument, format: ReportFileFormat): Promise<Buffer> {
  if (format === 'csv') return reportCsv(report);
  if (format === 'xlsx') return reportXlsx(report);
  return reportPdf(report);
}
