import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, describe, expect, it } from 'vitest';
import { chartSvg } from '../../../src-main/documents/chartSvg.ts';
import { surveyElementsChart, surveyIndexPerMonthChart } from '../../../src-main/documents/reportCharts.ts';
import { reportPdf, reportXlsx } from '../../../src-main/documents/reportFiles.ts';
import { surveyDocument, surveyFileName } from '../../../src-main/documents/surveySheets.ts';
import { decimalText, gradedIndexText, printedAtOf } from '../../../src-main/domain/survey/publishing.ts';
import { perfectSurvey, sampleSurvey } from '../../support/surveySamples.ts';

const run = promisify(execFile);
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-survey-files-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const names = {
  office: 'Kantor Imigrasi Kelas I TPI Denpasar',
  stage: (id: string) => ({ documents: 'Pemeriksaan berkas', interview: 'Wawancara' })[id] ?? id,
};
const printed = { date: '2026-12-07', time: '14.05', zone: 'WITA' };

async function pdfText(name: string, bytes: Buffer): Promise<string> {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return (await run('pdftotext', ['-layout', file, '-'])).stdout;
}

const textsOf = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);

describe("the survey's result in the layout offices publish", () => {
  it('XLSX: the nine elements by name with NRR, weight and weighted NRR, their sum the IKM, the index and grade', async () => {
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await reportXlsx(surveyDocument(sampleSurvey, names, printed))) as never);
    expect(book.worksheets.map((ws) => ws.name)).toEqual([
      'IKM',
      'Ringkasan',
      'Per tahap',
      'Per loket',
      'Profil',
      'Pengaduan',
    ]);
    const ws = book.getWorksheet('IKM') as ExcelJS.Worksheet;
    expect(ws.getCell('A1').value).toBe(
      'Hasil Survei Kepuasan Masyarakat: Nilai rata-rata per unsur pelayanan',
    );
    expect(ws.getCell('A2').value).toBe('Kantor Imigrasi Kelas I TPI Denpasar');
    expect(ws.getCell('A3').value).toBe('Periode: Triwulan IV 2026 (1 Oktober 2026 – 31 Desember 2026)');
    expect(ws.getCell('A4').value).toBe('Indeks Kepuasan Masyarakat (IKM): 86,11 (B, Baik)');
    const headerRow = ws.getRow(8);
    const headers = (headerRow.values as unknown[]).slice(1);
    expect(headers).toEqual([
      'No',
      'Unsur',
      'Unsur pelayanan',
      'Responden menjawab',
      'NRR per unsur',
      'Bobot',
      'NRR tertimbang',
    ]);
    const rows = Array.from({ length: 10 }, (_, i) => (ws.getRow(9 + i).values as unknown[]).slice(1));
    expect(rows.map((r) => r[2])).toEqual([
      'Persyaratan',
      'Sistem, Mekanisme, dan Prosedur',
      'Waktu Penyelesaian',
      'Biaya/Tarif',
      'Produk Spesifikasi Jenis Pelayanan',
      'Kompetensi Pelaksana',
      'Perilaku Pelaksana',
      'Sarana dan Prasarana',
      'Penanganan Pengaduan, Saran dan Masukan',
      'JUMLAH NRR TERTIMBANG (IKM)',
    ]);
    expect(rows.slice(0, 9).map((r) => r[4])).toEqual([3.5, 3.25, 3, 4, 3.5, 3.75, 3.75, 3.25, 3]);
    expect(ws.getRow(9).getCell(5).numFmt).toBe('0.000');
    // Unrounded in the cell: U1's weighted NRR is 3,5 × 1/9, the sum 31/9.
    expect(rows[0]?.[6]).toBeCloseTo(3.5 / 9, 12);
    expect(rows[9]?.[6]).toBeCloseTo(31 / 9, 12);
    expect(ws.getRow(18).font?.bold).toBe(true);

    const summary = book.getWorksheet('Ringkasan') as ExcelJS.Worksheet;
    const sHead = (summary.getRow(8).values as unknown[]).slice(1);
    const sRow = (summary.getRow(9).values as unknown[]).slice(1);
    const at = (name: string) => sRow[sHead.indexOf(name)];
    expect(at('Responden')).toBe(4);
    expect(at('Sampel dibutuhkan')).toBe(291);
    expect(at('Nilai IKM unit pelayanan (IKM × 25)')).toBeCloseTo(86.1111, 4);
    expect(summary.getRow(9).getCell(sHead.indexOf('Nilai IKM unit pelayanan (IKM × 25)') + 1).numFmt).toBe(
      '0.00',
    );
    expect(at('Mutu pelayanan')).toBe('B');
    expect(at('Kinerja unit pelayanan')).toBe('Baik');

    const profile = book.getWorksheet('Profil') as ExcelJS.Worksheet;
    expect((profile.getRow(9).values as unknown[]).slice(1)).toEqual(['Jenis kelamin', 'Perempuan', 3, 0.75]);
    expect((profile.getRow(10).values as unknown[]).slice(1)).toEqual(['', 'Laki-laki', 1, 0.25]);

    const complaints = book.getWorksheet('Pengaduan') as ExcelJS.Worksheet;
    expect((complaints.getRow(9).values as unknown[]).slice(1)).toEqual([
      '2026-11-03',
      '10.00',
      'Wawancara',
      '3',
      'Ruang tunggu panas, kipas angin mati.',
      'Kipas angin sudah diperbaiki. (sari, 4 November 2026)',
    ]);
    expect((complaints.getRow(10).values as unknown[]).at(-1)).toBe('Belum ditindaklanjuti');
  });

  it('PDF: the index with its grade and words, the element table, the sample, the profile and the follow-ups', async () => {
    const text = await pdfText('survey.pdf', await reportPdf(surveyDocument(sampleSurvey, names, printed)));
    for (const words of [
      'Kantor Imigrasi Kelas I TPI Denpasar',
      'Hasil Survei Kepuasan Masyarakat',
      'Periode: Triwulan IV 2026',
      'Indeks Kepuasan Masyarakat (IKM): 86,11 (B, Baik)',
      'Kinerja unit pelayanan: Baik',
      'Jumlah responden: 4 dari 291 yang dibutuhkan',
      'Nilai rata-rata per unsur pelayanan',
      'Penanganan Pengaduan, Saran dan Masukan',
      'Profil responden',
      'Perempuan',
      'Kipas angin sudah diperbaiki.',
      'Belum ditindaklanjuti',
      'Dicetak: 7 Desember 2026 pukul 14.05 WITA',
    ])
      expect(text).toContain(words);
    // NRR with three decimals, the weighted sum (IKM) 3,444.
    expect(text).toMatch(/Persyaratan\s+4\s+3,500\s+0,111\s+0,389/);
    expect(text).toMatch(/JUMLAH NRR TERTIMBANG \(IKM\)\s+4\s+1,000\s+3,444/);
    // A refused burst is the supervisor's business, not the published result.
    expect(text).not.toContain('feedback-2');
    // Not narrowed: no filter line (one stage answered is not a filter).
    expect(text).not.toContain('Hanya ');
    const narrowed = await pdfText(
      'survey-counter.pdf',
      await reportPdf(surveyDocument(sampleSurvey, names, printed, { stage: 'interview', counter: 3 })),
    );
    expect(narrowed).toContain('Hanya tahap Wawancara, loket 3.');
  });

  it('all 4 on every element gives exactly 100,00 (A, Sangat baik): rounded only when written', async () => {
    const text = await pdfText('perfect.pdf', await reportPdf(surveyDocument(perfectSurvey, names, printed)));
    expect(text).toContain('Indeks Kepuasan Masyarakat (IKM): 100,00 (A, Sangat baik)');
    expect(text).not.toContain('99,9');
  });

  it('names the file after its period and prints the office time zone', () => {
    expect(surveyFileName(sampleSurvey, 'xlsx')).toBe('loket-ikm-triwulan-iv-2026.xlsx');
    expect(printedAtOf('2026-12-07T14:05:09.120+08:00')).toEqual(printed);
    // 76,605 is written as its grade is decided: 76,61, B.
    expect(gradedIndexText(76.605, 'B', 'en')).toBe('76,61 (B, Good)');
    expect(decimalText(76.605, 2)).toBe('76,61');
    expect(decimalText(1234.5, 2)).toBe('1.234,50');
  });
});

