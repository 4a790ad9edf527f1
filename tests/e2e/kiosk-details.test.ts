import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import { launchChromium, screenshot } from '../support/browser.ts';
import { kioskWithPrinter, startTestHub, type TestHub } from '../support/hub.ts';
import type { PrinterSimulator } from '../../drivers/ticket-printer/simulator.ts';

/**
 * The kiosk's small things a citizen meets (issue 20, item 9): a scan too long for the scanner, the
 * kiosk's last reprint, paper out said once, the quota of the windows still ahead lane by lane, a
 * token of another mode typed at the kiosk, a portrait screen used to its edges, warning text no
 * smaller than 24 px. The hub's clock stands at 09:15 on 30 November 2026.
 */
let browser: Browser;
let t: TestHub;
let kioskToken: string;
let printer: PrinterSimulator;

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  importAppointments({ store: t.hub.store, clock: t.clock }, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 12 }, (_, i) => sampleAppointment(i + 1))),
  });
  ({ token: kioskToken, printer } = await kioskWithPrinter(t, 'Kiosk 1'));
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await t?.close();
  await printer?.stop();
});

const portrait = { width: 1080, height: 1920 };
const landscape = { width: 1920, height: 1080 };

let context: BrowserContext | undefined;
let page: Page;

beforeEach(async () => {
  await context?.close();
  context = undefined;
  printer.repair();
  printer.clearJobs();
});

/** A kiosk browser signed in with its token; `fakeClock` lets the test move the page's time on. */
async function openKiosk(viewport = portrait, options: { fakeClock?: boolean } = {}): Promise<Page> {
  context = await browser.newContext({ viewport });
  page = await context.newPage();
  page.setDefaultTimeout(30_000);
  if (options.fakeClock) await page.clock.install();
  await page.goto(`${t.hub.url}/kiosk`);
  await page.getByLabel('token').fill(kioskToken);
  await page.getByRole('button', { name: 'Masuk' }).click();
  await page.locator('[data-screen="idle"]').waitFor();
  return page;
}

/**
 * The kiosk's scanner reads `text`: every key made first, then raised, so a page starved of CPU by
 * the rest of the test run cannot split one scan into a person's typing and a shorter scan (a
 * key's time is its making; see wedgeScan for the paced version).
 */
async function scan(text: string): Promise<void> {
  await page.evaluate(
    (keys) => {
      const events = keys.map(
        (key) => new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }),
      );
      for (const event of events) document.body.dispatchEvent(event);
    },
    [...text, 'Enter'],
  );
}

const mainText = async () => (await page.locator('main').innerText()).replace(/\s+/g, ' ');
const occurrences = (text: string, part: string) => text.split(part).length - 1;

/** Waits until the kiosk's banner says the ticket printer is down (the hub polls the printer). */
async function printerDownShown(): Promise<void> {
  await page
    .locator('[data-testid="device-problem"][data-slot="ticketPrinter"]')
    .waitFor({ timeout: 20_000 });
}

