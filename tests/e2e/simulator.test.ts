import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { callFromPage, launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { oldTermsIn } from '../support/words.ts';

/**
 * The supervisor plans a day in the console's Simulator (Simulasi): ten simulated days of Loket's
 * calling against first-come-first-served, a progress bar while the hub works, then the measures
 * side by side with their intervals and three charts; a 10,000-day request is refused in words; the
 * floor's records are untouched.
 */
let browser: Browser;
let t: TestHub;
let page: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ now: at('2026-11-30', '07:30') });
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'sri',
    name: 'Sri Wahyuni',
    role: 'supervisor',
    secret: '112233',
  });
  const token = t.pair('supervisor', 'Konsol kepala seksi');
  page = await openStation(browser, contexts, `${t.hub.url}/supervisor`, token, {
    width: 1600,
    height: 2600,
  });
  await officerSignIn(page, 'sri', '112233');
  await page.locator('[data-screen="floor"]').waitFor();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const form = () => page.getByTestId('simulation-form');
const table = () => page.getByTestId('simulation-table');

describe('the supervisor’s Simulator (Simulasi)', () => {
  it('runs ten days of window-aligned calling against first come, first served, with the progress, the table and the charts', async () => {
    const lastEvent = t.hub.store.events.lastSeq();
    const office = JSON.stringify(t.hub.store.office.get());
    await page.getByRole('button', { name: 'Simulasi', exact: true }).click();
    await form().waitFor();
    // The next working day, the floor's own officers and the two policies compared by default.
    expect(await form().locator('input[name="date"]').inputValue()).toBe('2026-12-01');
    expect(await form().locator('input[name="officers-interview"]').inputValue()).toBe('4');
    expect(await form().locator('input[name="quota-regular"]').inputValue()).toBe('23');
    expect(await form().getByLabel('Per jadwal kedatangan (Loket)').isChecked()).toBe(true);
    expect(await form().getByLabel('Urut kedatangan (cara lama)').isChecked()).toBe(true);
    expect(await form().getByLabel('Per jadwal, prioritas didahulukan').isChecked()).toBe(false);

    await form().locator('input[name="seeds"]').fill('10');
    await form().getByRole('button', { name: 'Jalankan simulasi' }).click();
    // The bar shows seeds done of ten while the hub works, and ten of ten at the end.
    const progress = page.getByTestId('simulation-progress');
    await progress.waitFor();
    expect(await progress.locator('progress').getAttribute('max')).toBe('10');
    await progress
      .locator('[data-testid="simulation-done"]', { hasText: '10 dari 10 hari sudah disimulasikan' })
      .waitFor({
        timeout: 60_000,
      });
    await table().waitFor();
    expect(await progress.getAttribute('data-state')).toBe('done');

    // The policies side by side, by their names, each measure with its 95% interval.
    expect(await table().locator('thead th[data-policy]').allTextContents()).toEqual([
      'Per jadwal kedatangan (Loket)',
      'Urut kedatangan (cara lama)',
    ]);
    for (const measure of [
      'waitP50',
      'waitP90',
      'waitMax',
      'insideWindowShare',
      'lastServed',
      'overtimeMinutes',
      'printerBacklogAtClose',
      'promisesAtRisk',
      'utilisation-interview',
      'utilisation-handover',
    ])
      await expect.poll(() => table().locator(`tr[data-measure="${measure}"] td`).count()).toBe(2);
    const p90 = await table().locator('tr[data-measure="waitP90"] td[data-policy="fifo"]').textContent();
    expect(p90).toMatch(/^\d+,\d \(-?\d+,\d – \d+,\d\)$/);
    expect(await table().locator('tr[data-measure="insideWindowShare"] td').first().textContent()).toMatch(
      /%/,
    );
    expect(await table().locator('tr[data-measure="utilisation-interview"] th').textContent()).toBe(
      'Utilisasi petugas: Wawancara, sidik jari dan foto (%)',
    );
    // The handover counters under the name the office gives its pickup stage.
    expect(await table().locator('tr[data-measure="utilisation-handover"] th').textContent()).toBe(
      'Utilisasi petugas: Pengambilan paspor (%)',
    );

    // Three charts drawn by ECharts as SVG, each with a series per policy, named in the legend.
    for (const chart of ['chart-simulated-queue', 'chart-simulated-waits', 'chart-simulated-utilisation']) {
      const svg = page.getByTestId(chart).locator('svg').first();
      await svg.waitFor();
      const text = (await svg.textContent()) ?? '';
      expect(text, chart).toContain('Per jadwal kedatangan (Loket)');
      expect(text, chart).toContain('Urut kedatangan (cara lama)');
      expect(await svg.locator('path').count(), chart).toBeGreaterThan(10);
    }
    expect(await page.getByTestId('chart-simulated-queue').locator('svg').textContent()).toContain(
      'Panjang antrean sepanjang hari',
    );
    await screenshot(page, 'simulator-charts');
    // The words of issue 20's review: KBBI spelling ("antrean"), no "jendela" for the arrival window.
    expect(oldTermsIn(await page.locator('main').innerText())).toEqual([]);

    // The floor's records are as they were: no event, the configuration unchanged.
    expect(t.hub.store.events.lastSeq()).toBe(lastEvent);
    expect(JSON.stringify(t.hub.store.office.get())).toBe(office);
  }, 120_000);

  it('reads the same results in English in the English console', async () => {
    await page.getByTestId('language').click();
    await table()
      .locator('thead th[data-policy="window"]', { hasText: 'By arrival window (Loket)' })
      .waitFor();
    expect(await table().locator('tr[data-measure="waitP90"] th').textContent()).toBe('Wait p90 (min)');
    expect(await page.getByTestId('chart-simulated-waits').locator('svg').textContent()).toContain(
      'Wait distribution',
    );
    await screenshot(page, 'simulator-english');
    await page.getByTestId('language').click();
    await form().getByRole('button', { name: 'Jalankan simulasi' }).waitFor();
  });

  it('refuses a 10,000-day request in words and runs nothing', async () => {
    await form().locator('input[name="seeds"]').fill('10000');
    await form().getByRole('button', { name: 'Jalankan simulasi' }).click();
    const problem = page.getByTestId('simulation-problem');
    await problem.waitFor();
    expect(await problem.textContent()).toBe('Jumlah hari simulasi maksimal 200.');
    expect(t.hub.simulations.running).toBe(0);
    // The last results stay on screen.
    expect(await page.getByTestId('simulation-progress').getAttribute('data-state')).toBe('done');
    await screenshot(page, 'simulator-too-many-seeds');
  });

  it('shows a long run’s progress as it goes, and stops it on Hentikan', async () => {
    await form().locator('input[name="seeds"]').fill('200');
    await form().getByRole('button', { name: 'Jalankan simulasi' }).click();
    const progress = page.locator('[data-testid="simulation-progress"][data-state="running"]');
    await progress.waitFor();
    expect(await progress.locator('progress').getAttribute('max')).toBe('200');
    // Seeds come in while the hub works: the bar moves before the run ends.
    await page.waitForFunction(() => {
      const bar = document.querySelector('[data-testid="simulation-progress"] progress');
      return bar instanceof HTMLProgressElement && bar.value > 0;
    });
    // The earlier results make way for the run under way.
    expect(await page.getByTestId('simulation-results').count()).toBe(0);
    await screenshot(page, 'simulator-progress');
    await progress.getByRole('button', { name: 'Hentikan' }).click();
    await page
      .locator('[data-testid="simulation-progress"][data-state="cancelled"]', {
        hasText: 'Simulasi dihentikan.',
      })
      .waitFor();
    await expect.poll(() => t.hub.simulations.running).toBe(0);
  }, 120_000);

  it('lets no officer who is not a supervisor run it', async () => {
    addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
      username: 'ayu',
      name: 'Ayu Lestari',
      role: 'officer',
      secret: '246810',
    });
    const token = t.pair('counter', 'Loket 2');
    const counter = await openStation(browser, contexts, `${t.hub.url}/counter`, token);
    await officerSignIn(counter, 'ayu', '246810', 2);
    await counter.locator('[data-screen="counter"]').first().waitFor();
    const reply = await callFromPage(counter, 'startSimulation', { seeds: 2 });
    expect([reply.status, reply.body.error.code]).toEqual([403, 'FORBIDDEN']);
    expect(t.hub.simulations.running).toBe(0);
  });
});
