import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { buildReportDay, reportDate, type ReportDay } from '../support/reportDay.ts';

let browser: Browser;
let t: TestHub;
let day: ReportDay;
let page: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ now: at(reportDate, '08:30') });
  day = buildReportDay(t.hub.store, t.clock);
  const token = t.pair('supervisor', 'Supervisor');
  page = await openStation(browser, contexts, `${t.hub.url}/supervisor`, token, {
    width: 1600,
    height: 2400,
  });
  await officerSignIn(page, day.supervisor.username, day.supervisor.secret);
  await page.locator('[data-screen="floor"]').waitFor();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const figure = (name: string) => page.getByTestId(`figure-${name}`);
/** Waits until a figure shows `value` (a new answer replaces the last one a moment after the click). */
const shows = (name: string, value: string) =>
  figure(name)
    .filter({ hasText: new RegExp(`^${value}$`) })
    .waitFor();
const filters = () => page.getByTestId('report-filters');

/** Clicks a download button and answers the file the browser saved, with its suggested name. */
async function download(button: string): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByTestId('report-downloads').getByRole('button', { name: button, exact: true }).click(),
  ]);
  const saved = await file.path();
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(saved) };
}

describe('the supervisor’s Reports section (Laporan)', () => {
  it('opens beside the floor with the last seven days to today, and shows the morning’s figures for the document check', async () => {
    await page.getByRole('button', { name: 'Laporan', exact: true }).click();
    await filters().waitFor();
    expect(await filters().locator('input[name="from"]').inputValue()).toBe('2026-11-24');
    expect(await filters().locator('input[name="to"]').inputValue()).toBe(reportDate);

    await filters().locator('input[name="from"]').fill(reportDate);
    await filters().locator('select[name="stage"]').selectOption('documents');
    await filters().getByRole('button', { name: 'Tampilkan' }).click();
    await page.locator('[data-testid="report-totals"], [data-testid="report-problem"]').first().waitFor();
    // The hub refused none of the reports (a refusal shows its message here).
    expect(await page.getByTestId('report-problem').allTextContents()).toEqual([]);

    // Seven came to the document check; four were served, one did not come after two recalls.
    expect(await figure('arrived').textContent()).toBe('7');
    expect(await figure('served').textContent()).toBe('4');
    expect(await figure('no-shows').textContent()).toBe('1');
    // Called at 09:02, 09:07, 09:14 (out of order), 09:18 and, after a break, 09:39 for a 09:00 window.
    expect(await figure('wait-p50').textContent()).toBe('14');
    expect(await figure('wait-max').textContent()).toBe('39');
    expect(await figure('wait-mean').textContent()).toBe('16');

    for (const chart of ['chart-waits-per-hour', 'chart-waits-per-window', 'chart-waits-per-stage'])
      await page.getByTestId(chart).locator('svg').first().waitFor();
    await screenshot(page, 'reports-kpi-charts');
  });

  it('shows each officer’s break by reason and out-of-order calls by reason code', async () => {
    const ayu = page.getByTestId('report-officers').locator('tr[data-officer="ayu.lestari"]');
    await ayu.waitFor();
    expect(await ayu.locator('[data-break="istirahat"]').textContent()).toContain('0:15');
    expect(await ayu.locator('[data-reason="medical"]').textContent()).toContain('Kondisi medis mendesak: 1');
    // The officer filter offers the officers met in the figures, by name.
    await filters().locator('select[name="officer"]').selectOption({ label: 'Made Wirawan' });
    await filters().locator('select[name="stage"]').selectOption('');
    await filters().getByRole('button', { name: 'Tampilkan' }).click();
    await shows('served', '2');
    await screenshot(page, 'reports-officers');
  });

  it('downloads the figures shown as CSV, XLSX and PDF', async () => {
    await filters().locator('select[name="officer"]').selectOption('');
    await filters().locator('select[name="stage"]').selectOption('documents');
    await filters().getByRole('button', { name: 'Tampilkan' }).click();
    await shows('served', '4');
    expect(await figure('arrived').textContent()).toBe('7');

    const csv = await download('CSV');
    expect(csv.name).toMatch(/\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text).toContain(reportDate);
    expect(text.split(/\r?\n/).length).toBeGreaterThan(2);

    const xlsx = await download('XLSX');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.bytes as unknown as ArrayBuffer);
    const numbers: unknown[] = [];
    workbook.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => numbers.push(cell.value))));
    expect(workbook.worksheets.length).toBeGreaterThan(0);
    // The arrivals and the served of the document check are in the sheet as numbers, not text.
    expect(numbers).toContain(7);
    expect(numbers).toContain(4);

    const pdf = await download('PDF');
    expect(pdf.name).toMatch(/\.pdf$/);
    expect(pdf.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const file = `${fs.mkdtempSync('/tmp/loket-report-pdf-')}/report.pdf`;
    fs.writeFileSync(file, pdf.bytes);
    const words = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    fs.rmSync(file.replace(/\/report\.pdf$/, ''), { recursive: true, force: true });
    expect(words).toMatch(/2026-11-30|30 November 2026|30\/11\/2026/);
  });

  it('imports the issuance history once, refusing a bad file with its line, and marks the months imported', async () => {
    const issuance = page.getByTestId('report-issuance');
    await issuance.getByLabel('Tahun').fill('2021');
    const header = 'year,month,biasa_baru,biasa_penggantian,elektronik_baru,elektronik_penggantian,total';
    const upload = (name: string, lines: string[]) =>
      issuance.getByTestId('issuance-import').setInputFiles({
        name,
        mimeType: 'text/csv',
        buffer: Buffer.from(`${[header, ...lines].join('\n')}\n`),
      });

    // Line 3's total is not the sum of its columns: the whole file is refused, nothing written.
    await upload('salah.csv', ['2021,1,296,303,1,22,622', '2021,2,299,361,23,88,999']);
    await issuance.getByTestId('issuance-problem').waitFor();
    expect(await issuance.getByTestId('issuance-problem').textContent()).toMatch(/3/);

    await upload('riwayat.csv', ['2021,1,296,303,1,22,622', '2021,2,299,361,23,88,771']);
    await issuance.getByTestId('issuance-imported').waitFor();
    const january = issuance.locator('tr[data-month="1"]');
    await issuance.locator('tr[data-month="2"][data-source="imported"]').waitFor();
    expect(await january.getAttribute('data-source')).toBe('imported');
    expect(await january.textContent()).toContain('impor');
    expect(await issuance.getByTestId('issuance-jumlah').locator('[data-column="total"]').textContent()).toBe(
      '1.393',
    );
    await issuance.getByTestId('chart-issuance').locator('svg').first().waitFor();
    await issuance.scrollIntoViewIfNeeded();
    await screenshot(page, 'reports-issuance');
  });

  it('shows today’s public figures on the board’s “Hari ini” panel, as publicFigures gives them', async () => {
    const token = t.pair('display', 'Papan aula');
    const board = await openStation(browser, contexts, `${t.hub.url}/display`, token, {
      width: 1920,
      height: 1080,
    });
    const answer = await t.call('publicFigures', { days: 1 }, token);
    expect(answer.status).toBe(200);
    const today = answer.body.days.find((d: { date: string }) => d.date === reportDate);
    expect(today.visits).toBe(7);
    await board.getByTestId('board-today').waitFor();
    expect(await board.getByTestId('today-average-wait').textContent()).toContain(
      `${Math.round(today.averageWaitMs / 60_000)} menit`,
    );
    expect(await board.getByTestId('today-inside-window').textContent()).toContain(
      `${Math.round(today.calledInsideWindowShare * 100)}%`,
    );
    // Aggregates only: nothing on the board names a citizen or an officer of the day.
    const shown = (await board.locator('body').textContent()) ?? '';
    expect(day.personal.filter((p) => !/^[A-Z]\d?-\d+$/.test(p) && shown.includes(p))).toEqual([]);
    await screenshot(board, 'reports-board-today');
  });

  it('opens the public page for anyone, without a sign-in, with its chart drawn on the hub', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1400 } });
    contexts.push(context);
    const visitor = await context.newPage();
    const response = await visitor.goto(`${t.hub.url}/public`);
    expect(response?.status()).toBe(200);
    await visitor.locator('figure.chart svg').waitFor();
    const shown = (await visitor.locator('body').textContent()) ?? '';
    expect(shown).toContain('Kunjungan');
    expect(day.personal.filter((p) => shown.includes(p))).toEqual([]);
    await screenshot(visitor, 'reports-public-page');
  });
});
