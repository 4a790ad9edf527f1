import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  issuanceReportView,
  kpiReportView,
  officersReportView,
  promisesReportView,
  publicFiguresView,
} from '../../src-main/api/reportViews.ts';
import { report, type ReportOutput } from '../../src-main/cli/report.ts';
import { makeFloor, readFloor } from '../support/floor.ts';
import { loketBin, projectRoot, runLoket } from '../support/hub.ts';

const run = promisify(execFile);
const now = { LOKET_NOW: '2026-11-30T09:15:00+08:00' };
let dir: string;
const loket = (...args: string[]) => runLoket([...args, '--data', dir], now);

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'loket-cli-report-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** `loket` with its stdout kept as bytes, as a pipe into a file receives it. */
function loketBytes(args: string[]): Promise<{ code: number | null; stdout: Buffer; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [loketBin, ...args, '--data', dir], {
      env: { ...process.env, ...now },
      cwd: projectRoot,
    });
    const chunks: Buffer[] = [];
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks), stderr }));
  });
}

describe('loket report: what is typed wrong is said in one line, and nothing is written', () => {
  it('a mistyped report is offered the one meant', async () => {
    const typo = await loket('report', 'issuence');
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('loket: unknown report command: issuence');
    expect(typo.stderr).toContain('Maksud Anda / Did you mean: loket report issuance?');
    expect(typo.stderr).toContain('Lihat / See: loket report --help');
    const none = await loket('report');
    expect(none.stderr).toContain(
      'report needs one of: kpi, issuance, promises, officers, public, ikm, import-history',
    );
  });

  it('refuses a bad format, an impossible date, a range backwards and options of another report', async () => {
    // Through the command itself: the line and where to read more.
    const backwards = await loket('report', 'kpi', '--from', '2026-11-30', '--to', '2026-11-01');
    expect(backwards.code).toBe(1);
    expect(backwards.stderr).toBe(
      'loket: --from 2026-11-30 is after --to 2026-11-01\nloket: Lihat / See: loket report --help\n',
    );
    expect(backwards.stdout).toBe('');
    // The rest in-process (each `loket` start costs seconds on a busy machine).
    const floor = makeFloor();
    try {
      const said: string[] = [];
      const output: ReportOutput = {
        write: (line) => said.push(line),
        bytes: () => said.push('(bytes)'),
        progress: (line) => said.push(line),
        stdoutIsTerminal: false,
      };
      const usage = (message: string) => new Error(message);
      const cases: [string[], Record<string, string>, string][] = [
        [['kpi'], { format: 'docx' }, '--format must be one of table, csv, xlsx, json, pdf, not docx'],
        [['kpi'], { from: '2026-02-30' }, '--from must be a date YYYY-MM-DD, not 2026-02-30'],
        [['issuance'], { from: '2026-01-01' }, 'report issuance counts a calendar year'],
        [['promises'], { year: '2026' }, '--year goes with report issuance'],
        [['officers'], { stage: 'interview' }, '--stage, --counter and --officer narrow report kpi only'],
        [['public'], { to: '2026-11-30' }, 'report public counts back from today: --from DATE only'],
        [['kpi'], { counter: '0' }, '--counter must be a desk number 1–30, not 0'],
        [['issuance'], { year: '1999' }, '--year must be a year 2000–2100, not 1999'],
        [['import-history'], {}, 'report import-history needs a FILE'],
      ];
      for (const [args, options, message] of cases)
        await expect(report(floor.ctx, args, options, output, usage), args.join(' ')).rejects.toThrow(
          message,
        );
      expect(said).toEqual([]);
    } finally {
      floor.close();
    }
  });

  it('an XLSX or PDF is never poured onto a terminal, and an existing file is not overwritten unasked', async () => {
    const floor = makeFloor();
    try {
      const lines: string[] = [];
      const terminal: ReportOutput = {
        write: (line) => lines.push(line),
        bytes: () => lines.push('(bytes)'),
        progress: (line) => lines.push(line),
        stdoutIsTerminal: true,
      };
      const usage = (message: string) => new Error(message);
      await expect(report(floor.ctx, ['issuance'], { format: 'xlsx' }, terminal, usage)).rejects.toThrow(
        '--format xlsx writes a file: give --out FILE, or send it down a pipe (> report.xlsx)',
      );
      await expect(report(floor.ctx, ['public'], { format: 'pdf' }, terminal, usage)).rejects.toThrow(
        '--format pdf writes a file',
      );
      const existing = path.join(dir, 'kept.xlsx');
      fs.writeFileSync(existing, 'the office’s own file');
      await expect(
        report(floor.ctx, ['issuance'], { format: 'xlsx', out: existing }, terminal, usage),
      ).rejects.toThrow(`${existing} already exists: choose another file, or add --force`);
      expect(fs.readFileSync(existing, 'utf8')).toBe('the office’s own file');
      expect(lines).toEqual([]);
    } finally {
      floor.close();
    }
  });
});

