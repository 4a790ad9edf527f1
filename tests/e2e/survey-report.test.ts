import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Download, Page } from 'playwright-core';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { surveyFloor, type SurveyFloor } from '../support/surveyFloor.ts';

/**
 * The supervisor reads the satisfaction survey: three citizens answered after their visits (through
 * the hub's API, as the feedback station sends them), one with a complaint. The console's Survei
 * kepuasan part shows the quarter's index and grade, the supervisor answers the complaint, and
 * downloads the published layout as XLSX and PDF; the hall's board shows the index and grade.
 * (The feedback station's own flow is tests/e2e/survey-*.test.ts by the station's helper.)
 */
let browser: Browser;
let t: TestHub;
let floor: SurveyFloor;
let page: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ now: at('2026-11-30', '09:05') });
  // Answered at the kiosk: the feedback station's own screens and the console's station list for
  // it are the station helper's part (and its whole-flow test).
  floor = await surveyFloor(t, 3, 'kiosk');
  await floor.visitAndAnswer([4, 4, 4, 4, 4, 4, 4, 4, 4], {
    profile: { sex: 'perempuan', ageBand: '30-39' },
    comment: 'Ruang tunggu panas, kipas angin mati.',
  });
  await floor.visitAndAnswer([3, 3, 3, 4, 3, 4, 4, 3, 3], { profile: { sex: 'laki-laki' } });
  await floor.visitAndAnswer([4, 3, null, 4, 3, 3, 4, 3, 2]);
  // A second kiosk scans six codes that name no visit: the hub stops it and tells the supervisor.
  const kiosk2 = t.pair('kiosk', 'Kios 2');
  for (let i = 0; i < 6; i += 1)
    expect(
      (await t.call('startSurvey', { code: `LOKET:T:DPS:${crypto.randomUUID()}` }, kiosk2)).status,
    ).toBeGreaterThanOrEqual(400);
  // The console is a station of its own (the floor's supervisor station signed in through the API).
  const consoleToken = t.pair('supervisor', 'Konsol kepala seksi');
  page = await openStation(browser, contexts, `${t.hub.url}/supervisor`, consoleToken, {
    width: 1600,
    height: 2600,
  });
  await officerSignIn(page, floor.supervisor.username, floor.supervisor.secret);
  await page.locator('[data-screen="floor"]').waitFor();
}, 90_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const survey = () => page.getByTestId('report-survey');

async function download(button: 'PDF' | 'XLSX'): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download') as Promise<Download>,
    page.getByTestId('survey-downloads').getByRole('button', { name: button, exact: true }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
}

const personalIn = (text: string) =>
  floor.personal.filter((p) => text.toLowerCase().includes(p.toLowerCase()));