describe('the kiosk’s details', { timeout: 120_000 }, () => {
  it('says a scan longer than the scanner accepts was not recognised, in both languages', async () => {
    await openKiosk();
    await scan('X'.repeat(2100));
    await page.locator('[data-screen="error"]').waitFor();
    expect(await page.locator('[data-code]').getAttribute('data-code')).toBe('INVALID_SCAN');
    expect(await page.getByTestId('error-message').textContent()).toContain('tidak dikenali');
    await screenshot(page, 'kiosk-scan-too-long-portrait');
    await page.getByTestId('language').click();
    expect(await page.getByTestId('error-message').textContent()).toContain('not recognised');
    expect(printer.jobs).toEqual([]);
  });

  it('after the last reprint says only to go to the help desk, and goes back to idle on the usual timeout', async () => {
    await openKiosk(portrait, { fakeClock: true });
    // The first print and the kiosk's two reprints.
    for (let print = 0; print < 3; print += 1) {
      await scan('MPDPS-00001');
      await page.locator('[data-print="printed"]').waitFor();
      await page.getByRole('button', { name: 'Selesai' }).click();
      await page.locator('[data-screen="idle"]').waitFor();
    }
    await scan('MPDPS-00001');
    const state = page.getByTestId('print-state');
    await page.locator('[data-print="refused"]').waitFor();
    expect(await state.textContent()).toContain('meja bantuan');
    // The printer is fine: nothing about noting the number or staff reprinting it.
    const text = await mainText();
    expect(text).not.toContain('Petugas dapat mencetak ulang');
    expect(text).not.toContain('Catat nomor');
    expect(text).not.toContain('Kertas');
    await screenshot(page, 'kiosk-reprint-limit-portrait');
    expect(printer.jobs).toHaveLength(3);

    // A ticket screen's 20 seconds, not the minute an unprinted ticket stays up.
    await page.clock.fastForward(21_000);
    await page.locator('[data-screen="idle"]').waitFor({ timeout: 5_000 });
  });

  it('says once that the paper is out, on the screen that shows the ticket', async () => {
    printer.set({ paper: 'out' });
    await openKiosk();
    await printerDownShown();
    await scan('MPDPS-00002');
    await page.locator('[data-print="failed"]').waitFor();
    const text = await mainText();
    expect(occurrences(text, 'Kertas printer habis')).toBe(1);
    expect(text).not.toContain('Printer tiket sedang bermasalah');
    expect(text).toContain('Catat nomor');
    await screenshot(page, 'kiosk-paper-out-once-portrait');
    await page.getByTestId('language').click();
    expect(occurrences(await mainText(), 'out of paper')).toBe(1);
  });

  it('lists only the windows still ahead, each lane with its own room', async () => {
    await openKiosk();
    await page.getByTestId('priority').click();
    await page.getByRole('button', { name: 'Ibu hamil' }).click();
    await scan('MPDPS-00003');
    await page.locator('[data-screen="ticket"]').waitFor();
    await page.getByRole('button', { name: 'Selesai' }).click();

    const quota = page.getByTestId('quota');
    await quota.waitFor();
    // 08:00–09:00 has ended at 09:15; 09:00–10:00 is still open.
    expect(await quota.locator('tbody th').allTextContents()).not.toContain('08:00–09:00');
    const now = quota.locator('tr', { hasText: '09:00–10:00' });
    await now.waitFor();
    expect(await quota.locator('thead th[data-lane]').allTextContents()).toEqual([
      'Reguler',
      'Lansia',
      'Disabilitas',
      'Ibu hamil',
      'Balita',
    ]);
    const hamil = t.hub.store.office.get().lanes.find((lane) => lane.id === 'hamil');
    const lansia = t.hub.store.office.get().lanes.find((lane) => lane.id === 'lansia');
    expect(await now.locator('td[data-lane="hamil"]').textContent()).toBe(`1 / ${hamil?.quotaPerWindow}`);
    expect(await now.locator('td[data-lane="lansia"]').textContent()).toBe(`0 / ${lansia?.quotaPerWindow}`);
    await screenshot(page, 'kiosk-quota-lanes-portrait');
  });

  for (const mode of ['counter', 'display'] as const) {
    it(`refuses a ${mode} token typed at the kiosk and leaves no ${mode} session in that browser`, async () => {
      context = await browser.newContext();
      page = await context.newPage();
      await page.goto(`${t.hub.url}/kiosk`);
      await page.getByLabel('token').fill(t.pair(mode));
      await page.getByRole('button', { name: 'Masuk' }).click();
      await page.getByRole('alert').waitFor();
      expect(await page.getByRole('alert').textContent()).toContain('bukan untuk kios');
      expect((await context.cookies()).map((cookie) => cookie.name)).not.toContain('loket_session');
      const whoAmI = await page.evaluate(
        async () =>
          (
            await fetch('/api/whoAmI', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: '{}',
            })
          ).status,
      );
      expect(whoAmI).toBe(401);
      // The station's own page asks for a token too: nothing of that mode is open here.
      await page.goto(`${t.hub.url}/${mode}`);
      await page.getByLabel('token').waitFor();
    });
  }

  it('fills a portrait screen instead of leaving a quarter of it empty, with keys larger than the minimum', async () => {
    await openKiosk(portrait);
    const largestEmptyBand = () =>
      page.evaluate(() => {
        const boxes = [...document.querySelectorAll('main > *, main > .screen > *')]
          .filter((element) => !element.classList.contains('screen'))
          .map((element) => element.getBoundingClientRect())
          .filter((box) => box.height > 0)
          .sort((a, b) => a.top - b.top);
        let reached = 0;
        let largest = 0;
        for (const box of boxes) {
          largest = Math.max(largest, box.top - reached);
          reached = Math.max(reached, box.bottom);
        }
        return Math.max(largest, window.innerHeight - reached) / window.innerHeight;
      });
    const screens: Array<[string, () => Promise<void>]> = [
      ['idle', async () => {}],
      ['typing', () => page.getByTestId('type-instead').click()],
      [
        'priority',
        async () => {
          await page.getByRole('button', { name: 'Batal' }).click();
          await page.getByTestId('priority').click();
        },
      ],
      [
        'ticket',
        async () => {
          await page.getByRole('button', { name: 'Batal' }).click();
          await scan('MPDPS-00004');
          await page.locator('[data-print="printed"]').waitFor();
        },
      ],
      [
        'unknown',
        async () => {
          await page.getByRole('button', { name: 'Selesai' }).click();
          await scan('MPDPS-99999');
          await page.locator('[data-screen="error"]').waitFor();
        },
      ],
    ];
    const bands: Record<string, number> = {};
    for (const [name, reach] of screens) {
      await reach();
      await page.locator(`[data-screen="${name === 'unknown' ? 'error' : name}"]`).waitFor();
      if (name === 'idle') await page.getByTestId('quota').waitFor();
      if (name === 'typing') {
        const key = await page.getByRole('button', { name: 'Q', exact: true }).boundingBox();
        expect(key?.width).toBeGreaterThan(76);
        expect(key?.height).toBeGreaterThanOrEqual(120);
      }
      if (name === 'ticket') {
        // The number on one line, whole, as wide as the screen allows.
        const number = await page.getByTestId('ticket-number').boundingBox();
        expect(number?.height).toBeLessThan(300);
        expect((number?.x ?? -1) >= 0 && (number?.x ?? 0) + (number?.width ?? 0) <= 1080).toBe(true);
      }
      bands[name] = await largestEmptyBand();
      await screenshot(page, `kiosk-fills-portrait-${name}`);
    }
    // No band of empty glass taller than a sixth of the screen on any of them.
    const tooEmpty = Object.entries(bands).filter(([, band]) => band >= 1 / 6);
    expect(tooEmpty).toEqual([]);
  });

  it('shows no warning text smaller than 24 px, in portrait and landscape', async () => {
    printer.set({ paper: 'out' });
    const smallest = () =>
      page.evaluate(() => {
        const warnings = document.querySelectorAll(
          '.device-problems, .device-problems *, .notice.warn, .notice.warn *, .error, .error *, [role="alert"], [role="alert"] *',
        );
        const sizes = [...warnings]
          .filter((element) => [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent?.trim()))
          .map((element) => parseFloat(getComputedStyle(element).fontSize));
        return sizes.length ? Math.min(...sizes) : null;
      });
    for (const [viewport, booking] of [
      [portrait, 'MPDPS-00005'],
      [landscape, 'MPDPS-00006'],
    ] as const) {
      await context?.close();
      await openKiosk(viewport);
      await printerDownShown();
      expect(await smallest()).toBeGreaterThanOrEqual(24);
      await scan(booking);
      await page.locator('[data-print="failed"]').waitFor();
      expect(await smallest()).toBeGreaterThanOrEqual(24);
      await page.getByRole('button', { name: 'Selesai' }).click();
      await scan('MPDPS-99999');
      await page.locator('[data-screen="error"]').waitFor();
      expect(await smallest()).toBeGreaterThanOrEqual(24);
    }
  });
});
