import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { reportCsv, reportPdf, reportXlsx } from '../../../src-main/documents/reportFiles.ts';
import {
  issuanceDocument,
  kpiDocument,
  officersDocument,
  promisesDocument,
  publicDocument,
} from '../../../src-main/documents/reportSheets.ts';
import {
  sampleIssuance,
  sampleKpi,
  sampleOfficers,
  samplePromises,
  samplePublic,
} from '../../support/reportSamples.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-report-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = {
  office: 'Kantor Imigrasi Kelas I TPI Denpasar',
  stage: (id: string) => ({ documents: 'Pemeriksaan berkas', interview: 'Wawancara' })[id] ?? id,
  outOfOrderReason: (code: string) => (code === 'medical' ? 'Kondisi medis mendesak' : code),
};

/** RFC 4180 read back: quoted fields with doubled quotes, CRLF between records. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      record.push(field);
      records.push(record);
      record = [];
      field = '';
      i += 1;
    } else field += c;
  }
  return records;
}

async function pdfFile(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return file;
}
const pdfText = async (file: string) => (await run('pdftotext', ['-layout', file, '-'])).stdout;
const pdfPages = async (file: string) =>
  Number(/Pages:\s+(\d+)/.exec((await run('pdfinfo', [file])).stdout)?.[1]);
/** The raster images in a PDF, one line each (`pdfimages -list` without its two header lines). */
const pdfImages = async (file: string) =>
  (await run('pdfimages', ['-list', file])).stdout.trim().split('\n').slice(2);

describe('a report as CSV: the main table, as Excel and a script both read it', () => {
  it('is UTF-8 with a BOM, CRLF lines, quoted where a name has a comma or a quote, minutes with one decimal', () => {
    const bytes = reportCsv(kpiDocument(sampleKpi, names));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n/);
    expect(text).toContain('"Made ""Dek"" Wirawan, S.H. (made)"');
    const [header, ...rows] = parseCsv(text);
    const column = (name: string) => (header as string[]).indexOf(name);
    expect(header?.slice(0, 4)).toEqual(['Dimensi', 'Kelompok', 'Datang', 'Dilayani']);
    const all = rows.find((r) => r[0] === 'Semua') as string[];
    expect(all[column('Datang')]).toBe('40');
    expect(all[column('Tunggu p50 (menit)')]).toBe('12.5');
    expect(all[column('Tunggu p90 (menit)')]).toBe('31.0');
    expect(all[column('Layanan rata-rata (menit)')]).toBe('7.3');
    expect(all[column('Dipanggil sesuai jadwal (%)')]).toBe('87.5');
    const made = rows.find((r) => r[1] === 'Made "Dek" Wirawan, S.H. (made)') as string[];
    expect(made[0]).toBe('Petugas');
    expect(made).toHaveLength((header as string[]).length);
    expect(rows.filter((r) => r[0] === 'Tahap').map((r) => r[1])).toEqual([
      'Pemeriksaan berkas',
      'Wawancara',
    ]);
    expect(rows.filter((r) => r[0] === 'Jam').map((r) => r[1])).toEqual(['09.00', '08.00', '10.00']);
  });

  it("the issuance table is the study's: a row a month and JUMLAH, imported months marked", () => {
    const [header, ...rows] = parseCsv(
      reportCsv(issuanceDocument(sampleIssuance, names)).toString('utf8').slice(1),
    );
    expect(header).toEqual([
      'No',
      'Bulan',
      'Paspor biasa baru',
      'Paspor biasa penggantian',
      'Paspor elektronik baru',
      'Paspor elektronik penggantian',
      'Jumlah',
      'Sumber',
    ]);
    expect(rows[0]).toEqual(['1', 'JANUARI', '1082', '573', '34', '244', '1933', 'Diimpor']);
    expect(rows[10]).toEqual(['11', 'NOVEMBER', '1356', '1400', '207', '824', '3787', 'Tercatat']);
    expect(rows[11]).toEqual(['12', 'DESEMBER', '0', '0', '0', '0', '0', '']);
    expect(rows[12]).toEqual(['', 'JUMLAH', '17311', '15666', '670', '3460', '37107', '']);
  });
});