describe('loket report on a real data folder', () => {
  const history = path.resolve(projectRoot, '../shared/data/denpasar-passport-issuance-2021-2022.csv');

  beforeAll(async () => {
    const imported = await loket('report', 'import-history', history);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('Imported 24 months of passport issuance');
  });

  it("issuance 2022 as JSON is the contract's view and equals the study's table", async () => {
    const result = await loket('report', 'issuance', '--year', '2022', '--format', 'json');
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Computing the issuance report');
    const view = issuanceReportView.parse(JSON.parse(result.stdout));
    expect(view.jumlah).toEqual({
      biasaBaru: 18691,
      biasaPenggantian: 16970,
      elektronikBaru: 881,
      elektronikPenggantian: 4362,
      total: 40904,
    });
    expect(view.months.every((m) => m.source === 'imported')).toBe(true);
  });

  it('issuance as a table, CSV (stdout) and XLSX (--out), each with the JUMLAH row', async () => {
    const table = await loket('report', 'issuance', '--year', '2021');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/JUMLAH\s+7\.506\s+5\.780\s+230\s+1\.615\s+15\.131/);
    const csv = await loket('report', 'issuance', '--year', '2021', '--format', 'csv');
    expect(csv.stdout.startsWith('\uFEFFNo,Bulan,')).toBe(true);
    expect(csv.stdout).toContain('\r\n,JUMLAH,7506,5780,230,1615,15131,\r\n');
    const out = path.join(dir, 'issuance-2021.xlsx');
    const xlsx = await loket('report', 'issuance', '--year', '2021', '--format', 'xlsx', '--out', out);
    expect(xlsx.code).toBe(0);
    expect(xlsx.stdout).toBe('');
    expect(fs.statSync(out).mode & 0o777).toBe(0o600);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const ws = book.getWorksheet('Penerbitan') as ExcelJS.Worksheet;
    expect((ws.getRow(18).values as unknown[]).slice(2, 8)).toEqual(['JUMLAH', 7506, 5780, 230, 1615, 15131]);
  });

  it('a PDF down a pipe is the PDF itself, its text read back', async () => {
    const piped = await loketBytes(['report', 'issuance', '--year', '2022', '--format', 'pdf']);
    expect(piped.code).toBe(0);
    expect(piped.stdout.subarray(0, 5).toString()).toBe('%PDF-');
    const file = path.join(dir, 'issuance-2022.pdf');
    fs.writeFileSync(file, piped.stdout);
    const text = (await run('pdftotext', ['-layout', file, '-'])).stdout;
    expect(text).toContain('Paspor terbit per bulan, 2022');
    expect(text).toMatch(/JUMLAH\s+18\.691\s+16\.970\s+881\s+4\.362\s+40\.904/);
  });
});

describe('loket report kpi, officers, promises and public on a real data folder', () => {
  const views = {
    kpi: kpiReportView,
    officers: officersReportView,
    promises: promisesReportView,
    public: publicFiguresView,
  } as const;
  for (const [kind, schema] of Object.entries(views))
    it(`${kind} as JSON is its view (an empty floor counts zero)`, async () => {
      const result = await loket('report', kind, '--from', '2026-11-24', '--format', 'json');
      expect(result.code, `${kind}: ${result.stderr}`).toBe(0);
      const view = schema.parse(JSON.parse(result.stdout));
      if ('to' in view) expect(view.to).toBe('2026-11-30');
    });

  it('public as a PDF is the one-page notice with the office name', async () => {
    const notice = path.join(dir, 'public.pdf');
    expect((await loket('report', 'public', '--format', 'pdf', '--out', notice)).code).toBe(0);
    expect((await run('pdfinfo', [notice])).stdout).toMatch(/Pages:\s+1\n/);
    expect((await run('pdftotext', [notice, '-'])).stdout).toContain(
      readFloor(dir, (store) => store.office.get().name),
    );
  });
});