describe('the supervisor’s survey report (Survei kepuasan)', () => {
  it('shows this quarter’s index large with its grade and words, the sample, the NRR chart and the profile', async () => {
    await page.getByRole('button', { name: 'Laporan', exact: true }).click();
    await survey().getByTestId('survey-index').waitFor();
    expect(await survey().getByTestId('survey-period').textContent()).toBe('Triwulan IV 2026');
    // NRR 11/3, 10/3, 7/2, 4, 10/3, 11/3, 4, 10/3, 3: IKM 3,537…, index 88,43 → A.
    expect(await survey().getByTestId('survey-index').textContent()).toBe('88,43');
    expect(await survey().getByTestId('survey-grade').textContent()).toBe('A');
    expect(await survey().getByTestId('survey-grade-words').textContent()).toBe('Sangat baik');
    expect(await survey().getByTestId('survey-sample').textContent()).toMatch(
      /^3 tanggapan dari \d+ yang dibutuhkan/,
    );
    expect(await survey().getByTestId('nrr-u3').textContent()).toBe('3,500');
    expect(await survey().getByTestId('nrr-u1').textContent()).toBe('3,667');
    await survey().getByTestId('chart-survey-elements').locator('svg').first().waitFor();
    const profile = survey().getByTestId('survey-profile');
    // Persen of the three respondents; the one who gave no sex is counted as "Tidak diisi".
    expect(await profile.locator('[data-profile="sex/perempuan"]').textContent()).toContain('33,3%');
    expect(await profile.locator('[data-profile="sex/tidak diisi"]').textContent()).toMatch(
      /Tidak diisi\s*1\s*33,3%/,
    );
    expect(
      await survey().getByTestId('survey-by-counter').locator('[data-group="3"]').textContent(),
    ).toContain('88,43');
    // The refused burst, with its station, time and count.
    const burst = survey().getByTestId('survey-bursts').locator('[data-burst="Kios 2"]');
    expect(await burst.textContent()).toMatch(/^2026-11-30 \d\d:\d\dKios 26$/);
    // The console shows no one's name, NIK or ticket beside an answer.
    expect(personalIn((await survey().textContent()) ?? '')).toEqual([]);
    await survey().scrollIntoViewIfNeeded();
    await screenshot(page, 'survey-report');
  });

  it('answers the complaint: the note shows once saved, and stays on reloading', async () => {
    const complaint = survey().getByTestId('survey-complaints').locator('li[data-complaint]').first();
    expect(await complaint.getByTestId('complaint-text').textContent()).toBe(
      'Ruang tunggu panas, kipas angin mati.',
    );
    await complaint.getByText('Belum ditindaklanjuti').waitFor();
    await complaint.locator('textarea[name="follow-up"]').fill('Kipas angin sudah diperbaiki.');
    await complaint.getByRole('button', { name: 'Tanggapi' }).click();
    await complaint.getByTestId('complaint-follow-ups').getByText('Kipas angin sudah diperbaiki.').waitFor();
    expect(await complaint.getByTestId('complaint-follow-ups').textContent()).toContain('Kadek Sumerta');
    // Another period and back: the follow-up is the hub's, not only this screen's.
    await survey().locator('select[name="survey-period"]').selectOption('month');
    await survey().getByTestId('survey-period').filter({ hasText: 'November 2026' }).waitFor();
    await survey().getByTestId('survey-complaints').getByText('Kipas angin sudah diperbaiki.').waitFor();
    await survey().getByTestId('survey-complaints').scrollIntoViewIfNeeded();
    await screenshot(page, 'survey-complaints');
  });

  it('downloads the month as XLSX and PDF in the published layout', async () => {
    const xlsx = await download('XLSX');
    expect(xlsx.name).toBe('loket-ikm-november-2026.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.bytes as never);
    const ikm = book.getWorksheet('IKM') as ExcelJS.Worksheet;
    expect(ikm.getCell('A4').value).toBe('Indeks Kepuasan Masyarakat (IKM): 88,43 (A, Sangat baik)');
    expect(ikm.getRow(9).getCell(3).value).toBe('Persyaratan');
    expect(ikm.getRow(11).getCell(5).value).toBe(3.5);

    const pdf = await download('PDF');
    expect(pdf.name).toBe('loket-ikm-november-2026.pdf');
    const dir = fs.mkdtempSync('/tmp/loket-survey-pdf-');
    try {
      fs.writeFileSync(`${dir}/ikm.pdf`, pdf.bytes);
      const words = execFileSync('pdftotext', ['-layout', `${dir}/ikm.pdf`, '-'], { encoding: 'utf8' });
      expect(words).toContain('Indeks Kepuasan Masyarakat (IKM): 88,43 (A, Sangat baik)');
      expect(words).toContain('Kipas angin sudah diperbaiki.');
      expect(personalIn(words)).toEqual([]);
      // The refused burst is the console's business, not the published result.
      expect(words).not.toContain('Kios 2');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('charts a year’s index month by month', async () => {
    await survey().locator('select[name="survey-period"]').selectOption('year');
    await survey().getByTestId('survey-period').filter({ hasText: 'Tahun 2026' }).waitFor();
    const months = survey().getByTestId('chart-survey-months');
    await months.locator('svg').first().waitFor();
    expect(await months.textContent()).toContain('Indeks Kepuasan Masyarakat per bulan, 2026');
    // A quarter is not charted by month: the chart goes.
    await survey().locator('select[name="survey-period"]').selectOption('quarter');
    await months.waitFor({ state: 'detached' });
  });

  it('the hall’s board shows the quarter’s index and grade with the responses, no name', async () => {
    const board = await openStation(
      browser,
      contexts,
      `${t.hub.url}/display`,
      t.pair('display', 'Papan aula'),
      {
        width: 1920,
        height: 1080,
      },
    );
    const figure = board.getByTestId('board-survey');
    await figure.waitFor();
    expect(await board.getByTestId('board-survey-index').textContent()).toBe('88,43');
    expect(await figure.textContent()).toContain('IKM Triwulan IV 2026');
    expect(await board.getByTestId('board-survey-grade').textContent()).toContain('A, Sangat baik');
    expect(await board.getByTestId('board-survey-responses').textContent()).toContain('3 tanggapan');
    // The board calls ticket numbers, as it always has; never a name, NIK, booking code or phone.
    const shown = ((await board.locator('main').textContent()) ?? '').toLowerCase();
    const people = floor.personal.filter((p) => !/^[A-Z]+\d*-\d+$/.test(p));
    expect(people.filter((p) => shown.includes(p.toLowerCase()))).toEqual([]);
    await screenshot(board, 'board-survey');
  });

  it('the officer at counter 3 sees the counter’s index the next morning, never today’s answers', async () => {
    const open = async () => {
      const desk = await openStation(browser, contexts, `${t.hub.url}/counter`, floor.counter3.token, {
        width: 1600,
        height: 1200,
      });
      const screen = desk.locator('[data-screen="counter"]');
      await screen.or(desk.getByLabel('Nama pengguna')).first().waitFor();
      if (!(await screen.isVisible())) {
        await officerSignIn(desk, floor.counter3.username, floor.counter3.secret, 3);
        await screen.waitFor();
      }
      return desk;
    };
    const today = await open();
    await today
      .getByTestId('my-survey')
      .getByText('Belum ada jawaban survei dari hari yang sudah lewat.')
      .waitFor();
    expect(await today.getByTestId('my-survey-index').count()).toBe(0);

    t.clock.set(at('2026-12-01', '08:05'));
    const tomorrow = await open();
    await tomorrow.getByTestId('my-survey-index').waitFor();
    expect(await tomorrow.getByTestId('my-survey-index').textContent()).toBe('88,43');
    expect(await tomorrow.getByTestId('my-survey-grade').textContent()).toBe('(A, Sangat baik)');
    expect(await tomorrow.getByTestId('my-survey').textContent()).toContain('3 tanggapan, sampai kemarin');
    // Aggregates only: no complaint reaches the counter.
    expect(await tomorrow.locator('main').textContent()).not.toContain('kipas angin');
    await screenshot(tomorrow, 'counter-my-survey');
  });
});