describe('a report as XLSX, read back with exceljs', () => {
  it('has a worksheet per table, a title row, the header in bold and numbers as numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(kpiDocument(sampleKpi, names))) as never);
    expect(book.worksheets.map((ws) => ws.name)).toEqual(['KPI', 'Ringkasan', 'Pencilan']);
    const ws = book.getWorksheet('KPI') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe('Laporan kinerja antrean: Kinerja per kelompok');
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect(ws.getCell('A3').value).toBe('Periode: 2 November 2026 – 6 November 2026');
    const header = ws.getRow(5);
    expect(header.getCell(1).value).toBe('Dimensi');
    expect(header.font?.bold).toBe(true);
    const headers = (header.values as unknown[]).slice(1);
    const cell = (row: number, name: string) => ws.getRow(row).getCell(headers.indexOf(name) + 1);
    expect(ws.getRow(6).getCell(1).value).toBe('Semua');
    expect(cell(6, 'Datang').value).toBe(40);
    expect(cell(6, 'Tunggu p50 (menit)').value).toBe(12.5);
    expect(cell(6, 'Tunggu p50 (menit)').numFmt).toBe('0.0');
    expect(cell(6, 'Dipanggil sesuai jadwal').value).toBe(0.875);
    expect(cell(6, 'Dipanggil sesuai jadwal').numFmt).toBe('0.0%');
    const outliers = book.getWorksheet('Pencilan') as ExcelJS.Worksheet;
    expect((outliers.getRow(6).values as unknown[]).slice(1)).toEqual([
      '2026-11-03',
      'A2-014',
      'Wawancara',
      'Tunggu',
      95,
      '3.4',
    ]);
  });

  it('the issuance sheet ends with a bold JUMLAH row of numbers', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(issuanceDocument(sampleIssuance, names))) as never);
    const ws = book.getWorksheet('Penerbitan') as ExcelJS.Worksheet;
    const jumlah = ws.getRow(6 + 12);
    expect((jumlah.values as unknown[]).slice(2, 8)).toEqual(['JUMLAH', 17311, 15666, 670, 3460, 37107]);
    expect(jumlah.font?.bold).toBe(true);
    expect(ws.getRow(6).getCell(2).value).toBe('JANUARI');
  });
});

describe('a report as PDF', () => {
  it('prints the title, period, charts as vector graphics (no image) and the tables', async () => {
    const file = await pdfFile('kpi.pdf', await reportPdf(kpiDocument(sampleKpi, names)));
    const text = await pdfText(file);
    for (const words of [
      'Kantor Imigrasi Kelas I TPI Denpasar',
      'Laporan kinerja antrean',
      'Periode: 2 November 2026 – 6 November 2026',
      'Waktu tunggu per jam',
      'Waktu tunggu per jadwal kedatangan',
      'Waktu tunggu per tahap',
      'Persentil ke-90 (p90)',
      'Kinerja per kelompok',
      'Pemeriksaan berkas',
      'A2-014',
    ])
      expect(text).toContain(words);
    // The total row in the reader's numbers: 12,5 minutes, 87,5%.
    expect(text).toMatch(/Semua\s+Semua\s+40\s+38\b.*12,5.*87,5%/);
    expect(await pdfImages(file)).toEqual([]);
  });

  it("the issuance PDF holds the study's table with its JUMLAH row and the stacked chart", async () => {
    const file = await pdfFile('issuance.pdf', await reportPdf(issuanceDocument(sampleIssuance, names)));
    const text = await pdfText(file);
    expect(text).toContain('Tahun 2022');
    expect(text).toContain('Paspor terbit per bulan, 2022');
    expect(text).toMatch(/JUMLAH\s+17\.311\s+15\.666\s+670\s+3\.460\s+37\.107/);
    expect(await pdfImages(file)).toEqual([]);
  });

  it('the officers and promises PDFs name the reasons in words', async () => {
    const officers = await pdfText(
      await pdfFile('officers.pdf', await reportPdf(officersDocument(sampleOfficers, names))),
    );
    expect(officers).toContain('Ayu Lestari');
    expect(officers).toContain('Kondisi medis mendesak: 2');
    expect(officers).toMatch(/Salat 15,0\s+menit/);
    const promises = await pdfText(
      await pdfFile('promises.pdf', await reportPdf(promisesDocument(samplePromises, names))),
    );
    expect(promises).toContain('Dicetak tepat waktu: 27 dari 30 paspor yang dijanjikan (90,0%).');
    expect(promises).toContain('Tepat waktu');
  });

  it('the notice-board page is one A4 page in large type: the week in plain sentences, the days, the chart', async () => {
    const bytes = await reportPdf(publicDocument(samplePublic));
    const file = await pdfFile('public.pdf', bytes);
    expect(await pdfPages(file)).toBe(1);
    expect((await run('pdfinfo', [file])).stdout).toMatch(/Page size:\s+595\.28 x 841\.89/);
    const text = await pdfText(file);
    expect(text).toContain('Kantor Imigrasi Kelas I TPI Denpasar');
    expect(text).toContain('Periode: 2 November 2026 – 8 November 2026');
    // Weighted by the day's visits: (210·14 + 230·16,5 + 190·11 + 205·12 + 220·13,5) / 1055.
    expect(text).toContain('Rata-rata waktu tunggu: 13,5 menit.');
    expect(text).toContain('9 dari 10 warga dipanggil dalam 24,0–35,0 menit');
    expect(text).toContain('Paspor siap tepat waktu: 202 dari 210 (96,2%).');
    expect(text).toContain('Waktu tunggu per hari');
    expect(text).toMatch(/3 Nov\s+230\s+16,5\s+35,0\s+88,0%/);
    expect(await pdfImages(file)).toEqual([]);
    // pdfkit's built-in Helvetica: no font file embedded, none looked for.
    const fonts = (await run('pdffonts', [file])).stdout;
    expect(fonts).toContain('Helvetica-Bold');
    expect(fonts).not.toMatch(/\bemb\b.*yes/);
  });
});
