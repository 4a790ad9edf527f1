import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { surveyFloor, type SurveyFloor } from '../support/surveyFloor.ts';

/**
 * The survey's result as the office publishes it, from answers given through the hub's API: three
 * citizens answer after their visits (one leaves U3 blank, one complains); the supervisor answers
 * the complaint and downloads the quarter as XLSX and PDF; /public shows the index and grade.
 *
 * NRR: U1 11/3, U2 10/3, U3 7/2 (two answered), U4 4, U5 10/3, U6 11/3, U7 4, U8 10/3, U9 3;
 * IKM = Σ/9 = 3,537…; index 88,4259… → 88,43, A (Sangat baik).
 */
let t: TestHub;
let floor: SurveyFloor;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-export-survey-'));
const index = ((31 + 5 / 6) / 9) * 25;

beforeAll(async () => {
  t = await startTestHub({ now: at('2026-11-30', '09:05') });
  floor = await surveyFloor(t, 4);
  await floor.visitAndAnswer([4, 4, 4, 4, 4, 4, 4, 4, 4], {
    profile: { sex: 'perempuan', ageBand: '30-39', education: 's1', occupation: 'wirausaha' },
    comment: 'Ruang tunggu panas, kipas angin mati.',
  });
  await floor.visitAndAnswer([3, 3, 3, 4, 3, 4, 4, 3, 3], { profile: { sex: 'laki-laki' } });
  await floor.visitAndAnswer([4, 3, null, 4, 3, 3, 4, 3, 2]);
}, 60_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const quarter = { period: 'quarter', year: 2026, index: 4 } as const;

async function exported(format: 'xlsx' | 'pdf', input: object = quarter) {
  const reply = await t.call('exportSurvey', { ...input, format }, floor.supervisorToken);
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  return { ...reply.body, bytes: Buffer.from(reply.body.content, 'base64') } as {
    fileName: string;
    mediaType: string;
    bytes: Buffer;
  };
}

const pdfText = (name: string, bytes: Buffer) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
};

const personalIn = (text: string) =>
  floor.personal.filter((p) => text.toLowerCase().includes(p.toLowerCase()));

describe('exportSurvey: the quarter’s IKM in the layout offices publish', () => {
  it('answers the complaint first: the file carries the follow-up', async () => {
    const report = await t.call('surveyReport', quarter, floor.supervisorToken);
    expect(report.body.complaints).toHaveLength(1);
    const answered = await t.call(
      'answerSurveyComplaint',
      { id: report.body.complaints[0].id, note: 'Kipas angin sudah diperbaiki.' },
      floor.supervisorToken,
    );
    expect(answered.status).toBe(200);
  });

  it('XLSX: the element names, their NRR, the IKM, the index and the grade, read back with exceljs', async () => {
    const file = await exported('xlsx');
    expect(file.fileName).toBe('loket-ikm-triwulan-iv-2026.xlsx');
    expect(file.mediaType).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(file.bytes as never);
    const ws = book.getWorksheet('IKM') as ExcelJS.Worksheet;
    expect(ws.getCell('A2').value).toBe('Kantor Imigrasi Kelas I TPI Denpasar');
    expect(ws.getCell('A4').value).toBe('Indeks Kepuasan Masyarakat (IKM): 88,43 (A, Sangat baik)');
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
    // Responden menjawab: U3 was left blank once, so its divisor is 2.
    expect(rows.map((r) => r[3])).toEqual([3, 3, 2, 3, 3, 3, 3, 3, 3, 3]);
    const nrr = rows.slice(0, 9).map((r) => r[4] as number);
    [11 / 3, 10 / 3, 7 / 2, 4, 10 / 3, 11 / 3, 4, 10 / 3, 3].forEach((expected, i) =>
      expect(nrr[i]).toBeCloseTo(expected, 12),
    );
    expect(rows[9]?.[6]).toBeCloseTo(index / 25, 12);

    const summary = book.getWorksheet('Ringkasan') as ExcelJS.Worksheet;
    const head = (summary.getRow(8).values as unknown[]).slice(1);
    const row = (summary.getRow(9).values as unknown[]).slice(1);
    const cell = (name: string) => row[head.indexOf(name)];
    expect(cell('Responden')).toBe(3);
    expect(cell('Nilai IKM unit pelayanan (IKM × 25)')).toBeCloseTo(index, 10);
    expect(cell('Mutu pelayanan')).toBe('A');
    expect(cell('Kinerja unit pelayanan')).toBe('Sangat baik');

    const complaints = book.getWorksheet('Pengaduan') as ExcelJS.Worksheet;
    expect(complaints.getRow(9).getCell(5).value).toBe('Ruang tunggu panas, kipas angin mati.');
    expect(String(complaints.getRow(9).getCell(6).value)).toMatch(
      /^Kipas angin sudah diperbaiki\. \(Kadek Sumerta, 30 November 2026\)$/,
    );
    const everything: string[] = [];
    book.eachSheet((sheet) => sheet.eachRow((r) => r.eachCell((c) => everything.push(String(c.value)))));
    expect(personalIn(everything.join('\n'))).toEqual([]);
  });

  it('PDF: "Indeks Kepuasan Masyarakat", the index and grade, the sample, no personal data', async () => {
    const file = await exported('pdf');
    expect(file.fileName).toBe('loket-ikm-triwulan-iv-2026.pdf');
    expect(file.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfText('survey.pdf', file.bytes);
    expect(text).toContain('Hasil Survei Kepuasan Masyarakat');
    expect(text).toContain('Indeks Kepuasan Masyarakat (IKM): 88,43 (A, Sangat baik)');
    expect(text).toContain('Periode: Triwulan IV 2026 (1 Oktober 2026 – 31 Desember 2026)');
    expect(text).toMatch(/Jumlah responden: 3 dari \d+ yang dibutuhkan/);
    expect(text).toMatch(/Waktu Penyelesaian\s+2\s+3,500/);
    expect(text).toContain('Kipas angin sudah diperbaiki.');
    expect(text).toMatch(/Dicetak: 30 November 2026 pukul \d\d\.\d\d WITA/);
    expect(personalIn(text)).toEqual([]);
  });

  it('narrowed to counter 3 and to a month, and refused for a month without its number, writing nothing', async () => {
    const narrowed = pdfText('counter.pdf', (await exported('pdf', { ...quarter, counter: 3 })).bytes);
    expect(narrowed).toContain('Hanya loket 3.');
    const november = await exported('xlsx', { period: 'month', year: 2026, index: 11 });
    expect(november.fileName).toBe('loket-ikm-november-2026.xlsx');
    const events = () => t.hub.store.db.prepare('SELECT COUNT(*) FROM events').pluck().get();
    const before = events();
    const refused = await t.call(
      'exportSurvey',
      { period: 'month', year: 2026, format: 'pdf' },
      floor.supervisorToken,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.error.message.id).toMatch(/\S/);
    expect(refused.body.error.message.en).toMatch(/\S/);
    expect(events()).toBe(before);
    // Only a supervisor's console exports: the kiosk may not.
    expect((await t.call('exportSurvey', { ...quarter, format: 'pdf' }, floor.kioskToken)).status).toBe(403);
  });

  it('/public shows the quarter’s index and grade with the responses, and no personal data', async () => {
    const html = await (await fetch(`${t.hub.url}/public`)).text();
    expect(html).toContain(
      'IKM Triwulan IV 2026: <strong>88,43</strong> (A, Sangat baik), dari 3 tanggapan survei.',
    );
    expect(personalIn(html)).toEqual([]);
    expect(html).not.toContain('kipas angin');
  });
});
