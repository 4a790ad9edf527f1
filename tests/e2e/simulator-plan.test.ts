import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { callFromPage, launchChromium, officerSignIn, openStation, screenshot } from '../support/browser.ts';
import { at } from '../support/floor.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { oldTermsIn } from '../support/words.ts';

/**
 * The supervisor plans the quota in the console's Simulator (Rencanakan kuota): ten simulated days a
 * candidate, a progress bar, then the lanes now → planned, the figures and the constraint that binds;
 * "Terapkan kuota ini" asks once in the page, showing each lane before → after, and the office's
 * quota (what the kiosk offers) changes, logged in the supervisor's name.
 */
let browser: Browser;
let t: TestHub;
let page: Page;
let sri: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub({ now: at('2026-11-30', '07:30') });
  sri = addUser({ store: t.hub.store, clock: t.clock }, commandLine, {
    username: 'sri',
    name: 'Sri Wahyuni',
    role: 'supervisor',
    secret: '112233',
  }).id;
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

const form = () => page.getByTestId('plan-form');
const result = () => page.getByTestId('plan-result');
const quotas = () => Object.fromEntries(t.hub.store.office.get().lanes.map((l) => [l.id, l.quotaPerWindow]));

describe('the supervisor’s quota planner (Rencanakan kuota)', () => {
  it('plans the quota over ten seeds, shows the plan and what binds, and applies it after one confirmation', async () => {
    const lastEvent = t.hub.store.events.lastSeq();
    const before = quotas();
    await page.getByRole('button', { name: 'Simulasi', exact: true }).click();
    await form().waitFor();
    expect(await form().locator('input[name="officers-interview"]').inputValue()).toBe('4');
    await form().locator('input[name="target-p90"]').fill('30');
    await form().locator('input[name="plan-seeds"]').fill('10');
    await form().getByRole('button', { name: 'Rencanakan kuota' }).click();
    const progress = page.getByTestId('plan-progress');
    await progress.waitFor();
    await page.locator('[data-testid="plan-progress"][data-state="done"]').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('plan-done').textContent()).toMatch(
      /^(\d+) dari paling banyak \1 kuota sudah dinilai, masing-masing 10 hari simulasi$/,
    );
    await result().waitFor();
    expect(await result().getAttribute('data-meets')).toBe('true');

    // The lanes now → planned, by their names; the figures with the judged end; what binds.
    const lanes = result().getByTestId('plan-lanes');
    expect(await lanes.locator('tr[data-lane="regular"] th').textContent()).toBe('Reguler');
    expect(await lanes.locator('tr[data-lane="regular"] td[data-column="now"]').textContent()).toBe(
      String(before.regular),
    );
    const planned = Number(
      await lanes.locator('tr[data-lane="regular"] td[data-column="planned"]').textContent(),
    );
    expect(planned).toBeGreaterThan(0);
    expect(await result().getByTestId('plan-figures').locator('tr[data-measure]').count()).toBeGreaterThan(8);
    expect(await page.getByTestId('plan-binding').textContent()).toMatch(
      /^Yang membatasi: .+ Dengan \d+ pemohon per jadwal, /,
    );
    // Planning wrote nothing.
    expect(t.hub.store.events.lastSeq()).toBe(lastEvent);
    expect(quotas()).toEqual(before);
    await screenshot(page, 'simulator-plan');

    // One confirmation, in the page: each lane before → after.
    await result().getByRole('button', { name: 'Terapkan kuota ini' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terapkan kuota ini?' });
    await dialog.waitFor();
    expect(await dialog.locator('li[data-lane="regular"]').textContent()).toBe(
      `Reguler: ${before.regular} → ${planned}`,
    );
    await screenshot(page, 'simulator-plan-confirm');
    // Cancelling changes nothing.
    await dialog.getByRole('button', { name: 'Batal' }).click();
    await dialog.waitFor({ state: 'detached' });
    expect(quotas()).toEqual(before);
    await result().getByRole('button', { name: 'Terapkan kuota ini' }).click();
    await dialog.getByRole('button', { name: 'Ya, terapkan' }).click();
    await page
      .getByTestId('plan-applied')
      .filter({ hasText: 'Kuota diterapkan oleh Sri Wahyuni (sri).' })
      .waitFor();
    await dialog.waitFor({ state: 'detached' });
    expect(await result().getByRole('button', { name: 'Terapkan kuota ini' }).isDisabled()).toBe(true);

    // The office's quota changed, and the kiosk's windows offer it; the change is the supervisor's.
    expect(quotas().regular).toBe(planned);
    const today = await callFromPage(page, 'todaysQuota', {});
    expect(today.body.windows[0].lanes.find((l: { lane: string }) => l.lane === 'regular').total).toBe(
      planned,
    );
    const events = t.hub.store.events.readAfter(lastEvent, 10);
    expect(events.map((e) => [e.type, e.actor])).toEqual([['office.updated', sri]]);
    expect(await page.getByTestId('plan-applied').textContent()).toContain(
      `Reguler ${before.regular} → ${planned}`,
    );
    expect(oldTermsIn(await page.locator('main').innerText())).toEqual([]);
    await screenshot(page, 'simulator-plan-applied');

    // The English console says the plan and what binds in English.
    await page.getByTestId('language').click();
    await page
      .getByTestId('plan-binding')
      .filter({ hasText: /^Binding: / })
      .waitFor();
    expect(await result().getByTestId('plan-lanes').locator('thead th').allTextContents()).toEqual([
      'Lane',
      'Now',
      'Planned',
    ]);
    await screenshot(page, 'simulator-plan-english');
    await page.getByTestId('language').click();
    await page
      .getByTestId('plan-binding')
      .filter({ hasText: /^Yang membatasi: / })
      .waitFor();
  }, 180_000);
});
