import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandLine } from '../../src-main/services/context.ts';
import { importAppointments } from '../../src-main/services/importAppointments.ts';
import { addUser } from '../../src-main/services/officers.ts';
import { appointmentCsv, sampleAppointment } from '../support/bookings.ts';
import {
  launchChromium,
  officerSignIn,
  openStation as openStationAt,
  wedgeScan,
} from '../support/browser.ts';
import { startTestHub, type TestHub } from '../support/hub.ts';
import { oldTermsIn } from '../support/words.ts';

/**
 * What every station UI renders, in both languages, read for the terms the words review replaced
 * (tests/support/words.ts): the kiosk's screens, a counter with a citizen called, the board with
 * the call, the supervisor console, each tab of the print station and the help desk with a citizen
 * found. The source scan (tests/unit/words.test.ts) reads the texts; this reads the screens.
 */
let browser: Browser;
let t: TestHub;
const contexts: BrowserContext[] = [];
const tokens = { kiosk: '', counter: '', display: '', supervisor: '', print: '', desk: '' };
/** Each screen's text as rendered, by a name for the report. */
const seen = new Map<string, string>();

beforeAll(async () => {
  browser = await launchChromium();
  t = await startTestHub();
  const ctx = { store: t.hub.store, clock: t.clock };
  importAppointments(ctx, commandLine, {
    format: 'csv',
    content: appointmentCsv(Array.from({ length: 4 }, (_, i) => sampleAppointment(i + 1))),
  });
  addUser(ctx, commandLine, {
    username: 'wayan',
    name: 'I Wayan Officer',
    role: 'officer',
    secret: '135790',
  });
  addUser(ctx, commandLine, {
    username: 'kadek',
    name: 'Kadek Supervisor',
    role: 'supervisor',
    secret: '975310',
  });
  addUser(ctx, commandLine, {
    username: 'putu',
    name: 'Putu Printer',
    role: 'print_operator',
    secret: '112233',
  });
  tokens.kiosk = t.pair('kiosk', 'Kios 1');
  tokens.counter = t.pair('counter', 'Loket 1');
  tokens.display = t.pair('display', 'Papan aula');
  tokens.supervisor = t.pair('supervisor', 'Supervisor');
  tokens.print = t.pair('print', 'Cetak paspor');
  tokens.desk = t.pair('helpdesk', 'Meja bantuan');
}, 60_000);

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await t?.close();
});

const openStation = (path: string, token: string, viewport = { width: 1600, height: 900 }) =>
  openStationAt(browser, contexts, `${t.hub.url}${path}`, token, viewport);

/** Reads the page's text in Bahasa Indonesia and in English (the language button switches it). */
async function read(page: Page, name: string) {
  seen.set(`${name} (id)`, await page.locator('body').innerText());
  const toEnglish = page.getByRole('button', { name: 'English', exact: true });
  if ((await toEnglish.count()) === 1) {
    await toEnglish.click();
    await page.getByRole('button', { name: 'Bahasa Indonesia', exact: true }).waitFor();
    seen.set(`${name} (en)`, await page.locator('body').innerText());
    await page.getByRole('button', { name: 'Bahasa Indonesia', exact: true }).click();
  }
}

describe('the words every station UI shows', () => {
  it("the kiosk: idle with the day's quota, a refusal, and a ticket", async () => {
    const kiosk = await openStation('/kiosk', tokens.kiosk, { width: 1080, height: 1920 });
    await kiosk.locator('[data-screen="idle"]').waitFor();
    await read(kiosk, 'kiosk idle');
    await wedgeScan(kiosk, 'MPDPS-99999');
    await kiosk.locator('[data-screen="error"]').waitFor();
    seen.set('kiosk refusal', await kiosk.locator('body').innerText());
    await kiosk.getByRole('button', { name: 'Selesai' }).click();
    await kiosk.locator('[data-screen="idle"]').waitFor();
    await wedgeScan(kiosk, 'MPDPS-00001');
    await kiosk.locator('[data-screen="ticket"]').waitFor();
    seen.set('kiosk ticket', await kiosk.locator('body').innerText());
  });

  it('a counter with a citizen called, and the board showing the call', async () => {
    const board = await openStation('/display', tokens.display, { width: 1920, height: 1080 });
    await board.locator('[data-screen="board"]').waitFor();
    const counter = await openStation('/counter', tokens.counter);
    await officerSignIn(counter, 'wayan', '135790', 1);
    await counter.locator('[data-screen="counter"]').waitFor();
    await read(counter, 'counter waiting');
    await counter.getByTestId('call-next').click();
    await counter.getByTestId('current-number').waitFor();
    const called = await counter.locator('body').innerText();
    seen.set('counter called', called);
    // Values in words and dates as a form prints them: not "P", "elektronik" or 1961-02-11.
    expect(called).toContain('Perempuan');
    expect(called).toContain('11 Februari 1961');
    expect(called).toContain('Elektronik');
    expect(called).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    await board.getByTestId('latest-number').filter({ hasText: 'A2-001' }).waitFor();
    seen.set('board', await board.locator('body').innerText());
  });

  it('the supervisor console', async () => {
    const supervisor = await openStation('/supervisor', tokens.supervisor, { width: 1920, height: 1080 });
    await officerSignIn(supervisor, 'kadek', '975310');
    await supervisor.locator('[data-screen="floor"]').waitFor();
    await read(supervisor, 'supervisor');
  });

  it('each tab of the print station', async () => {
    const print = await openStation('/print', tokens.print);
    await officerSignIn(print, 'putu', '112233');
    await print.locator('[data-screen="print"]').waitFor();
    for (const tab of await print.locator('[data-tab]').all()) {
      const name = await tab.getAttribute('data-tab');
      await tab.click();
      await expect.poll(() => tab.getAttribute('aria-pressed')).toBe('true');
      seen.set(`print ${name}`, await print.locator('body').innerText());
    }
  });

  it('the help desk with a citizen found', async () => {
    const desk = await openStation('/helpdesk', tokens.desk);
    await officerSignIn(desk, 'wayan', '135790');
    await desk.locator('[data-screen="helpdesk"]').waitFor();
    await desk.getByLabel('Kode booking, NIK atau nama').fill('MPDPS-00001');
    await desk.getByRole('button', { name: 'Cari' }).click();
    await desk.getByTestId('citizen').first().waitFor();
    await read(desk, 'help desk');
  });

  it('carries none of the replaced terms on any screen read above', () => {
    expect(seen.size).toBeGreaterThanOrEqual(10);
    const found = [...seen].flatMap(([name, text]) => oldTermsIn(text).map((term) => `${name}: ${term}`));
    expect(found).toEqual([]);
  });
});