describe("the survey's charts", () => {
  it('NRR per element on the 1–4 scale, each bar labelled with three decimals', () => {
    const chart = surveyElementsChart(sampleSurvey.overall);
    const series = chart.option.series as { data: (number | null)[] }[];
    expect(series[0]?.data).toEqual([3.5, 3.25, 3, 4, 3.5, 3.75, 3.75, 3.25, 3]);
    const texts = textsOf(chartSvg(chart));
    expect(texts).toEqual(expect.arrayContaining(['U1', 'U9', '3,500', '4,000', 'Nilai rata-rata (NRR)']));
    const axis = texts.filter((t) => /^\d(\.\d)?$/.test(t)).map(Number);
    expect(Math.min(...axis)).toBe(1);
    expect(Math.max(...axis)).toBe(4);
  });

  it('the index month by month, a month without answers a gap', () => {
    const chart = surveyIndexPerMonthChart(2026, [
      { month: 11, index: 86.1111 },
      { month: 10, index: null },
      { month: 12, index: 90 },
    ]);
    expect((chart.option.series as { data: (number | null)[] }[])[0]?.data).toEqual([null, 86.11, 90]);
    expect(textsOf(chartSvg(chart))).toEqual(expect.arrayContaining(['Okt', 'Nov', 'Des', 'Nilai IKM']));
  });
});
