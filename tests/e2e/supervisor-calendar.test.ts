import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';

let browser: Browser;
let t: TestHub;
let page: Page;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  const token = t.pair('supervisor', 'Supervisor');
  page = await openStation(browser, contexts, `${t.hub.url}/supervisor`, token, {
    width: 1600,
    height: 1400,
  });
  await officerSignIn(page, 'kadek', '975310');
  await page.getByTestId('holiday-calendar').waitFor();
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const panel = () => page.getByTestId('holiday-calendar');
const row = (date: string) => panel().locator(`tr[data-date="${date}"]`);

describe('the supervisor’s holiday calendar', () => {
  it('lists the year’s national holidays and cuti bersama from the decree', async () => {
    await row('2026-03-19').waitFor();
    expect(await row('2026-03-19').textContent()).toContain('Hari Suci Nyepi');
    expect(await row('2026-03-18').textContent()).toContain('Cuti bersama');
    expect(await panel().getByTestId('calendar-source').textContent()).toContain('SKB');
  });

  it('removes a day with a reason, which stays listed as removed, and the preview promises it', async () => {
    const preview = panel().getByTestId('promise-preview');
    await preview.locator('input[type="date"]').fill('2026-12-18');
    await preview.getByRole('button').click();
    await preview.getByTestId('promise-date').filter({ hasText: '2026-12-28' }).waitFor();
    expect(await preview.getByTestId('promise-reasons').textContent()).toContain('Cuti bersama');

    await row('2026-12-24').getByRole('button').click();
    await row('2026-12-24').locator('input').fill('Kantor tetap melayani');
    await row('2026-12-24').locator('button[type="submit"]').click();
    await panel().locator('tr.removed[data-date="2026-12-24"]').waitFor();
    expect(await row('2026-12-24').textContent()).toContain('dihapus oleh kadek: Kantor tetap melayani');
    await screenshot(page, 'supervisor-calendar');

    await preview.getByRole('button').click();
    await preview.getByTestId('promise-date').filter({ hasText: '2026-12-24' }).waitFor();
  });

  it('adds a day named in both languages', async () => {
    const form = panel().locator('form.add-day');
    await form.locator('input[type="date"]').fill('2026-12-31');
    await form.getByPlaceholder('Nama (Bahasa Indonesia)').fill('Cuti bersama akhir tahun');
    await form.getByPlaceholder('Nama (Inggris)').fill('Year-end collective leave');
    await form.getByRole('button').click();
    await row('2026-12-31').waitFor();
    expect(await row('2026-12-31').textContent()).toContain('Cuti bersama akhir tahun');
    expect(t.hub.store.calendar.day('2026-12-31')).toMatchObject({ origin: 'office', kind: 'cuti_bersama' });
  });
});
